package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.SYKEHUS_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/** The hospital's document repository adapter (ITI-41/43) over HTTP, with the registry behind it. */
class RepositoryAdapterIT {

    private static final String CID = "document01@dhoindex.no";

    private static URI repository() {
        return AdapterStack.uri("/adapters/sykehus/services/repository");
    }

    private static URI registry() {
        return AdapterStack.uri("/registry/services/registry");
    }

    private static byte[] content(String text) {
        return ("<epikrise>" + text + "</epikrise>").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static Soap.Reply provide(Map<String, String> values, byte[] content, String hash, long size) {
        return AdapterStack.provide("sykehus", Samples.provideAndRegister(values, hash, size, CID), Map.of(CID, content));
    }

    private static Soap.Reply retrieve(String uniqueId) {
        return AdapterStack.retrieveFromRepository("sykehus", RespondingGatewayIT.SYKEHUS,
                Samples.retrieve(null, SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_A);
    }

    private static int registered(String uniqueId) {
        Soap.Reply reply = AdapterStack.xua().query(registry(), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')")
                .build());
        assertTrue(reply.isSuccess(), reply::toString);
        return reply.count("ExtrinsicObject");
    }

    @Test
    void providedDocumentIsInTheRegistryAndRetrievedByteIdentical() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content("Innlagt med hjertesvikt; utskrevet til hjemmeoppfølging. Æ Ø Å.");
        Soap.Reply provided = provide(values, document, sha1(document), document.length);
        assertTrue(provided.isSuccess(), provided::toString);

        String uniqueId = values.get("documentUniqueId");
        assertEquals(1, registered(uniqueId));
        Soap.Reply retrieved = retrieve(uniqueId);
        assertTrue(retrieved.isSuccess(), retrieved::toString);
        assertTrue(retrieved.contentType().startsWith("multipart/related"), "ITI-43 answers with MTOM/XOP");
        assertTrue(retrieved.text().contains("xop:Include") || retrieved.text().contains(":Include "),
                "the document travels as an XOP part");
        assertArrayEquals(document, Mtom.documents(retrieved).get(uniqueId));
    }

    @Test
    void repositoryComputesHashAndSizeWhenTheSourceLeavesThemOut() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content("Kontroll om to uker.");
        String request = Samples.provideAndRegister(values, "x", 0, CID)
                .replaceFirst("<rim:Slot name=\"hash\">.*?</rim:Slot>", "")
                .replaceFirst("<rim:Slot name=\"size\">.*?</rim:Slot>", "");
        Soap.Reply provided = AdapterStack.provide("sykehus", request, Map.of(CID, document));
        assertTrue(provided.isSuccess(), provided::toString);

        Soap.Reply found = AdapterStack.xua().query(registry(), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "('" + values.get("documentUniqueId") + "')").build());
        assertTrue(found.text().contains(sha1(document)), found::toString);
        assertTrue(found.text().contains(SYKEHUS_REPOSITORY), found::toString);
    }

    @Test
    void wrongHashIsRefusedAndNothingIsKept() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content("hash test");
        Soap.Reply provided = provide(values, document, sha1("something else".getBytes()), document.length);
        assertEquals(List.of("XDSRepositoryMetadataError", "XDSNonIdenticalHash"), provided.errorCodes(), provided::toString);
        assertEquals(0, registered(values.get("documentUniqueId")));
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieve(values.get("documentUniqueId")).errorCodes());
    }

    @Test
    void wrongSizeIsRefusedAndNothingIsKept() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content("size test");
        Soap.Reply provided = provide(values, document, sha1(document), document.length + 1);
        assertEquals(List.of("XDSRepositoryMetadataError", "XDSNonIdenticalSize"), provided.errorCodes(), provided::toString);
        assertEquals(0, registered(values.get("documentUniqueId")));
    }

    @Test
    void entryWithoutItsDocumentIsRefused() {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        Soap.Reply provided = AdapterStack.system("sykehus-ehr", SystemCaller.PROVIDE).call(repository(),
                XdsActions.ITI_41, Samples.provideAndRegister(values, "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0, null));
        assertEquals(List.of("XDSMissingDocument"), provided.errorCodes(), provided::toString);
        assertEquals(0, registered(values.get("documentUniqueId")));
    }

    @Test
    void registryRefusalKeepsNothingInTheRepository() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        values.put("patientCx", Samples.cx("NOBODY-1", "1.2.3.4.5.6"));
        byte[] document = content("unknown patient");
        Soap.Reply provided = provide(values, document, sha1(document), document.length);
        assertEquals(List.of("XDSUnknownPatientId"), provided.errorCodes(), provided::toString);
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieve(values.get("documentUniqueId")).errorCodes());
    }

    @Test
    void blockedDocumentNeverLeavesTheAdapter() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        values.put("confidentialityCode", "NORS");
        byte[] document = content("sperret");
        Soap.Reply provided = provide(values, document, sha1(document), document.length);
        assertTrue(provided.isSuccess(), provided::toString);
        Soap.Reply retrieved = retrieve(values.get("documentUniqueId"));
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieved.errorCodes(), retrieved::toString);
        assertTrue(Mtom.documents(retrieved).isEmpty());
    }

    @Test
    void retrieveFromAnotherRepositoryIdIsRefused() {
        Soap.Reply retrieved = AdapterStack.retrieveFromRepository("sykehus", RespondingGatewayIT.SYKEHUS,
                Samples.retrieve(null, "1.2.3.999", "1.2.3.4"), Samples.PATIENT_A);
        assertEquals(List.of("XDSUnknownRepositoryId"), retrieved.errorCodes(), retrieved::toString);
    }

    @Test
    void onlyTheOrganisationsOwnSystemsProvideDocuments() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content("uten billett");
        String request = Samples.provideAndRegister(values, sha1(document), document.length, CID);

        Soap.Reply anonymous = Mtom.call(repository(), XdsActions.ITI_41, request, Map.of(CID, document));
        assertTrue(anonymous.isFault(), anonymous::toString);
        assertEquals(401, anonymous.httpStatus(), anonymous::toString);
        assertTrue(anonymous.text().contains("no access token"), anonymous::toString);

        // The municipality's EHR has the provide scope, but for its own repository, not the hospital's.
        Soap.Reply stranger = AdapterStack.system("kommune-ehr", SystemCaller.PROVIDE)
                .provide(repository(), request, Map.of(CID, document));
        assertTrue(stranger.isFault(), stranger::toString);
        assertEquals(403, stranger.httpStatus(), stranger::toString);
        assertTrue(stranger.text().contains("921234567"), stranger::toString);

        assertEquals(0, registered(values.get("documentUniqueId")));
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieve(values.get("documentUniqueId")).errorCodes());
    }

    @Test
    void retrieveWithoutAnAssertionIsRefused() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content("bare med XUA");
        assertTrue(provide(values, document, sha1(document), document.length).isSuccess());
        Soap.Reply anonymous = Soap.call(repository(), XdsActions.ITI_43,
                Samples.retrieve(null, SYKEHUS_REPOSITORY, values.get("documentUniqueId")));
        assertTrue(anonymous.isFault(), anonymous::toString);
        assertEquals(401, anonymous.httpStatus(), anonymous::toString);
        assertTrue(Mtom.documents(anonymous).isEmpty());
    }

    private static String removeDocuments(String uniqueId) {
        return "<rmd:RemoveDocumentsRequest xmlns:rmd=\"urn:ihe:iti:rmd:2017\" xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">"
                + "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>" + SYKEHUS_REPOSITORY + "</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>" + uniqueId + "</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
                + "</rmd:RemoveDocumentsRequest>";
    }

    /** A provided document's uniqueId. */
    private static Map<String, String> provided(String text) throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = content(text);
        Soap.Reply provided = provide(values, document, sha1(document), document.length);
        assertTrue(provided.isSuccess(), provided::toString);
        return values;
    }

    @Test
    void theHospitalsSystemRemovesAStoredDocument() throws Exception {
        String uniqueId = provided("Fjernes (ITI-86).").get("documentUniqueId");
        SystemCaller ehr = AdapterStack.system("sykehus-ehr", SystemCaller.PROVIDE);

        Soap.Reply removed = ehr.call(repository(), XdsActions.ITI_86, removeDocuments(uniqueId));
        assertTrue(removed.isSuccess(), removed::toString);

        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieve(uniqueId).errorCodes());
        Soap.Reply again = ehr.call(repository(), XdsActions.ITI_86, removeDocuments(uniqueId));
        assertEquals(List.of("XDSDocumentUniqueIdError"), again.errorCodes(), again::toString);
    }

    @Test
    void anotherOrganisationsSystemMayNotRemoveDocumentsOrPointers() throws Exception {
        Map<String, String> values = provided("Ikke kommunens.");
        String uniqueId = values.get("documentUniqueId");
        SystemCaller kommune = AdapterStack.system("kommune-ehr", SystemCaller.PROVIDE);

        Soap.Reply documents = kommune.call(repository(), XdsActions.ITI_86, removeDocuments(uniqueId));
        assertTrue(documents.isFault(), documents::toString);
        assertEquals(403, documents.httpStatus(), documents::toString);
        Soap.Reply pointers = kommune.call(repository(), XdsActions.ITI_62, removal(submissionObjects(values)));
        assertEquals(403, pointers.httpStatus(), pointers::toString);

        assertTrue(retrieve(uniqueId).isSuccess());
        assertEquals(1, registered(uniqueId));
    }

    @Test
    void aRemovalFromTheHospitalsSystemIsForwardedToTheRegistry() throws Exception {
        Map<String, String> values = provided("Pekeren fjernes (ITI-62).");
        List<String> objects = submissionObjects(values);
        assertEquals(3, objects.size(), objects::toString);
        SystemCaller ehr = AdapterStack.system("sykehus-ehr", SystemCaller.PROVIDE);

        Soap.Reply onlyTheSet = ehr.call(repository(), XdsActions.ITI_62, removal(objects.subList(0, 1)));
        assertTrue(List.of("ReferencesExistException", "XDSUnreferencedObjectException")
                .containsAll(onlyTheSet.errorCodes()) && !onlyTheSet.errorCodes().isEmpty(), onlyTheSet::toString);
        assertEquals(1, registered(values.get("documentUniqueId")));

        Soap.Reply removed = ehr.call(repository(), XdsActions.ITI_62, removal(objects));
        assertTrue(removed.isSuccess(), removed::toString);
        assertEquals(0, registered(values.get("documentUniqueId")));
    }

    @Test
    void aStatusUpdateFromTheHospitalsSystemIsForwardedToTheRegistry() throws Exception {
        Map<String, String> values = provided("Ikke lenger riktig (ITI-57).");
        String uniqueId = values.get("documentUniqueId");
        String entry = entryAtRegistry(uniqueId).getAttribute("id");
        SystemCaller ehr = AdapterStack.system("sykehus-ehr", SystemCaller.PROVIDE);
        SystemCaller kommune = AdapterStack.system("kommune-ehr", SystemCaller.PROVIDE);

        // Another organisation's system may not; an object the hospital did not publish is not forwarded.
        Soap.Reply other = kommune.call(repository(), XdsActions.ITI_57, statusUpdate(entry, "Approved", "Deprecated"));
        assertEquals(403, other.httpStatus(), other::toString);
        Soap.Reply unknown = ehr.call(repository(), XdsActions.ITI_57,
                statusUpdate("urn:uuid:" + java.util.UUID.randomUUID(), "Approved", "Deprecated"));
        assertEquals(List.of("UnresolvedReferenceException"), unknown.errorCodes(), unknown::toString);
        // A new version is provided (ITI-41), not forwarded as an update.
        Soap.Reply version = ehr.call(repository(), XdsActions.ITI_57, SubmissionBuilder.forPatient(Samples.PATIENT_A)
                .addVersion("Doc1", SubmissionBuilder.document(), entry, "1").build());
        assertEquals(List.of("XDSMetadataUpdateOperationError"), version.errorCodes(), version::toString);
        assertEquals(APPROVED, entryAtRegistry(uniqueId).getAttribute("status"));

        Soap.Reply deprecated = ehr.call(repository(), XdsActions.ITI_57, statusUpdate(entry, "Approved", "Deprecated"));
        assertTrue(deprecated.isSuccess(), deprecated::toString);
        assertEquals(DEPRECATED, entryAtRegistry(uniqueId).getAttribute("status"));
        Soap.Reply approved = ehr.call(repository(), XdsActions.ITI_57, statusUpdate(entry, "Deprecated", "Approved"));
        assertTrue(approved.isSuccess(), approved::toString);
        assertEquals(APPROVED, entryAtRegistry(uniqueId).getAttribute("status"));
    }

    private static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    private static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

    private static String statusUpdate(String entryUuid, String from, String to) {
        return SubmissionBuilder.forPatient(Samples.PATIENT_A).updateStatus(entryUuid, from, to).build();
    }

    /** The document's entry at the registry, whatever its status. */
    private static org.w3c.dom.Element entryAtRegistry(String uniqueId) {
        Soap.Reply reply = AdapterStack.xua().query(registry(), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')")
                .build());
        assertTrue(reply.isSuccess(), reply::toString);
        List<org.w3c.dom.Element> entries = reply.elements(Soap.RIM, "ExtrinsicObject");
        assertEquals(1, entries.size(), reply::toString);
        return entries.get(0);
    }

    /** The entryUUIDs of a provided document's submission set and its contents at the registry. */
    private static List<String> submissionObjects(Map<String, String> values) {
        Soap.Reply reply = AdapterStack.xua().query(registry(), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS)
                .slot("$XDSSubmissionSetUniqueId", "'" + values.get("submissionSetUniqueId") + "'").objectRefs().build(),
                values.get("patientCx").replace("&amp;", "&"));
        assertTrue(reply.isSuccess(), reply::toString);
        return reply.elements(Soap.RIM, "ObjectRef").stream().map(e -> e.getAttribute("id")).toList();
    }

    private static String removal(List<String> entryUuids) {
        StringBuilder x = new StringBuilder("<lcm:RemoveObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:"
                + "xsd:lcm:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:ObjectRefList>");
        entryUuids.forEach(id -> x.append("<rim:ObjectRef id=\"").append(id).append("\"/>"));
        return x.append("</rim:ObjectRefList></lcm:RemoveObjectsRequest>").toString();
    }
}
