package no.dhoindex.adapters.xca;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.sharing.Requester;
import no.dhoindex.adapters.sharing.SharingRules;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.registry.PointerIndex;

/**
 * What the organisation's responding gateway can show one requester: the DocumentEntries it has
 * published, less what its sharing rules withhold from that requester (never visible, so never
 * counted or returned). The adapter keeps documents, not submission sets, folders or
 * associations: those queries find nothing here. Look-ups by id select only the caller's
 * patient's pointers (in the ledger's SQL), before the sharing rules are applied to what is left.
 */
final class PublishedPointerIndex implements PointerIndex {

    private final PointerLedger ledger;
    private final SharingRules sharing;
    private final Optional<Requester> requester;

    PublishedPointerIndex(PointerLedger ledger, SharingRules sharing, Optional<Requester> requester) {
        this.ledger = ledger;
        this.sharing = sharing;
        this.requester = requester;
    }

    private List<DocumentPointer> shareable(List<DocumentPointer> pointers) {
        return sharing.shareable(pointers, requester);
    }

    @Override
    public List<DocumentPointer> documentsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return shareable(ledger.byEntryUuids(scope, entryUuids));
    }

    @Override
    public List<DocumentPointer> documentsByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return shareable(ledger.byUniqueIds(scope, uniqueIds));
    }

    @Override
    public List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit) {
        return shareable(ledger.ofPatient(patientId)).stream().filter(filter::matches)
                .sorted(Comparator.comparing((DocumentPointer d) -> String.valueOf(d.provenance().creationTime()))
                        .reversed())
                .limit(limit).toList();
    }

    @Override
    public List<SubmissionSet> submissionSetsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<SubmissionSet> submissionSetsByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return List.of();
    }

    @Override
    public List<Folder> foldersByUuid(PatientScope scope, Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<Folder> foldersByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return List.of();
    }

    @Override
    public List<Association> associationsTouching(PatientScope scope, Collection<String> entryUuids) {
        return List.of();
    }

    @Override
    public List<Association> associationsByUuid(PatientScope scope, Collection<String> entryUuids) {
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
