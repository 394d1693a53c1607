package no.dhoindex.shared.xds.model;

import java.util.List;

/**
 * Where a document comes from: its authors, legal authenticator (XCN), when it was made and
 * which period of care it covers (HL7 DTM strings, UTC), and the patient as the source knows
 * them (CX id and PID-segment fields).
 */
public record Provenance(List<Author> authors, String legalAuthenticator, String creationTime,
                         String serviceStartTime, String serviceStopTime, String sourcePatientId,
                         List<String> sourcePatientInfo) {

    public Provenance {
        authors = List.copyOf(authors);
        sourcePatientInfo = List.copyOf(sourcePatientInfo);
    }
}
