package no.dhoindex.registry.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.registry.domain.UpdatePlan;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;

/**
 * The registry's store in memory, for the application's unit tests: the same all-or-nothing and
 * conditional semantics as the JDBC store (a superseded version must still be the latest, a status
 * change must find the status it expects), without a database.
 */
final class InMemoryPointerStore implements PointerStore {

    final Map<String, DocumentPointer> documents = new LinkedHashMap<>();
    final Map<String, Folder> folders = new LinkedHashMap<>();
    final Map<String, Association> associations = new LinkedHashMap<>();
    final Map<String, SubmissionSet> sets = new LinkedHashMap<>();
    /** entryUUIDs of versions that are no longer the latest. */
    final Set<String> superseded = new HashSet<>();

    @Override
    public void apply(RegistrationPlan plan) {
        sets.put(plan.submissionSet().entryUuid(), plan.submissionSet());
        plan.documents().forEach(d -> documents.put(d.entryUuid(), d));
        plan.folders().forEach(f -> folders.put(f.entryUuid(), f));
        plan.associations().forEach(a -> associations.put(a.entryUuid(), a));
        plan.deprecatedDocumentUuids().forEach(u -> documents.computeIfPresent(u,
                (k, d) -> d.withStatus(AvailabilityStatus.DEPRECATED)));
    }

    @Override
    public void apply(UpdatePlan plan) {
        // Check everything first: nothing changes unless all of it can (one transaction).
        for (String uuid : plan.supersededDocumentUuids()) {
            if (superseded.contains(uuid) || !documents.containsKey(uuid)) {
                throw new XdsRefusal(XdsErrorCode.METADATA_VERSION_ERROR, uuid + " is no longer the latest");
            }
        }
        for (UpdatePlan.StatusChange c : plan.statusChanges()) {
            AvailabilityStatus current = switch (c.kind()) {
                case DOCUMENT -> documents.get(c.entryUuid()).status();
                case FOLDER -> folders.get(c.entryUuid()).status();
                case ASSOCIATION -> associations.get(c.entryUuid()).status();
            };
            if (current != c.from()) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, c.entryUuid() + " changed concurrently");
            }
        }
        for (String uuid : plan.supersededDocumentUuids()) {
            superseded.add(uuid);
            documents.computeIfPresent(uuid, (k, d) -> d.withStatus(AvailabilityStatus.DEPRECATED));
        }
        for (String uuid : plan.supersededFolderUuids()) {
            superseded.add(uuid);
            folders.computeIfPresent(uuid, (k, f) -> f.withStatus(AvailabilityStatus.DEPRECATED));
        }
        for (UpdatePlan.StatusChange c : plan.statusChanges()) {
            switch (c.kind()) {
                case DOCUMENT -> documents.computeIfPresent(c.entryUuid(), (k, d) -> d.withStatus(c.to()));
                case FOLDER -> folders.computeIfPresent(c.entryUuid(), (k, f) -> f.withStatus(c.to()));
                case ASSOCIATION -> associations.computeIfPresent(c.entryUuid(), (k, a) -> a.withStatus(c.to()));
            }
        }
        apply(plan.additions());
    }

    @Override
    public List<String> existingUuids(Collection<String> entryUuids) {
        return entryUuids.stream().filter(u -> documents.containsKey(u) || folders.containsKey(u)
                || associations.containsKey(u) || sets.containsKey(u)).toList();
    }

    @Override
    public List<DocumentPointer> documentsAcrossPatientsByUuid(Collection<String> entryUuids) {
        return select(documents.values(), d -> entryUuids.contains(d.entryUuid()));
    }

    @Override
    public List<DocumentPointer> documentsAcrossPatientsByUniqueId(Collection<String> uniqueIds) {
        return select(documents.values(), d -> uniqueIds.contains(d.uniqueId()));
    }

    @Override
    public List<Folder> foldersAcrossPatientsByUuid(Collection<String> entryUuids) {
        return select(folders.values(), f -> entryUuids.contains(f.entryUuid()));
    }

    @Override
    public List<DocumentPointer> latestDocumentsAcrossPatientsByLogicalId(Collection<String> logicalIds) {
        return select(documents.values(), d -> logicalIds.contains(d.id().logicalUuid())
                && !superseded.contains(d.entryUuid()));
    }

    @Override
    public List<Folder> latestFoldersAcrossPatientsByLogicalId(Collection<String> logicalIds) {
        return select(folders.values(), f -> logicalIds.contains(f.id().logicalUuid())
                && !superseded.contains(f.entryUuid()));
    }

    @Override
    public List<Association> associationsAcrossPatientsByUuid(Collection<String> entryUuids) {
        return select(associations.values(), a -> entryUuids.contains(a.entryUuid()));
    }

    @Override
    public List<String> registeredSetAndFolderUniqueIds(Collection<String> uniqueIds) {
        List<String> found = new ArrayList<>();
        sets.values().stream().map(SubmissionSet::uniqueId).filter(uniqueIds::contains).forEach(found::add);
        folders.values().stream().map(Folder::uniqueId).filter(uniqueIds::contains).forEach(found::add);
        return found;
    }

    @Override
    public List<DocumentPointer> documentsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return select(documents.values(), d -> entryUuids.contains(d.entryUuid()) && scope.admits(d.patientId()));
    }

    @Override
    public List<DocumentPointer> documentsByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return select(documents.values(), d -> uniqueIds.contains(d.uniqueId()) && scope.admits(d.patientId()));
    }

    @Override
    public List<SubmissionSet> submissionSetsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return select(sets.values(), s -> entryUuids.contains(s.entryUuid()) && scope.admits(s.patientId()));
    }

    @Override
    public List<SubmissionSet> submissionSetsByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return select(sets.values(), s -> uniqueIds.contains(s.uniqueId()) && scope.admits(s.patientId()));
    }

    @Override
    public List<Folder> foldersByUuid(PatientScope scope, Collection<String> entryUuids) {
        return select(folders.values(), f -> entryUuids.contains(f.entryUuid()) && scope.admits(f.patientId()));
    }

    @Override
    public List<Folder> foldersByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return select(folders.values(), f -> uniqueIds.contains(f.uniqueId()) && scope.admits(f.patientId()));
    }

    @Override
    public List<Folder> foldersByLogicalId(PatientScope scope, Collection<String> logicalIds) {
        return select(folders.values(), f -> logicalIds.contains(f.id().logicalUuid()) && scope.admits(f.patientId()));
    }

    @Override
    public List<Association> associationsTouching(PatientScope scope, Collection<String> entryUuids) {
        return select(associations.values(), a -> entryUuids.contains(a.sourceUuid())
                || entryUuids.contains(a.targetUuid()));
    }

    @Override
    public List<Association> associationsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return select(associations.values(), a -> entryUuids.contains(a.entryUuid()));
    }

    @Override
    public List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit) {
        return select(documents.values(), d -> d.patientId().equals(patientId) && filter.matches(d));
    }

    @Override
    public List<SubmissionSet> findSubmissionSets(StoredQuery.FindSubmissionSets query, int limit) {
        return select(sets.values(), s -> s.patientId().equals(query.patientId()));
    }

    @Override
    public List<Folder> findFolders(StoredQuery.FindFolders query, int limit) {
        return select(folders.values(), f -> f.patientId().equals(query.patientId()));
    }

    @Override
    public List<SubmissionSet> submissionSetsOfPatient(PatientId patientId, int limit) {
        return select(sets.values(), s -> s.patientId().equals(patientId));
    }

    @Override
    public List<Folder> foldersOfPatient(PatientId patientId, int limit) {
        return select(folders.values(), f -> f.patientId().equals(patientId));
    }

    private static <T> List<T> select(Collection<T> all, Predicate<T> which) {
        return all.stream().filter(which).toList();
    }
}
