package no.dhoindex.shared.xds.query;

import java.util.List;
import java.util.Set;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The fourteen stored queries of ITI-18 / ITI-38 (ITI TF-2a 3.18.4.1.2.3.7), as the registry
 * understands them. The wire edge validates parameter presence and number before building these.
 */
public sealed interface StoredQuery {

    /** The patient a Find or GetAll query is about; empty for queries by id (their answers say whose). */
    default java.util.Optional<PatientId> patient() {
        if (this instanceof FindDocuments q) {
            return java.util.Optional.of(q.patientId());
        } else if (this instanceof FindSubmissionSets q) {
            return java.util.Optional.of(q.patientId());
        } else if (this instanceof FindFolders q) {
            return java.util.Optional.of(q.patientId());
        } else if (this instanceof GetAll q) {
            return java.util.Optional.of(q.patientId());
        }
        return java.util.Optional.empty();
    }

    /** FindDocuments and FindDocumentsByReferenceId (non-empty {@code referenceIds}). */
    record FindDocuments(PatientId patientId, DocumentFilter filter) implements StoredQuery {
    }

    record FindSubmissionSets(PatientId patientId, Set<AvailabilityStatus> statuses, List<String> sourceIds,
                              TimeRange submissionTime, String authorPerson, CodeFilter contentTypeCodes)
            implements StoredQuery {
    }

    /** {@code allVersions}: every version of each folder ($MetadataLevel 2), else only the latest. */
    record FindFolders(PatientId patientId, Set<AvailabilityStatus> statuses, TimeRange lastUpdateTime,
                       CodeFilter codes, boolean allVersions) implements StoredQuery {

        public FindFolders(PatientId patientId, Set<AvailabilityStatus> statuses, TimeRange lastUpdateTime,
                           CodeFilter codes) {
            this(patientId, statuses, lastUpdateTime, codes, false);
        }
    }

    record GetAll(PatientId patientId, DocumentFilter documents, Set<AvailabilityStatus> submissionSetStatuses,
                  Set<AvailabilityStatus> folderStatuses) implements StoredQuery {
    }

    record GetDocuments(ObjectSelector selector) implements StoredQuery {
    }

    record GetFolders(ObjectSelector selector) implements StoredQuery {
    }

    record GetAssociations(ObjectSelector selector) implements StoredQuery {
    }

    record GetDocumentsAndAssociations(ObjectSelector selector) implements StoredQuery {
    }

    record GetSubmissionSets(ObjectSelector selector) implements StoredQuery {
    }

    record GetSubmissionSetAndContents(ObjectSelector selector, DocumentFilter documents) implements StoredQuery {
    }

    /**
     * {@code allVersions}: every version of the folder ($MetadataLevel 2), else the one named (by
     * entryUUID) or the latest (by uniqueId); {@code associationStatuses}: the memberships answered
     * ($XDSAssociationStatus, Approved by default: ITI TF-2a 3.18.4.1.2.3.5.1).
     */
    record GetFolderAndContents(ObjectSelector selector, DocumentFilter documents, boolean allVersions,
                                Set<AvailabilityStatus> associationStatuses) implements StoredQuery {

        public GetFolderAndContents {
            associationStatuses = approvedUnlessNamed(associationStatuses);
        }

        public GetFolderAndContents(ObjectSelector selector, DocumentFilter documents) {
            this(selector, documents, false, Set.of());
        }
    }

    record GetFoldersForDocument(ObjectSelector selector) implements StoredQuery {
    }

    /** {@code associationStatuses}: the relations answered ($XDSAssociationStatus, Approved by default). */
    record GetRelatedDocuments(ObjectSelector selector, Set<AssociationType> associationTypes,
                               Set<no.dhoindex.shared.xds.model.DocumentEntryType> types,
                               Set<AvailabilityStatus> associationStatuses) implements StoredQuery {

        public GetRelatedDocuments {
            associationStatuses = approvedUnlessNamed(associationStatuses);
        }

        public GetRelatedDocuments(ObjectSelector selector, Set<AssociationType> associationTypes,
                                   Set<no.dhoindex.shared.xds.model.DocumentEntryType> types) {
            this(selector, associationTypes, types, Set.of());
        }
    }

    /**
     * $XDSAssociationStatus: without it only approved associations are answered; a deprecated one
     * (Metadata Update) only when asked for (ITI TF-2a 3.18.4.1.2.3.5.1).
     */
    private static Set<AvailabilityStatus> approvedUnlessNamed(Set<AvailabilityStatus> statuses) {
        return statuses == null || statuses.isEmpty() ? Set.of(AvailabilityStatus.APPROVED) : Set.copyOf(statuses);
    }
}
