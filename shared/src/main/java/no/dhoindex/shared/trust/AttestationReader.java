package no.dhoindex.shared.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Reads the trust-framework attestation from a token's {@code authorization_details} (type
 * {@code nhn:tillitsrammeverk:parameters}, Tillitsrammeverk v1.1 shape). Returns {@code null}
 * where the token carries none.
 */
public final class AttestationReader {

    private AttestationReader() {
    }

    public static Attestation read(Object authorizationDetails) {
        List<?> details = authorizationDetails instanceof List<?> l ? l
                : authorizationDetails instanceof Map<?, ?> m ? List.of(m) : List.of();
        for (Object entry : details) {
            if (entry instanceof Map<?, ?> map && "nhn:tillitsrammeverk:parameters".equals(map.get("type"))) {
                return parse(map);
            }
        }
        return null;
    }

    private static Attestation parse(Map<?, ?> map) {
        Map<?, ?> practitioner = object(map, "practitioner");
        Map<?, ?> care = object(map, "care_relation");
        Attestation.Practitioner p = new Attestation.Practitioner(
                text(object(practitioner, "identifier"), "id"),
                text(object(practitioner, "identifier"), "name"),
                text(object(practitioner, "hpr_nr"), "id"),
                text(object(practitioner, "authorization"), "code"),
                text(object(practitioner, "legal_entity"), "id"),
                text(object(practitioner, "point_of_care"), "id"),
                text(object(practitioner, "department"), "id"));
        Map<?, ?> decision = object(care, "decision_ref");
        Attestation.CareRelation c = new Attestation.CareRelation(
                text(object(care, "healthcare_service"), "code"),
                text(object(care, "healthcare_service"), "system"),
                text(object(care, "purpose_of_use"), "code"),
                text(object(care, "purpose_of_use_details"), "code"),
                text(decision, "id"),
                Boolean.parseBoolean(String.valueOf(decision.get("user_selected"))));
        List<PatientId> patients = new ArrayList<>();
        if (map.get("patients") instanceof List<?> list) {
            for (Object patient : list) {
                if (patient instanceof Map<?, ?> pm) {
                    PatientId id = patientId(object(pm, "identifier"));
                    if (id != null) {
                        patients.add(id);
                    }
                }
            }
        }
        return new Attestation(p, c, patients);
    }

    /**
     * A patient is the id under its system ({@code urn:oid:<authority>}) together: an identifier
     * without a system, or with a system that is not an OID, names nobody (fail closed).
     */
    private static PatientId patientId(Map<?, ?> identifier) {
        String id = text(identifier, "id");
        String system = text(identifier, "system");
        if (id == null || system == null || !system.startsWith("urn:oid:")) {
            return null;
        }
        try {
            return PatientId.of(system.substring("urn:oid:".length()), id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<?, ?> object(Map<?, ?> map, String key) {
        return map != null && map.get(key) instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }
}
