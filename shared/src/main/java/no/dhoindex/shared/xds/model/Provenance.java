package no.dhoindex.shared.xds.model;

import java.util.List;

/**
 * Where a document comes from: its authors, legal authenticator, when it was made and which period of care it
 * covers (HL7 DTM strings, UTC), and the patient as the source knows them: an identifier, and their demographics
 * ({@code sourcePatient}, null when the source sent none).
 */
public record Provenance(List<Author> authors, Person legalAuthenticator, String creationTime,
                         String serviceStartTime, String serviceStopTime, Identifier sourcePatientId,
                         SourcePatient sourcePatient) {

    public Provenance {
        authors = List.copyOf(authors);
    }
}
