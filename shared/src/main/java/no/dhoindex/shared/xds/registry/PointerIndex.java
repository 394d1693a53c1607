package no.dhoindex.shared.xds.registry;

import java.util.Collection;
import java.util.List;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;

/**
 * The look-ups the stored queries are composed of: implemented by the registry's database and
 * by each adapter over the pointers it has published (its XCA responding gateway answers the
 * same queries).
 *
 * <p>Every look-up by id takes the {@link PatientScope} of the caller and selects only objects of
 * that patient (another patient's object is not there, as if it did not exist); the Find look-ups
 * are by patient already, and the engine asks them only for a patient the scope admits.
 */
public interface PointerIndex {

    List<DocumentPointer> documentsByUuid(PatientScope scope, Collection<String> entryUuids);

    List<DocumentPointer> documentsByUniqueId(PatientScope scope, Collection<String> uniqueIds);

    /**
     * Every version of the entries with these logical ids (GetDocuments by $XDSDocumentEntryLogicalID).
     * An index that keeps first versions only has each entry's logical id as its entryUUID.
     */
    default List<DocumentPointer> documentsByLogicalId(PatientScope scope, Collection<String> logicalIds) {
        return documentsByUuid(scope, logicalIds);
    }

    List<SubmissionSet> submissionSetsByUuid(PatientScope scope, Collection<String> entryUuids);

    List<SubmissionSet> submissionSetsByUniqueId(PatientScope scope, Collection<String> uniqueIds);

    List<Folder> foldersByUuid(PatientScope scope, Collection<String> entryUuids);

    List<Folder> foldersByUniqueId(PatientScope scope, Collection<String> uniqueIds);

    /**
     * Every version of the folders with these logical ids (GetFolders by $XDSFolderLogicalID,
     * GetFolderAndContents at $MetadataLevel 2). An index that keeps first versions only has each
     * folder's logical id as its entryUUID.
     */
    default List<Folder> foldersByLogicalId(PatientScope scope, Collection<String> logicalIds) {
        return foldersByUuid(scope, logicalIds);
    }

    /** Associations of the scope's patient whose source or target is one of the given objects. */
    List<Association> associationsTouching(PatientScope scope, Collection<String> entryUuids);

    List<Association> associationsByUuid(PatientScope scope, Collection<String> entryUuids);

    /** FindDocuments: the patient's entries matching the filter, newest first, at most {@code limit}. */
    List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit);

    List<SubmissionSet> findSubmissionSets(StoredQuery.FindSubmissionSets query, int limit);

    List<Folder> findFolders(StoredQuery.FindFolders query, int limit);

    /** Every submission set and folder of the patient with one of the statuses (for GetAll). */
    List<SubmissionSet> submissionSetsOfPatient(PatientId patientId, int limit);

    List<Folder> foldersOfPatient(PatientId patientId, int limit);
}
