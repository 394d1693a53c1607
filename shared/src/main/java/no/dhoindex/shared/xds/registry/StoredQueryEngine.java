package no.dhoindex.shared.xds.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.StoredQuery;

/**
 * The fourteen stored queries of ITI-18 / ITI-38 (ITI TF-2a 3.18.4.1.2.3.7), composed from a
 * {@link PointerIndex}'s look-ups. Answers with more than {@code maxResults} objects are refused
 * with XDSTooManyResults; by-id queries spanning patients with XDSResultNotSinglePatient.
 */
public final class StoredQueryEngine {

    private final PointerIndex store;
    private final int maxResults;
    private final String homeCommunityId;

    /** {@code homeCommunityId}, when not null, is stamped on every object returned. */
    public StoredQueryEngine(PointerIndex store, int maxResults, String homeCommunityId) {
        this.store = store;
        this.maxResults = maxResults;
        this.homeCommunityId = homeCommunityId;
    }

    /** Runs a query for full metadata (LeafClass) for a caller bound to {@code scope}. */
    public QueryResult run(StoredQuery query, PatientScope scope) {
        return run(query, false, scope);
    }

    /**
     * Runs a query for a caller bound to {@code scope}: every object is selected only among the
     * scope's patient's (a Find query about another patient finds nothing; an id of another
     * patient's object is as unknown as an id that exists nowhere). Full metadata about more than
     * one patient is refused (XDSResultNotSinglePatient), object references are not, as they
     * disclose no patient data (ITI-18 expected actions; NIST 12368).
     */
    public QueryResult run(StoredQuery query, boolean objectRefsOnly, PatientScope scope) {
        java.util.Objects.requireNonNull(scope, "scope");
        QueryResult result = query.patient().filter(p -> !scope.admits(p)).isPresent() ? QueryResult.EMPTY
                : dispatch(query, scope);
        inScope(result, scope);
        if (!objectRefsOnly) {
            singlePatient(result);
        }
        if (result.size() > maxResults) {
            throw new XdsRefusal(XdsErrorCode.TOO_MANY_RESULTS, "The query matches more than "
                    + maxResults + " objects; narrow it down");
        }
        return stamp(result);
    }

    /**
     * A look-up that returned an object outside the scope is a defect of that look-up: the answer
     * is not given at all (fail closed), never filtered.
     */
    private static void inScope(QueryResult result, PatientScope scope) {
        boolean outside = result.documents().stream().anyMatch(d -> !scope.admits(d.patientId()))
                || result.submissionSets().stream().anyMatch(s -> !scope.admits(s.patientId()))
                || result.folders().stream().anyMatch(f -> !scope.admits(f.patientId()));
        if (outside) {
            throw new IllegalStateException("a pointer look-up selected an object outside the caller's patient scope");
        }
    }

    private QueryResult dispatch(StoredQuery query, PatientScope scope) {
        if (query instanceof StoredQuery.FindDocuments q) {
            return documents(store.findDocuments(q.patientId(), q.filter(), limit()));
        } else if (query instanceof StoredQuery.FindSubmissionSets q) {
            return new QueryResult(List.of(), store.findSubmissionSets(q, limit()), List.of(), List.of());
        } else if (query instanceof StoredQuery.FindFolders q) {
            return new QueryResult(List.of(), List.of(), store.findFolders(q, limit()), List.of());
        } else if (query instanceof StoredQuery.GetAll q) {
            return getAll(scope, q);
        } else if (query instanceof StoredQuery.GetDocuments q) {
            return documents(documentsOf(scope, q.selector()));
        } else if (query instanceof StoredQuery.GetFolders q) {
            return new QueryResult(List.of(), List.of(), foldersOf(scope, q.selector()), List.of());
        } else if (query instanceof StoredQuery.GetAssociations q) {
            return new QueryResult(List.of(), List.of(), List.of(), store.associationsTouching(scope, q.selector().entryUuids()));
        } else if (query instanceof StoredQuery.GetDocumentsAndAssociations q) {
            return documentsAndAssociations(scope, q.selector());
        } else if (query instanceof StoredQuery.GetSubmissionSets q) {
            return submissionSetsContaining(scope, q.selector().entryUuids());
        } else if (query instanceof StoredQuery.GetSubmissionSetAndContents q) {
            return submissionSetAndContents(scope, q);
        } else if (query instanceof StoredQuery.GetFolderAndContents q) {
            return folderAndContents(scope, q);
        } else if (query instanceof StoredQuery.GetFoldersForDocument q) {
            return foldersForDocument(scope, q.selector());
        } else if (query instanceof StoredQuery.GetRelatedDocuments q) {
            return relatedDocuments(scope, q);
        }
        throw new XdsRefusal(XdsErrorCode.UNKNOWN_STORED_QUERY, "Unknown stored query " + query);
    }

    /** One more than the limit, so that an overflow is noticed without reading everything. */
    private int limit() {
        return maxResults + 1;
    }

    private static QueryResult documents(List<DocumentPointer> documents) {
        return new QueryResult(documents, List.of(), List.of(), List.of());
    }

    private QueryResult getAll(PatientScope scope, StoredQuery.GetAll q) {
        List<DocumentPointer> documents = store.findDocuments(q.patientId(), q.documents(), limit());
        List<SubmissionSet> sets = store.submissionSetsOfPatient(q.patientId(), limit()).stream()
                .filter(s -> q.submissionSetStatuses().contains(s.status())).toList();
        List<Folder> folders = store.foldersOfPatient(q.patientId(), limit()).stream()
                .filter(f -> q.folderStatuses().contains(f.status())).toList();
        Set<String> ids = new LinkedHashSet<>();
        documents.forEach(d -> ids.add(d.entryUuid()));
        sets.forEach(s -> ids.add(s.entryUuid()));
        folders.forEach(f -> ids.add(f.entryUuid()));
        return new QueryResult(documents, sets, folders, associationsAmong(scope, ids));
    }

    private List<DocumentPointer> documentsOf(PatientScope scope, ObjectSelector selector) {
        if (!selector.logicalIds().isEmpty()) {
            return store.documentsByLogicalId(scope, selector.logicalIds());
        }
        return selector.entryUuids().isEmpty() ? store.documentsByUniqueId(scope, selector.uniqueIds())
                : store.documentsByUuid(scope, selector.entryUuids());
    }

    private List<Folder> foldersOf(PatientScope scope, ObjectSelector selector) {
        if (!selector.logicalIds().isEmpty()) {
            return store.foldersByLogicalId(scope, selector.logicalIds());
        }
        return selector.entryUuids().isEmpty() ? store.foldersByUniqueId(scope, selector.uniqueIds())
                : store.foldersByUuid(scope, selector.entryUuids());
    }

    private QueryResult documentsAndAssociations(PatientScope scope, ObjectSelector selector) {
        List<DocumentPointer> documents = documentsOf(scope, selector);
        List<Association> associations = documents.isEmpty() ? List.of()
                : store.associationsTouching(scope, documents.stream().map(DocumentPointer::entryUuid).toList());
        return new QueryResult(documents, List.of(), List.of(), associations);
    }

    /** The submission sets that hold the given objects as members, with those HasMember links. */
    private QueryResult submissionSetsContaining(PatientScope scope, Collection<String> memberUuids) {
        List<Association> memberships = store.associationsTouching(scope, memberUuids).stream()
                .filter(a -> a.type() == AssociationType.HAS_MEMBER && memberUuids.contains(a.targetUuid()))
                .toList();
        List<SubmissionSet> sets = store.submissionSetsByUuid(scope, 
                memberships.stream().map(Association::sourceUuid).distinct().toList());
        Set<String> setUuids = sets.stream().map(SubmissionSet::entryUuid).collect(Collectors.toSet());
        List<Association> links = memberships.stream().filter(a -> setUuids.contains(a.sourceUuid())).toList();
        return new QueryResult(List.of(), sets, List.of(), links);
    }

    private QueryResult submissionSetAndContents(PatientScope scope, StoredQuery.GetSubmissionSetAndContents q) {
        ObjectSelector s = q.selector();
        List<SubmissionSet> sets = s.entryUuids().isEmpty() ? store.submissionSetsByUniqueId(scope, s.uniqueIds())
                : store.submissionSetsByUuid(scope, s.entryUuids());
        if (sets.isEmpty()) {
            return QueryResult.EMPTY;
        }
        SubmissionSet set = sets.get(0);
        List<Association> members = store.associationsTouching(scope, List.of(set.entryUuid())).stream()
                .filter(a -> a.type() == AssociationType.HAS_MEMBER && a.sourceUuid().equals(set.entryUuid()))
                .toList();
        List<String> targets = members.stream().map(Association::targetUuid).toList();
        List<DocumentPointer> documents = store.documentsByUuid(scope, targets).stream()
                .filter(q.documents()::matches).toList();
        List<Folder> folders = store.foldersByUuid(scope, targets);
        Set<String> returned = new LinkedHashSet<>();
        returned.add(set.entryUuid());
        documents.forEach(d -> returned.add(d.entryUuid()));
        folders.forEach(f -> returned.add(f.entryUuid()));
        // Member associations (e.g. folder → document links submitted in this set) come along too.
        List<Association> memberAssociations = store.associationsByUuid(scope, targets).stream()
                .filter(a -> returned.contains(a.sourceUuid()) && returned.contains(a.targetUuid())).toList();
        Set<String> memberAssociationIds = memberAssociations.stream().map(Association::entryUuid)
                .collect(Collectors.toSet());
        List<Association> associations = new ArrayList<>(memberAssociations);
        members.stream().filter(a -> returned.contains(a.targetUuid()) || memberAssociationIds.contains(a.targetUuid()))
                .forEach(associations::add);
        return new QueryResult(documents, List.of(set), folders, associations);
    }

    /**
     * The folder and its members. At $MetadataLevel 2 every version of the folder with the members of
     * each; else the version named by entryUUID, or by uniqueId the latest (ITI TF-2a 3.18.4.1.2.3.5.1).
     * Memberships are answered with the statuses asked for ($XDSAssociationStatus, approved by default).
     */
    private QueryResult folderAndContents(PatientScope scope, StoredQuery.GetFolderAndContents q) {
        List<Folder> named = foldersOf(scope, q.selector());
        if (named.isEmpty()) {
            return QueryResult.EMPTY;
        }
        List<Folder> folders;
        if (q.allVersions()) {
            folders = store.foldersByLogicalId(scope, List.of(logicalId(named.get(0))));
        } else if (q.selector().entryUuids().isEmpty()) {
            folders = List.of(named.stream().max(Comparator.comparingInt(StoredQueryEngine::version)).orElseThrow());
        } else {
            folders = List.of(named.get(0));
        }
        folders = folders.stream().sorted(Comparator.comparingInt(StoredQueryEngine::version)).toList();
        Set<String> folderUuids = folders.stream().map(Folder::entryUuid).collect(Collectors.toSet());
        List<Association> members = store.associationsTouching(scope, folderUuids).stream()
                .filter(a -> a.type() == AssociationType.HAS_MEMBER && folderUuids.contains(a.sourceUuid())
                        && q.associationStatuses().contains(a.status()))
                .toList();
        List<DocumentPointer> documents = store.documentsByUuid(scope,
                        members.stream().map(Association::targetUuid).distinct().toList())
                .stream().filter(q.documents()::matches).toList();
        Set<String> documentUuids = documents.stream().map(DocumentPointer::entryUuid).collect(Collectors.toSet());
        List<Association> links = members.stream().filter(a -> documentUuids.contains(a.targetUuid())).toList();
        return new QueryResult(documents, List.of(), folders, links);
    }

    /** A folder's logical id: its own entryUUID when it is a first version. */
    private static String logicalId(Folder f) {
        return f.id().logicalUuid() == null ? f.entryUuid() : f.id().logicalUuid();
    }

    private static int version(Folder f) {
        return f.id().version() == null ? 1 : Integer.parseInt(f.id().version());
    }

    private QueryResult foldersForDocument(PatientScope scope, ObjectSelector selector) {
        List<DocumentPointer> documents = documentsOf(scope, selector);
        if (documents.isEmpty()) {
            return QueryResult.EMPTY;
        }
        List<String> documentUuids = documents.stream().map(DocumentPointer::entryUuid).toList();
        List<String> folderUuids = store.associationsTouching(scope, documentUuids).stream()
                .filter(a -> a.type() == AssociationType.HAS_MEMBER && documentUuids.contains(a.targetUuid()))
                .map(Association::sourceUuid).distinct().toList();
        return new QueryResult(List.of(), List.of(), store.foldersByUuid(scope, folderUuids), List.of());
    }

    private QueryResult relatedDocuments(PatientScope scope, StoredQuery.GetRelatedDocuments q) {
        List<DocumentPointer> documents = documentsOf(scope, q.selector());
        if (documents.isEmpty()) {
            return QueryResult.EMPTY;
        }
        DocumentPointer origin = documents.get(0);
        List<Association> relations = store.associationsTouching(scope, List.of(origin.entryUuid())).stream()
                .filter(a -> a.type().isDocumentRelationship() && q.associationTypes().contains(a.type())
                        && q.associationStatuses().contains(a.status()))
                .toList();
        if (relations.isEmpty()) {
            return QueryResult.EMPTY;
        }
        Set<String> related = new LinkedHashSet<>();
        relations.forEach(a -> {
            related.add(a.sourceUuid());
            related.add(a.targetUuid());
        });
        related.remove(origin.entryUuid());
        List<DocumentPointer> relatedDocuments = store.documentsByUuid(scope, related).stream()
                .filter(d -> q.types().contains(d.type())).toList();
        Set<String> present = Stream.concat(Stream.of(origin), relatedDocuments.stream())
                .map(DocumentPointer::entryUuid).collect(Collectors.toSet());
        List<DocumentPointer> all = new ArrayList<>();
        if (q.types().contains(origin.type())) {
            all.add(origin);
        }
        all.addAll(relatedDocuments);
        List<Association> links = relations.stream()
                .filter(a -> present.contains(a.sourceUuid()) && present.contains(a.targetUuid())).toList();
        return new QueryResult(all, List.of(), List.of(), links);
    }

    /**
     * The associations between the given objects, and those from one of them to such an
     * association (a submission set's HasMember of a folder membership).
     */
    private List<Association> associationsAmong(PatientScope scope, Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Association> touching = store.associationsTouching(scope, ids);
        Map<String, Association> byId = new LinkedHashMap<>();
        for (Association a : touching) {
            if (ids.contains(a.sourceUuid()) && ids.contains(a.targetUuid())) {
                byId.put(a.entryUuid(), a);
            }
        }
        for (Association a : touching) {
            if (ids.contains(a.sourceUuid()) && byId.containsKey(a.targetUuid())) {
                byId.put(a.entryUuid(), a);
            }
        }
        return List.copyOf(byId.values());
    }

    private static QueryResult singlePatient(QueryResult result) {
        Set<PatientId> patients = new LinkedHashSet<>();
        result.documents().forEach(d -> patients.add(d.patientId()));
        result.submissionSets().forEach(s -> patients.add(s.patientId()));
        result.folders().forEach(f -> patients.add(f.patientId()));
        if (patients.size() > 1) {
            throw new XdsRefusal(XdsErrorCode.RESULT_NOT_SINGLE_PATIENT,
                    "The objects asked for belong to more than one patient");
        }
        return result;
    }

    /** Puts the registry's homeCommunityId on every object when one is configured. */
    private QueryResult stamp(QueryResult result) {
        if (homeCommunityId == null) {
            return result;
        }
        String home = homeCommunityId;
        Function<RegistryObjectId, RegistryObjectId> at = id -> id.withHomeCommunityId(home);
        return new QueryResult(
                result.documents().stream().map(d -> d.withId(at.apply(d.id()))).toList(),
                result.submissionSets().stream().map(s -> new SubmissionSet(at.apply(s.id()), s.status(),
                        s.patientId(), s.sourceId(), s.submissionTime(), s.contentTypeCode(), s.authors(),
                        s.intendedRecipients(), s.title(), s.comments(), s.extraMetadata())).toList(),
                result.folders().stream().map(f -> new Folder(at.apply(f.id()), f.status(), f.patientId(), f.codes(),
                        f.lastUpdateTime(), f.title(), f.comments(), f.extraMetadata())).toList(),
                result.associations().stream().map(a -> a.withIds(a.entryUuid(), a.sourceUuid(), a.targetUuid(), home))
                        .toList());
    }

}
