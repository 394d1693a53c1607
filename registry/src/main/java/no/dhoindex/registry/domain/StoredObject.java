package no.dhoindex.registry.domain;

import no.dhoindex.shared.xds.model.AvailabilityStatus;

/**
 * One registry object as a removal needs it: what kind it is, whose patient's (CX), its status, and
 * the identifier that says which organisation it is (a submission set's sourceId, a document entry's
 * repositoryUniqueId; none for folders and associations, which are owned through what holds them).
 */
public record StoredObject(String entryUuid, Kind kind, String patientCx, AvailabilityStatus status, String ownerId) {

    public enum Kind { SUBMISSION_SET, DOCUMENT_ENTRY, FOLDER, ASSOCIATION }

    public boolean is(Kind k) {
        return kind == k;
    }
}
