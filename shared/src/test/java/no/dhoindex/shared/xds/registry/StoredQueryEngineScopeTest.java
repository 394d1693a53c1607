package no.dhoindex.shared.xds.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import org.junit.jupiter.api.Test;

/**
 * Every stored query, asked by a caller bound to patient A for patient B's objects (by entryUUID
 * and by uniqueId, full metadata and object references), finds nothing: exactly the answer for
 * objects that do not exist. The same digits under another authority are another patient.
 */
class StoredQueryEngineScopeTest {

    private static final PatientId A = PatientId.nationalId("15077510041");
    private static final PatientId B = PatientId.nationalId("05076600324");
    /** A's digits under another assigning authority (H-nummer): another person. */
    private static final PatientId A_ELSEWHERE = new PatientId("15077510041", "2.16.578.1.12.4.1.4.2");

    private static final Set<AvailabilityStatus> APPROVED = Set.of(AvailabilityStatus.APPROVED);

    private final FakeIndex index = new FakeIndex();
    private final Objects a = index.add(A, "a");
    private final Objects b = index.add(B, "b");
    private final Objects elsewhere = index.add(A_ELSEWHERE, "h");
    private final StoredQueryEngine engine = new StoredQueryEngine(index, 100, null);

    @Test
    void theBoundPatientsObjectsAreFoundByEveryQuery() {
        queriesAbout(b).forEach((name, query) -> {
            assertTrue(engine.run(query, false, PatientScope.of(B)).size() > 0, name + " found nothing for B itself");
            assertTrue(engine.run(query, true, PatientScope.of(B)).size() > 0, name + " (ObjectRef) found nothing");
        });
    }

    @Test
    void anotherPatientsObjectsAreAsAbsentAsObjectsThatDoNotExist() {
        queriesAbout(b).forEach((name, query) -> {
            assertEquals(0, engine.run(query, false, PatientScope.of(A)).size(), name + " showed A B's objects");
            assertEquals(0, engine.run(query, true, PatientScope.of(A)).size(), name + " (ObjectRef) showed B's");
        });
        // The same queries by id for objects that exist nowhere: the same (empty) answer.
        queriesAbout(new Objects(B, "missing")).forEach((name, query) -> {
            if (query.patient().isEmpty()) {
                assertEquals(0, engine.run(query, false, PatientScope.of(B)).size(), name);
            }
        });
    }

    @Test
    void theSameDigitsUnderAnotherAuthorityAreAnotherPatient() {
        queriesAbout(elsewhere).forEach((name, query) ->
                assertEquals(0, engine.run(query, true, PatientScope.of(A)).size(), name + " mixed up authorities"));
        queriesAbout(a).forEach((name, query) ->
                assertEquals(0, engine.run(query, true, PatientScope.of(A_ELSEWHERE)).size(), name));
    }

    @Test
    void aCallerBoundToNobodyFindsNothing() {
        queriesAbout(a).forEach((name, query) ->
                assertEquals(0, engine.run(query, true, PatientScope.none()).size(), name));
    }

    @Test
    void anUncheckedCallerSeesEveryPatient() {
        PatientScope unchecked = Caller.unchecked("test").patients();
        Stream.of(a, b, elsewhere).forEach(o -> queriesAbout(o).forEach((name, query) ->
                assertTrue(engine.run(query, true, unchecked).size() > 0, name + " for " + o.patient)));
        QueryResult both = engine.run(new StoredQuery.GetDocuments(ObjectSelector.byUuids(
                List.of(a.document, b.document))), true, unchecked);
        assertEquals(2, both.documents().size());
    }

    @Test
    void aMixedRequestAnswersOnlyTheBoundPatientsPart() {
        QueryResult result = engine.run(new StoredQuery.GetDocuments(ObjectSelector.byUuids(
                List.of(a.document, b.document, elsewhere.document))), false, PatientScope.of(A));
        assertEquals(List.of(a.document), result.documents().stream().map(DocumentPointer::entryUuid).toList());
    }

    /** The suite asks every stored query there is: a new one that is not asked here fails it. */
    @Test
    void everyStoredQueryIsAsked() {
        Set<Class<?>> asked = queriesAbout(a).values().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(StoredQuery.class.getPermittedSubclasses()), asked);
    }

    /** Each stored query (and each way of naming objects) about {@code o}'s objects. */
    private static Map<String, StoredQuery> queriesAbout(Objects o) {
        DocumentFilter approved = DocumentFilter.contents(APPROVED, Set.of(), CodeFilter.ANY, CodeFilter.ANY);
        DocumentFilter byReference = new DocumentFilter(APPROVED, Set.of(), CodeFilter.ANY, CodeFilter.ANY,
                CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, TimeRange.ANY,
                TimeRange.ANY, TimeRange.ANY, List.of(), List.of(o.reference));
        ObjectSelector document = ObjectSelector.byUuids(List.of(o.document));
        ObjectSelector documentUid = new ObjectSelector(List.of(), List.of(o.uid(o.document)));
        ObjectSelector folder = ObjectSelector.byUuids(List.of(o.folder));
        ObjectSelector folderUid = new ObjectSelector(List.of(), List.of(o.uid(o.folder)));
        ObjectSelector set = ObjectSelector.byUuids(List.of(o.set));
        ObjectSelector setUid = new ObjectSelector(List.of(), List.of(o.uid(o.set)));
        Set<AssociationType> relations = Set.of(AssociationType.APPEND);
        Set<DocumentEntryType> stable = Set.of(DocumentEntryType.STABLE);
        Map<String, StoredQuery> q = new LinkedHashMap<>();
        q.put("FindDocuments", new StoredQuery.FindDocuments(o.patient, approved));
        q.put("FindDocumentsByReferenceId", new StoredQuery.FindDocuments(o.patient, byReference));
        q.put("FindSubmissionSets", new StoredQuery.FindSubmissionSets(o.patient, APPROVED, List.of(), TimeRange.ANY,
                null, CodeFilter.ANY));
        q.put("FindFolders", new StoredQuery.FindFolders(o.patient, APPROVED, TimeRange.ANY, CodeFilter.ANY));
        q.put("GetAll", new StoredQuery.GetAll(o.patient, approved, APPROVED, APPROVED));
        q.put("GetDocuments by uuid", new StoredQuery.GetDocuments(document));
        q.put("GetDocuments by uniqueId", new StoredQuery.GetDocuments(documentUid));
        q.put("GetFolders by uuid", new StoredQuery.GetFolders(folder));
        q.put("GetFolders by uniqueId", new StoredQuery.GetFolders(folderUid));
        q.put("GetAssociations of a document", new StoredQuery.GetAssociations(document));
        q.put("GetAssociations of a submission set", new StoredQuery.GetAssociations(set));
        q.put("GetDocumentsAndAssociations by uuid", new StoredQuery.GetDocumentsAndAssociations(document));
        q.put("GetDocumentsAndAssociations by uniqueId", new StoredQuery.GetDocumentsAndAssociations(documentUid));
        q.put("GetSubmissionSets of a document", new StoredQuery.GetSubmissionSets(document));
        q.put("GetSubmissionSets of a folder", new StoredQuery.GetSubmissionSets(folder));
        q.put("GetSubmissionSetAndContents by uuid", new StoredQuery.GetSubmissionSetAndContents(set, approved));
        q.put("GetSubmissionSetAndContents by uniqueId", new StoredQuery.GetSubmissionSetAndContents(setUid, approved));
        q.put("GetFolderAndContents by uuid", new StoredQuery.GetFolderAndContents(folder, approved));
        q.put("GetFolderAndContents by uniqueId", new StoredQuery.GetFolderAndContents(folderUid, approved));
        q.put("GetFoldersForDocument by uuid", new StoredQuery.GetFoldersForDocument(document));
        q.put("GetFoldersForDocument by uniqueId", new StoredQuery.GetFoldersForDocument(documentUid));
        q.put("GetRelatedDocuments by uuid", new StoredQuery.GetRelatedDocuments(document, relations, stable));
        q.put("GetRelatedDocuments by uniqueId", new StoredQuery.GetRelatedDocuments(documentUid, relations, stable));
        return q;
    }

    /**
     * One patient's objects: a submission set holding a document, its addendum, a folder and the
     * folder's membership of the document; ids derive from {@code tag}.
     */
    private static final class Objects {
        final PatientId patient;
        final String set;
        final String document;
        final String addendum;
        final String folder;
        final String reference;
        final String tag;

        Objects(PatientId patient, String tag) {
            this.patient = patient;
            this.tag = tag;
            this.set = tag + "-set";
            this.document = tag + "-doc";
            this.addendum = tag + "-apnd";
            this.folder = tag + "-folder";
            this.reference = tag + "-ref^^^&1.2.3&ISO";
        }

        String uid(String uuid) {
            return "1.2.3." + uuid.hashCode();
        }
    }

    /**
     * The stored queries' look-ups over lists, honouring the scope as the registry's SQL and the
     * adapters' indexes do; the Find look-ups take the patient as given (the engine asks them only
     * for an admitted patient).
     */
    private static final class FakeIndex implements PointerIndex {
        private final List<DocumentPointer> documents = new java.util.ArrayList<>();
        private final List<SubmissionSet> sets = new java.util.ArrayList<>();
        private final List<Folder> folders = new java.util.ArrayList<>();
        private final Map<Association, PatientId> associations = new LinkedHashMap<>();

        Objects add(PatientId patient, String tag) {
            Objects o = new Objects(patient, tag);
            documents.add(document(o, o.document, List.of(o.reference)));
            documents.add(document(o, o.addendum, List.of()));
            sets.add(new SubmissionSet(id(o, o.set), AvailabilityStatus.APPROVED, patient, "1.2.3", "20250101120000",
                    null, List.of(), List.of(), null, null, Map.of()));
            folders.add(new Folder(id(o, o.folder), AvailabilityStatus.APPROVED, patient, List.of(), "20250101120000",
                    null, null, Map.of()));
            association(o, "ss-doc", AssociationType.HAS_MEMBER, o.set, o.document);
            association(o, "ss-apnd", AssociationType.HAS_MEMBER, o.set, o.addendum);
            association(o, "ss-folder", AssociationType.HAS_MEMBER, o.set, o.folder);
            association(o, "folder-doc", AssociationType.HAS_MEMBER, o.folder, o.document);
            association(o, "ss-folder-doc", AssociationType.HAS_MEMBER, o.set, o.tag + "-folder-doc");
            association(o, "apnd", AssociationType.APPEND, o.addendum, o.document);
            return o;
        }

        private static RegistryObjectId id(Objects o, String uuid) {
            return new RegistryObjectId(uuid, o.uid(uuid), uuid, "1", null);
        }

        private static DocumentPointer document(Objects o, String uuid, List<String> references) {
            return new DocumentPointer(id(o, uuid), AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, o.patient,
                    new DocumentCodes(null, null, null, null, null, List.of(), List.of()),
                    new Provenance(List.of(), null, "20250101120000", null, null, null, null), null, null, null,
                    references.stream().map(no.dhoindex.shared.xds.wire.Hl7v2Parts::referenceId).toList(), Map.of());
        }

        private void association(Objects o, String name, AssociationType type, String source, String target) {
            associations.put(new Association(o.tag + "-" + name, type, source, target, AvailabilityStatus.APPROVED,
                    "Original", null, Map.of(), null), o.patient);
        }

        private static <T> List<T> select(List<T> all, PatientScope scope, java.util.function.Function<T, PatientId> patient,
                                          Predicate<T> which) {
            return all.stream().filter(x -> scope.admits(patient.apply(x)) && which.test(x)).toList();
        }

        @Override
        public List<DocumentPointer> documentsByUuid(PatientScope scope, Collection<String> ids) {
            return select(documents, scope, DocumentPointer::patientId, d -> ids.contains(d.entryUuid()));
        }

        @Override
        public List<DocumentPointer> documentsByUniqueId(PatientScope scope, Collection<String> ids) {
            return select(documents, scope, DocumentPointer::patientId, d -> ids.contains(d.uniqueId()));
        }

        @Override
        public List<SubmissionSet> submissionSetsByUuid(PatientScope scope, Collection<String> ids) {
            return select(sets, scope, SubmissionSet::patientId, s -> ids.contains(s.entryUuid()));
        }

        @Override
        public List<SubmissionSet> submissionSetsByUniqueId(PatientScope scope, Collection<String> ids) {
            return select(sets, scope, SubmissionSet::patientId, s -> ids.contains(s.uniqueId()));
        }

        @Override
        public List<Folder> foldersByUuid(PatientScope scope, Collection<String> ids) {
            return select(folders, scope, Folder::patientId, f -> ids.contains(f.entryUuid()));
        }

        @Override
        public List<Folder> foldersByUniqueId(PatientScope scope, Collection<String> ids) {
            return select(folders, scope, Folder::patientId, f -> ids.contains(f.uniqueId()));
        }

        @Override
        public List<Association> associationsTouching(PatientScope scope, Collection<String> ids) {
            return select(List.copyOf(associations.keySet()), scope, associations::get,
                    x -> ids.contains(x.sourceUuid()) || ids.contains(x.targetUuid()));
        }

        @Override
        public List<Association> associationsByUuid(PatientScope scope, Collection<String> ids) {
            return select(List.copyOf(associations.keySet()), scope, associations::get, x -> ids.contains(x.entryUuid()));
        }

        @Override
        public List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit) {
            return documents.stream().filter(d -> d.patientId().equals(patientId) && filter.matches(d)).limit(limit)
                    .toList();
        }

        @Override
        public List<SubmissionSet> findSubmissionSets(StoredQuery.FindSubmissionSets query, int limit) {
            return sets.stream().filter(s -> s.patientId().equals(query.patientId())
                    && query.statuses().contains(s.status())).limit(limit).toList();
        }

        @Override
        public List<Folder> findFolders(StoredQuery.FindFolders query, int limit) {
            return folders.stream().filter(f -> f.patientId().equals(query.patientId())
                    && query.statuses().contains(f.status())).limit(limit).toList();
        }

        @Override
        public List<SubmissionSet> submissionSetsOfPatient(PatientId patientId, int limit) {
            return sets.stream().filter(s -> s.patientId().equals(patientId)).limit(limit).toList();
        }

        @Override
        public List<Folder> foldersOfPatient(PatientId patientId, int limit) {
            return folders.stream().filter(f -> f.patientId().equals(patientId)).limit(limit).toList();
        }
    }
}
