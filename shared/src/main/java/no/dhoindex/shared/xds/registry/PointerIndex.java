package no.dhoindex.shared.xds.registry;

import java.util.Collection;
import java.util.List;
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
 */
public interface PointerIndex {

    List<DocumentPointer> documentsByUuid(Collection<String> entryUuids);

    List<DocumentPointer> documentsByUniqueId(Collection<String> uniqueIds);

    List<SubmissionSet> submissionSetsByUuid(Collection<String> entryUuids);

    List<SubmissionSet> submissionSetsByUniqueId(Collection<String> uniqueIds);

    List<Folder> foldersByUuid(Collection<String> entryUuids);

    List<Folder> foldersByUniqueId(Collection<String> uniqueIds);

    /** Associations whose source or target is one of the given objects. */
    List<Association> associationsTouching(Collection<String> entryUuids);

    List<Association> associationsByUuid(Collection<String> entryUuids);

    /** FindDocuments: the patient's entries matching the filter, newest first, at most {@code limit}. */
    List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit);

    List<SubmissionSet> findSubmissionSets(StoredQuery.FindSubmissionSets query, int limit);

    List<Folder> findFolders(StoredQuery.FindFolders query, int limit);

    /** Every submission set and folder of the patient with one of the statuses (for GetAll). */
    List<SubmissionSet> submissionSetsOfPatient(PatientId patientId, int limit);

    List<Folder> foldersOfPatient(PatientId patientId, int limit);
}
