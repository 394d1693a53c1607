package no.dhoindex.registry.it;

import static no.dhoindex.registry.it.RegistryClient.documentUniqueIds;
import static no.dhoindex.registry.it.RegistryClient.findDocuments;
import static no.dhoindex.registry.it.RegistryClient.folderUniqueIds;
import static no.dhoindex.registry.it.RegistryClient.list;
import static no.dhoindex.registry.it.RegistryClient.submissionSetUniqueIds;
import static no.dhoindex.testsupport.StoredQueryBuilder.APPROVED;
import static no.dhoindex.testsupport.StoredQueryBuilder.DEPRECATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SubmissionBuilder.Document;
import no.dhoindex.testsupport.SyntheticIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fourteen ITI-18 stored queries (ITI TF-2a 3.18.4.1.2.3.7) and the ITI-42 lifecycle, over
 * SOAP against the running registry. Every test has patients of its own.
 */
abstract class StoredQueryContract {

    static final String LOINC = "2.16.840.1.113883.6.1";
    static final String CLASS = "2.16.578.1.12.4.1.1.9602";
    static final String RPLC = "urn:ihe:iti:2007:AssociationType:RPLC";
    static final String APND = "urn:ihe:iti:2007:AssociationType:APND";
    static final String XFRM = "urn:ihe:iti:2007:AssociationType:XFRM";
    static final String XFRM_RPLC = "urn:ihe:iti:2007:AssociationType:XFRM_RPLC";

    abstract PayaraMicroProcess server();

    RegistryClient registry;
    String patient;
    Document d1;
    Document d2;

    @BeforeEach
    void connect() {
        registry = new RegistryClient(server().uri("/registry/services/registry"), RegistryServers.dataDir(server()),
                RegistryServers.hospital(server()));
        patient = SyntheticIds.next();
        registry.about(patient);
    }

    /** Two documents that differ in every attribute FindDocuments selects on. */
    private void registerTwoDocuments() {
        d1 = SubmissionBuilder.document().set("creationTime", "20260101120000")
                .set("serviceStartTime", "20260101080000").set("serviceStopTime", "20260101100000")
                .eventCode("8867-4", LOINC);
        d2 = SubmissionBuilder.document().set("classCode", "B00-1").set("typeCode", "B01-1")
                .set("facilityCode", "87").set("practiceCode", "2").set("formatCode", "urn:no:format:pdf")
                .set("creationTime", "20260601120000").set("serviceStartTime", "20260601080000")
                .set("serviceStopTime", "20260602100000").set("authorPerson", "^Sykepleier^Ola^^^")
                .confidentiality("NORN_FFL").eventCode("8867-4", LOINC).eventCode("2708-6", LOINC);
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", d1).add("Doc2", d2).build());
    }

    private Set<String> find(StoredQueryBuilder query) {
        return documentUniqueIds(registry.found(query));
    }

    private Set<String> both() {
        return new java.util.TreeSet<>(Set.of(d1.uniqueId(), d2.uniqueId()));
    }

    @Test
    void findDocumentsSelectsOnEveryParameter() {
        registerTwoDocuments();
        assertEquals(both(), find(findDocuments(patient)));
        assertEquals(Set.of(d1.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryClassCode", list("A00-1^^" + CLASS))));
        assertEquals(both(), find(findDocuments(patient)
                .slot("$XDSDocumentEntryClassCode", list("A00-1^^" + CLASS, "B00-1^^" + CLASS))));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryTypeCode", list("B01-1^^" + CLASS))));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryPracticeSettingCode", list("2^^2.16.578.1.12.4.1.1.8653"))));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryHealthcareFacilityTypeCode", list("87^^2.16.578.1.12.4.1.1.1303"))));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryFormatCode", list("urn:no:format:pdf^^1.3.6.1.4.1.19376.1.2.3"))));
        assertEquals(Set.of(d1.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryAuthorPerson", list("^Lege%"))));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryAuthorPerson", list("%Sykepleier%"))));
        assertEquals(Set.of(), find(findDocuments(patient)
                .slot("$XDSDocumentEntryType", list(SubmissionBuilder.ON_DEMAND))));
    }

    @Test
    void multiValuedCodesAreOredWithinASlotAndAndedAcrossSlots() {
        registerTwoDocuments();
        assertEquals(both(), find(findDocuments(patient)
                .slot("$XDSDocumentEntryEventCodeList", list("8867-4^^" + LOINC))));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryEventCodeList", list("8867-4^^" + LOINC))
                .slot("$XDSDocumentEntryEventCodeList", list("2708-6^^" + LOINC))));
        assertEquals(both(), find(findDocuments(patient).slot("$XDSDocumentEntryConfidentialityCode",
                list("N^^2.16.578.1.12.4.1.1.9603", "NORN_FFL^^2.16.578.1.12.4.1.1.9603"))));
        assertEquals(Set.of(), find(findDocuments(patient)
                .slot("$XDSDocumentEntryConfidentialityCode", list("N^^2.16.578.1.12.4.1.1.9603"))
                .slot("$XDSDocumentEntryConfidentialityCode", list("NORN_FFL^^2.16.578.1.12.4.1.1.9603"))));
    }

    @Test
    void timeRangesIncludeFromAndExcludeTo() {
        registerTwoDocuments();
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryCreationTimeFrom", "20260301")));
        assertEquals(Set.of(d1.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryCreationTimeTo", "20260301")));
        assertEquals(Set.of(d1.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryCreationTimeFrom", "20260101120000")
                .slot("$XDSDocumentEntryCreationTimeTo", "20260601120000")));
        assertEquals(Set.of(d2.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryServiceStartTimeFrom", "202606")));
        assertEquals(Set.of(d1.uniqueId()), find(findDocuments(patient)
                .slot("$XDSDocumentEntryServiceStopTimeTo", "20260102")));
    }

    @Test
    void objectRefReturnsReferencesOnly() {
        registerTwoDocuments();
        Soap.Reply reply = registry.found(findDocuments(patient).objectRefs());
        assertEquals(2, reply.count("ObjectRef"), reply::toString);
        assertEquals(0, reply.count("ExtrinsicObject"), reply::toString);
    }

    @Test
    void findDocumentsByReferenceId() {
        Document referenced = SubmissionBuilder.document().referenceId("A-1001^^^&amp;2.16.578.1.12.4.1.4.102&amp;ISO"
                + "^urn:ihe:iti:xds:2013:accession");
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", referenced)
                .add("Doc2", SubmissionBuilder.document()).build());
        assertEquals(Set.of(referenced.uniqueId()), find(StoredQueryBuilder
                .query(StoredQueryBuilder.FIND_DOCUMENTS_BY_REFERENCE_ID)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(patient) + "'")
                .slot("$XDSDocumentEntryStatus", list(APPROVED))
                .slot("$XDSDocumentEntryReferenceIdList", list("A-1001^^^&amp;2.16.578.1.12.4.1.4.102&amp;ISO"
                        + "^urn:ihe:iti:xds:2013:accession"))));
    }

    @Test
    void findSubmissionSetsAndGetSubmissionSetAndContents() {
        SubmissionBuilder submission = SubmissionBuilder.forPatient(patient).add("Doc1", SubmissionBuilder.document());
        registry.registered(submission.build());
        Soap.Reply sets = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.FIND_SUBMISSION_SETS)
                .slot("$XDSSubmissionSetPatientId", "'" + Samples.nationalCx(patient) + "'")
                .slot("$XDSSubmissionSetStatus", list(APPROVED))
                .slot("$XDSSubmissionSetSourceId", list("2.16.578.1.12.4.1.7.1.2"))
                .slot("$XDSSubmissionSetSubmissionTimeFrom", "20261124")
                .slot("$XDSSubmissionSetAuthorPerson", "'%Lege%'")
                .slot("$XDSSubmissionSetContentType", list("A00-1^^" + CLASS)));
        assertEquals(Set.of(submission.submissionSetUniqueId()), submissionSetUniqueIds(sets));

        Soap.Reply contents = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS)
                .slot("$XDSSubmissionSetUniqueId", "'" + submission.submissionSetUniqueId() + "'"));
        assertEquals(1, contents.count("RegistryPackage"), contents::toString);
        assertEquals(1, contents.count("ExtrinsicObject"), contents::toString);
        assertEquals(1, contents.count("Association"), contents::toString);
    }

    @Test
    void foldersAreFoundAndOpenedAndKnownFromTheirDocuments() {
        Document inFolder = SubmissionBuilder.document();
        String folderUid = Samples.uniqueId();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", inFolder)
                .add("Doc2", SubmissionBuilder.document()).folder("Folder1", folderUid, "A00-1")
                .associate("HasMember", "Folder1", "Doc1").build());

        Soap.Reply folders = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.FIND_FOLDERS)
                .slot("$XDSFolderPatientId", "'" + Samples.nationalCx(patient) + "'")
                .slot("$XDSFolderStatus", list(APPROVED))
                .slot("$XDSFolderCodeList", list("A00-1^^" + CLASS)));
        assertEquals(Set.of(folderUid), folderUniqueIds(folders));

        String folderUuid = registry.folderUuidOf(folderUid);
        Soap.Reply byUuid = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDERS)
                .slot("$XDSFolderEntryUUID", list(folderUuid)));
        assertEquals(Set.of(folderUid), folderUniqueIds(byUuid));

        Soap.Reply contents = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                .slot("$XDSFolderEntryUUID", "'" + folderUuid + "'"));
        assertEquals(Set.of(inFolder.uniqueId()), documentUniqueIds(contents));
        assertEquals(1, contents.count("Association"), contents::toString);

        Soap.Reply forDocument = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT)
                .slot("$XDSDocumentEntryUniqueId", "'" + inFolder.uniqueId() + "'"));
        assertEquals(Set.of(folderUid), folderUniqueIds(forDocument));
    }

    @Test
    void getAllReturnsEverythingOfThePatientWithItsAssociations() {
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", SubmissionBuilder.document())
                .add("Doc2", SubmissionBuilder.document()).folder("Folder1", Samples.uniqueId(), "A00-1")
                .associate("HasMember", "Folder1", "Doc1").build());
        Soap.Reply all = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_ALL)
                .slot("$patientId", "'" + Samples.nationalCx(patient) + "'")
                .slot("$XDSDocumentEntryStatus", list(APPROVED))
                .slot("$XDSSubmissionSetStatus", list(APPROVED))
                .slot("$XDSFolderStatus", list(APPROVED)));
        assertEquals(2, all.count("ExtrinsicObject"), all::toString);
        assertEquals(2, all.count("RegistryPackage"), all::toString);
        // SS→Doc1, SS→Doc2, SS→Folder1, Folder1→Doc1, SS→(Folder1→Doc1)
        assertEquals(5, all.count("Association"), all::toString);
    }

    @Test
    void getDocumentsAssociationsAndSubmissionSetsById() {
        Document document = SubmissionBuilder.document();
        SubmissionBuilder submission = SubmissionBuilder.forPatient(patient).add("Doc1", document);
        registry.registered(submission.build());
        String uuid = registry.uuidOf(document.uniqueId());

        assertEquals(Set.of(document.uniqueId()), find(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryEntryUUID", list(uuid))));
        Soap.Reply withAssociations = registry.found(StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS).slot("$XDSDocumentEntryUniqueId",
                        list(document.uniqueId())));
        assertEquals(1, withAssociations.count("ExtrinsicObject"), withAssociations::toString);
        assertEquals(1, withAssociations.count("Association"), withAssociations::toString);
        Soap.Reply associations = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_ASSOCIATIONS)
                .slot("$uuid", list(uuid)));
        assertEquals(1, associations.count("Association"), associations::toString);
        Soap.Reply sets = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_SUBMISSION_SETS)
                .slot("$uuid", list(uuid)));
        assertEquals(Set.of(submission.submissionSetUniqueId()), submissionSetUniqueIds(sets));
        assertEquals(1, sets.count("Association"), sets::toString);
    }

    @Test
    void replacementDeprecatesTheOriginalAndIsRelatedToIt() {
        Document original = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", original).build());
        String originalUuid = registry.uuidOf(original.uniqueId());
        Document replacement = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc2", replacement)
                .relate(RPLC, "Doc2", originalUuid).build());

        assertEquals(Set.of(replacement.uniqueId()), find(findDocuments(patient)));
        assertEquals(Set.of(original.uniqueId()), find(findDocuments(patient, DEPRECATED)));
        Soap.Reply related = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                .slot("$XDSDocumentEntryEntryUUID", "'" + originalUuid + "'")
                .slot("$AssociationTypes", list(RPLC)));
        assertEquals(new java.util.TreeSet<>(Set.of(original.uniqueId(), replacement.uniqueId())),
                documentUniqueIds(related));
        assertEquals(1, related.count("Association"), related::toString);
    }

    @Test
    void transformAndReplaceDeprecatesAndAppendOrTransformDoNot() {
        Document original = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", original).build());
        String originalUuid = registry.uuidOf(original.uniqueId());
        Document addendum = SubmissionBuilder.document();
        Document transform = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Add", addendum).add("Xfrm", transform)
                .relate(APND, "Add", originalUuid).relate(XFRM, "Xfrm", originalUuid).build());
        assertEquals(3, find(findDocuments(patient)).size());

        Soap.Reply related = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "'" + original.uniqueId() + "'")
                .slot("$AssociationTypes", list(APND, XFRM)));
        assertEquals(3, related.count("ExtrinsicObject"), related::toString);

        Document xfrmRplc = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("XR", xfrmRplc)
                .relate(XFRM_RPLC, "XR", originalUuid).build());
        assertTrue(find(findDocuments(patient, DEPRECATED)).contains(original.uniqueId()));
    }

    @Test
    void aDeprecatedDocumentCannotBeReplacedAgain() {
        Document original = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", original).build());
        String originalUuid = registry.uuidOf(original.uniqueId());
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc2", SubmissionBuilder.document())
                .relate(RPLC, "Doc2", originalUuid).build());
        Document late = SubmissionBuilder.document();
        Soap.Reply refused = registry.register(SubmissionBuilder.forPatient(patient).add("Doc3", late)
                .relate(RPLC, "Doc3", originalUuid).build());
        assertEquals(List.of("XDSRegistryDeprecatedDocumentError"), refused.errorCodes(), refused::toString);
        assertEquals(Set.of(), find(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(late.uniqueId()))));
    }

    @Test
    void folderMembershipMovesLastUpdateTimeAndReplacementsJoinTheFolder() {
        Document first = SubmissionBuilder.document();
        String folderUid = Samples.uniqueId();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", first)
                .folder("Folder1", folderUid, "A00-1").associate("HasMember", "Folder1", "Doc1").build());
        String folderUuid = registry.folderUuidOf(folderUid);
        String before = lastUpdateTime(folderUid);

        Document added = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc2", added)
                .associate("HasMember", folderUuid, "Doc2").build());
        assertTrue(lastUpdateTime(folderUid).compareTo(before) >= 0);

        Document replacement = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc3", replacement)
                .relate(RPLC, "Doc3", registry.uuidOf(first.uniqueId())).build());
        Soap.Reply contents = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                .slot("$XDSFolderUniqueId", "'" + folderUid + "'"));
        assertTrue(documentUniqueIds(contents).containsAll(Set.of(added.uniqueId(), replacement.uniqueId())),
                contents::toString);
    }

    private String lastUpdateTime(String folderUid) {
        Soap.Reply reply = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDERS)
                .slot("$XDSFolderUniqueId", list(folderUid)));
        for (var slot : reply.elements(Soap.RIM, "Slot")) {
            if ("lastUpdateTime".equals(slot.getAttribute("name"))) {
                return slot.getTextContent().trim();
            }
        }
        throw new AssertionError("no lastUpdateTime in " + reply);
    }

    @Test
    void queryErrorsHaveTheirCodes() {
        assertEquals(List.of("XDSUnknownStoredQuery"), registry.query(StoredQueryBuilder
                .query("urn:uuid:00000000-1111-2222-3333-444444444444")
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(patient) + "'")).errorCodes());
        assertEquals(List.of("XDSStoredQueryMissingParam"), registry.query(StoredQueryBuilder
                .query(StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryStatus", list(APPROVED)))
                .errorCodes());
        // A single-valued parameter given two values.
        assertEquals(List.of("XDSStoredQueryParamNumber"), registry.query(StoredQueryBuilder
                .query(StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId",
                        "'" + Samples.nationalCx(patient) + "'", "'" + Samples.nationalCx(SyntheticIds.next()) + "'")
                .slot("$XDSDocumentEntryStatus", list(APPROVED))).errorCodes());
    }

    @Test
    void aQueryByIdForTwoPatientsAnswersOnlyTheAssertionsPatient() {
        Document mine = SubmissionBuilder.document();
        Document theirs = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", mine).build());
        registry.registered(SubmissionBuilder.forPatient(SyntheticIds.next()).add("Doc1", theirs).build());
        StoredQueryBuilder both = StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(mine.uniqueId(), theirs.uniqueId()));
        assertEquals(Set.of(mine.uniqueId()), find(both));
        Soap.Reply refs = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS).objectRefs()
                .slot("$XDSDocumentEntryUniqueId", list(mine.uniqueId(), theirs.uniqueId())));
        assertEquals(1, refs.count("ObjectRef"), refs::toString);
    }

    /** Another patient's objects, each named every way a query by id names objects. */
    private Map<String, Supplier<StoredQueryBuilder>> queriesById(String documentUuid, String documentUid,
                                                                 String folderUuid, String folderUid, String setUuid,
                                                                 String setUid) {
        Map<String, Supplier<StoredQueryBuilder>> q = new LinkedHashMap<>();
        q.put("GetDocuments by uuid", () -> byId(StoredQueryBuilder.GET_DOCUMENTS, "$XDSDocumentEntryEntryUUID",
                documentUuid));
        q.put("GetDocuments by uniqueId", () -> byId(StoredQueryBuilder.GET_DOCUMENTS, "$XDSDocumentEntryUniqueId",
                documentUid));
        q.put("GetFolders by uuid", () -> byId(StoredQueryBuilder.GET_FOLDERS, "$XDSFolderEntryUUID", folderUuid));
        q.put("GetFolders by uniqueId", () -> byId(StoredQueryBuilder.GET_FOLDERS, "$XDSFolderUniqueId", folderUid));
        q.put("GetAssociations of the document", () -> byId(StoredQueryBuilder.GET_ASSOCIATIONS, "$uuid", documentUuid));
        q.put("GetAssociations of the submission set", () -> byId(StoredQueryBuilder.GET_ASSOCIATIONS, "$uuid", setUuid));
        q.put("GetDocumentsAndAssociations by uuid", () -> byId(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS,
                "$XDSDocumentEntryEntryUUID", documentUuid));
        q.put("GetDocumentsAndAssociations by uniqueId", () -> byId(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS,
                "$XDSDocumentEntryUniqueId", documentUid));
        q.put("GetSubmissionSets of the document", () -> byId(StoredQueryBuilder.GET_SUBMISSION_SETS, "$uuid",
                documentUuid));
        q.put("GetSubmissionSetAndContents by uuid", () -> StoredQueryBuilder.query(
                StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS).slot("$XDSSubmissionSetEntryUUID", "'" + setUuid + "'"));
        q.put("GetSubmissionSetAndContents by uniqueId", () -> StoredQueryBuilder.query(
                StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS).slot("$XDSSubmissionSetUniqueId", "'" + setUid + "'"));
        q.put("GetFolderAndContents by uuid", () -> StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                .slot("$XDSFolderEntryUUID", "'" + folderUuid + "'"));
        q.put("GetFolderAndContents by uniqueId", () -> StoredQueryBuilder.query(
                StoredQueryBuilder.GET_FOLDER_AND_CONTENTS).slot("$XDSFolderUniqueId", "'" + folderUid + "'"));
        q.put("GetFoldersForDocument by uuid", () -> StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT)
                .slot("$XDSDocumentEntryEntryUUID", "'" + documentUuid + "'"));
        q.put("GetFoldersForDocument by uniqueId", () -> StoredQueryBuilder.query(
                StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT).slot("$XDSDocumentEntryUniqueId", "'" + documentUid + "'"));
        q.put("GetRelatedDocuments by uuid", () -> StoredQueryBuilder.query(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                .slot("$XDSDocumentEntryEntryUUID", "'" + documentUuid + "'").slot("$AssociationTypes", list(APND)));
        q.put("GetRelatedDocuments by uniqueId", () -> StoredQueryBuilder.query(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "'" + documentUid + "'").slot("$AssociationTypes", list(APND)));
        return q;
    }

    private static StoredQueryBuilder byId(String query, String slot, String value) {
        return StoredQueryBuilder.query(query).slot(slot, list(value));
    }

    private static int objects(Soap.Reply reply) {
        return reply.count("ExtrinsicObject") + reply.count("RegistryPackage") + reply.count("Association")
                + reply.count("ObjectRef");
    }

    /**
     * The user's assertion names one patient: every query by id (documents, submission sets, folders,
     * associations; by entryUUID and by uniqueId; LeafClass and ObjectRef) answers another patient's
     * objects exactly as objects that do not exist: Success, and nothing.
     */
    @Test
    void anotherPatientsObjectsAreAbsentFromEveryQueryById() {
        String other = SyntheticIds.next();
        Document theirs = SubmissionBuilder.document();
        String folderUid = Samples.uniqueId();
        SubmissionBuilder submission = SubmissionBuilder.forPatient(other).add("Doc1", theirs)
                .folder("Folder1", folderUid, "A00-1").associate("HasMember", "Folder1", "Doc1");
        registry.registered(submission.build());
        registry.about(other);
        String documentUuid = registry.uuidOf(theirs.uniqueId());
        String folderUuid = registry.folderUuidOf(folderUid);
        registry.registered(SubmissionBuilder.forPatient(other).add("Add", SubmissionBuilder.document())
                .relate(APND, "Add", documentUuid).build());
        Soap.Reply sets = registry.found(byId(StoredQueryBuilder.GET_SUBMISSION_SETS, "$uuid", documentUuid));
        String setUuid = sets.elements(Soap.RIM, "RegistryPackage").get(0).getAttribute("id");

        Map<String, Supplier<StoredQueryBuilder>> queries = queriesById(documentUuid, theirs.uniqueId(), folderUuid,
                folderUid, setUuid, submission.submissionSetUniqueId());
        queries.forEach((name, query) -> assertTrue(objects(registry.found(query.get())) > 0,
                name + " finds the objects for their own patient"));
        registry.about(patient);
        queries.forEach((name, query) -> {
            Soap.Reply leaf = registry.found(query.get());
            assertEquals(0, objects(leaf), () -> name + " showed another patient's objects: " + leaf);
            Soap.Reply refs = registry.found(query.get().objectRefs());
            assertEquals(0, objects(refs), () -> name + " (ObjectRef) showed another patient's objects: " + refs);
        });
    }

    /** A Find or GetAll query is about the patient it names: another than the assertion's is refused, not answered. */
    @Test
    void aFindAboutAnotherPatientThanTheAssertionsIsRefused() {
        String other = SyntheticIds.next();
        registry.registered(SubmissionBuilder.forPatient(other).add("Doc1", SubmissionBuilder.document()).build());
        List<StoredQueryBuilder> aboutOther = List.of(findDocuments(other),
                StoredQueryBuilder.query(StoredQueryBuilder.FIND_SUBMISSION_SETS)
                        .slot("$XDSSubmissionSetPatientId", "'" + Samples.nationalCx(other) + "'")
                        .slot("$XDSSubmissionSetStatus", list(APPROVED)),
                StoredQueryBuilder.query(StoredQueryBuilder.FIND_FOLDERS)
                        .slot("$XDSFolderPatientId", "'" + Samples.nationalCx(other) + "'")
                        .slot("$XDSFolderStatus", list(APPROVED)),
                StoredQueryBuilder.query(StoredQueryBuilder.GET_ALL)
                        .slot("$patientId", "'" + Samples.nationalCx(other) + "'")
                        .slot("$XDSDocumentEntryStatus", list(APPROVED))
                        .slot("$XDSSubmissionSetStatus", list(APPROVED))
                        .slot("$XDSFolderStatus", list(APPROVED)));
        for (StoredQueryBuilder query : aboutOther) {
            Soap.Reply refused = registry.queryAs(patient, query);
            assertEquals(403, refused.httpStatus(), refused::toString);
            assertTrue(refused.isFault() && refused.faultReason().contains("not bound to the patient"),
                    refused::toString);
        }
    }

    /** The same digits under another assigning authority are another person. */
    @Test
    void theSameIdUnderAnotherAuthorityIsAnotherPatient() throws Exception {
        String authority = "1.3.6.1.4.1.21367.13.20.1000";
        URI feed = server().uri("/registry/admin/patients/" + authority + "/" + patient);
        HttpRequest.Builder request = HttpRequest.newBuilder(feed).PUT(HttpRequest.BodyPublishers.noBody());
        RegistryServers.hospital(server()).headers("PUT", feed).forEach(request::header);
        assertEquals(201, HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
        Document elsewhere = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatientCx(Samples.cx(patient, authority)).add("Doc1", elsewhere)
                .build());

        Soap.Reply byId = registry.found(byId(StoredQueryBuilder.GET_DOCUMENTS, "$XDSDocumentEntryUniqueId",
                elsewhere.uniqueId()));
        assertEquals(0, objects(byId), byId::toString);
        Soap.Reply find = registry.queryAs(patient, StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.cx(patient, authority) + "'")
                .slot("$XDSDocumentEntryStatus", list(APPROVED)));
        assertEquals(403, find.httpStatus(), find::toString);
        assertEquals(Set.of(elsewhere.uniqueId()), documentUniqueIds(registry.aboutCx(Samples.cx(patient, authority))
                .found(byId(StoredQueryBuilder.GET_DOCUMENTS, "$XDSDocumentEntryUniqueId", elsewhere.uniqueId()))));
    }

    @Test
    void tooManyResultsAreRefused() {
        // The test servers allow 200 objects per answer.
        SubmissionBuilder many = SubmissionBuilder.forPatient(patient);
        for (int i = 0; i < 201; i++) {
            many.add("Doc" + i, SubmissionBuilder.document());
        }
        registry.registered(many.build());
        assertEquals(List.of("XDSTooManyResults"), registry.query(findDocuments(patient)).errorCodes());
        assertEquals(Set.of(), find(findDocuments(patient).slot("$XDSDocumentEntryCreationTimeFrom", "20300101")),
                "a narrower query still answers");
    }
}
