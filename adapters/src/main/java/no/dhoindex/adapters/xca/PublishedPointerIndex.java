package no.dhoindex.adapters.xca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.sharing.SharingRules;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.registry.PointerIndex;

/**
 * What the organisation's responding gateway can see: the DocumentEntries it has published, less
 * what its sharing rules withhold (never visible, so never counted or returned). The adapter keeps
 * documents, not submission sets, folders or associations: those queries find nothing here.
 */
@ApplicationScoped
public class PublishedPointerIndex implements PointerIndex {

    @Inject
    PointerLedger ledger;

    @Inject
    SharingRules sharing;

    private List<DocumentPointer> shareable(List<DocumentPointer> pointers) {
        return pointers.stream().filter(sharing::mayLeave).toList();
    }

    @Override
    public List<DocumentPointer> documentsByUuid(Collection<String> entryUuids) {
        return shareable(ledger.byEntryUuids(entryUuids));
    }

    @Override
    public List<DocumentPointer> documentsByUniqueId(Collection<String> uniqueIds) {
        return shareable(ledger.byUniqueIds(uniqueIds));
    }

    @Override
    public List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit) {
        return shareable(ledger.ofPatient(patientId)).stream().filter(filter::matches)
                .sorted(Comparator.comparing((DocumentPointer d) -> String.valueOf(d.provenance().creationTime()))
                        .reversed())
                .limit(limit).toList();
    }

    @Override
    public List<SubmissionSet> submissionSetsByUuid(Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<SubmissionSet> submissionSetsByUniqueId(Collection<String> uniqueIds) {
        return List.of();
    }

    @Override
    public List<Folder> foldersByUuid(Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<Folder> foldersByUniqueId(Collection<String> uniqueIds) {
        return List.of();
    }

    @Override
    public List<Association> associationsTouching(Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<Association> associationsByUuid(Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<SubmissionSet> findSubmissionSets(StoredQuery.FindSubmissionSets query, int limit) {
        return List.of();
    }

    @Override
    public List<Folder> findFolders(StoredQuery.FindFolders query, int limit) {
        return List.of();
    }

    @Override
    public List<SubmissionSet> submissionSetsOfPatient(PatientId patientId, int limit) {
        return List.of();
    }

    @Override
    public List<Folder> foldersOfPatient(PatientId patientId, int limit) {
        return List.of();
    }
}
