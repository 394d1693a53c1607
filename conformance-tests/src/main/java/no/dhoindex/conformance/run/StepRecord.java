package no.dhoindex.conformance.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a step left for later steps: assigned ids (UseId) and named reports (UseReport). */
final class StepRecord {

    final Map<String, String> assignedUuids = new LinkedHashMap<>();
    final Map<String, String> assignedUids = new LinkedHashMap<>();
    final Map<String, String> assignedPatientIds = new LinkedHashMap<>();
    final Map<String, String> reports = new LinkedHashMap<>();

    Map<String, String> section(String name) {
        return switch (name) {
            case "AssignedUuids" -> assignedUuids;
            case "AssignedUids" -> assignedUids;
            case "AssignedPatientId" -> assignedPatientIds;
            default -> null;
        };
    }
}
