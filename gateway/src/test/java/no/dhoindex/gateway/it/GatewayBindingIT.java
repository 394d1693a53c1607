package no.dhoindex.gateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The patient binding through the gateway: a question by id is asked for the caller's patient, so
 * another patient's objects are answered exactly like objects that do not exist; and a source's
 * refusal stays a refusal (the registry's ends the question, a community's is reported as such).
 */
class GatewayBindingIT extends StackTest {

    private static final String CID = "binding@dhoindex.no";
    private static final List<String> OBJECTS = List.of("ExtrinsicObject", "RegistryPackage", "Association", "ObjectRef");

    private static URI gateway() {
        return GatewayStack.uri("/gateway/services/xca");
    }

    /** A document of {@code fnr} at the hospital: its uniqueId. */
    private static String provided(String fnr) throws Exception {
        byte[] content = ("<notat>" + UUID.randomUUID() + "</notat>").getBytes(StandardCharsets.UTF_8);
        Map<String, String> values = Samples.singleDocumentDefaults(fnr);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply reply = GatewayStack.hospitalEhr().provide(GatewayStack.uri("/adapters/sykehus/services/repository"),
                Samples.provideAndRegister(values, hash, content.length, CID), Map.of(CID, content));
        assertTrue(reply.isSuccess(), reply::toString);
        return values.get("documentUniqueId");
    }

    private static int objects(Soap.Reply reply) {
        return OBJECTS.stream().mapToInt(reply::count).sum();
    }

    /** The entryUUID of the DocumentEntry with this uniqueId, as the patient's own clinician finds it. */
    private static String entryUuid(String fnr, String uniqueId) {
        Soap.Reply found = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, StoredQueryBuilder.query(
                        StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')").build(),
                fnr);
        for (Element e : found.elements(Soap.RIM, "ExtrinsicObject")) {
            return e.getAttribute("id");
        }
        throw new AssertionError("the patient's own clinician does not find " + uniqueId + ": " + found);
    }

    private static String submissionSetUuid(String fnr, String documentUuid) {
        Soap.Reply found = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, StoredQueryBuilder.query(
                StoredQueryBuilder.GET_SUBMISSION_SETS).slot("$uuid", "('" + documentUuid + "')").build(), fnr);
        for (Element e : found.elements(Soap.RIM, "RegistryPackage")) {
            return e.getAttribute("id");
        }
        throw new AssertionError("the patient's own clinician finds no submission set for " + documentUuid + ": " + found);
    }

    private static String serverLog() {
        try {
            return Files.readString(GatewayStack.server().log());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void questionsByIdAboutAnotherPatientsObjectsAreAnsweredAsIfTheyDidNotExist() throws Exception {
        String uniqueId = provided(Samples.PATIENT_B);
        String document = entryUuid(Samples.PATIENT_B, uniqueId);
        String submissionSet = submissionSetUuid(Samples.PATIENT_B, document);
        Map<String, String> byId = new LinkedHashMap<>();
        byId.put("GetDocuments by uniqueId", StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')").build());
        byId.put("GetDocuments by entryUUID, ObjectRef", StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryEntryUUID", "('" + document + "')").objectRefs().build());
        byId.put("GetDocumentsAndAssociations", StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS)
                .slot("$XDSDocumentEntryEntryUUID", "('" + document + "')").build());
        byId.put("GetSubmissionSets", StoredQueryBuilder.query(StoredQueryBuilder.GET_SUBMISSION_SETS)
                .slot("$uuid", "('" + document + "')").build());
        byId.put("GetAssociations", StoredQueryBuilder.query(StoredQueryBuilder.GET_ASSOCIATIONS)
                .slot("$uuid", "('" + document + "')").build());
        byId.put("GetSubmissionSetAndContents", StoredQueryBuilder.query(StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS)
                .slot("$XDSSubmissionSetEntryUUID", "'" + submissionSet + "'").build());
        String unknown = "urn:uuid:" + UUID.randomUUID();
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> q : byId.entrySet()) {
            Soap.Reply own = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, q.getValue(), Samples.PATIENT_B);
            Soap.Reply other = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, q.getValue(), Samples.PATIENT_A);
            Soap.Reply none = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, q.getValue()
                    .replace(document, unknown).replace(submissionSet, unknown).replace(uniqueId, "1.2.3.4." + 42), Samples.PATIENT_A);
            assertTrue(objects(own) > 0, () -> q.getKey() + ": the patient's own clinician gets the objects: " + own);
            if (other.httpStatus() != 200 || objects(other) != 0 || !other.status().equals(none.status())
                    || !other.errorCodes().equals(none.errorCodes())) {
                leaks.add(q.getKey() + " -> " + other.httpStatus() + " " + other.status() + " " + other.errorCodes()
                        + " objects=" + objects(other) + " (unknown: " + none.status() + " " + none.errorCodes() + ")");
            }
        }
        assertEquals(List.of(), leaks, "another patient's objects, told apart from unknown ones");
    }

    @Test
    void aRetrieveOfAnotherPatientsDocumentIsAnsweredAsAnUnknownDocument() throws Exception {
        String uniqueId = provided(Samples.PATIENT_B);
        Soap.Reply other = Clinician.ANNE.soap(gateway(), XdsActions.ITI_43,
                Samples.retrieve(GatewayStack.SYKEHUS, GatewayStack.SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_A);
        Soap.Reply unknown = Clinician.ANNE.soap(gateway(), XdsActions.ITI_43,
                Samples.retrieve(GatewayStack.SYKEHUS, GatewayStack.SYKEHUS_REPOSITORY, "1.2.3.4.42"), Samples.PATIENT_A);
        assertEquals(200, other.httpStatus(), other::toString);
        assertEquals(Soap.FAILURE, other.status(), other::toString);
        assertEquals(List.of("XDSDocumentUniqueIdError"), other.errorCodes(), other::toString);
        assertEquals(unknown.errorCodes(), other.errorCodes());
        assertTrue(!other.text().contains("<notat>"), "no content");
    }

    @Test
    void aRegistryThatRefusesIsARefusalAndNoCommunityIsAsked() throws Exception {
        String correlation = "refused-" + UUID.randomUUID();
        // ETREAT passes the gateway and is not served by this stack's registry (GatewayStack).
        String token = Clinician.ANNE.token(Samples.PATIENT_A, "ETREAT");
        Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, StoredQueryBuilder.query(
                        StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(
                        Samples.PATIENT_A) + "'").slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .build(), token, Map.of("X-Correlation-ID", correlation));
        assertEquals(403, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.faultReason().contains("registry refused"), reply::toString);
        String log = Eventually.await(Duration.ofSeconds(10), Duration.ofMillis(200),
                GatewayBindingIT::serverLog,
                l -> l.contains("correlation=" + correlation + " source=registry outcome=refused"));
        for (String community : List.of("kommune", "sykehus", "fjellbygd")) {
            assertTrue(!log.contains("correlation=" + correlation + " source=" + community), community + " was asked");
        }
    }

    @Test
    void aCommunityThatRefusesIsReportedAsRefusedAndTripsNoBreaker() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] fault = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code>"
                + "<s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">not for you</s:Text></s:Reason>"
                + "</s:Fault></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
        refusing.createContext("/xca", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/soap+xml;charset=UTF-8");
            exchange.sendResponseHeaders(403, fault.length);
            exchange.getResponseBody().write(fault);
            exchange.close();
        });
        refusing.start();
        try {
            String home = "urn:oid:2.16.578.1.12.4.1.7.9.7";
            GatewayStack.directory("nektar", "dho.gateway.community.nektar.homeCommunityId=" + home + "\n"
                    + "dho.gateway.community.nektar.url=http://127.0.0.1:" + refusing.getAddress().getPort() + "/xca\n"
                    + "dho.gateway.community.nektar.alwaysAsked=true\n");
            String query = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                    .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_C) + "'")
                    .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
            // More calls than the breaker's threshold (5): a refusal is an answer, not a failure.
            for (int i = 0; i < 7; i++) {
                Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, query, Samples.PATIENT_C);
                List<Element> errors = reply.elements(Soap.RS, "RegistryError");
                assertEquals(1, errors.size(), reply::toString);
                Element error = errors.get(0);
                assertEquals(home, error.getAttribute("location"));
                assertEquals("XDSRegistryError", error.getAttribute("errorCode"), reply::toString);
                assertTrue(error.getAttribute("codeContext").contains("refused access (HTTP 403)"), reply::toString);
            }
        } finally {
            refusing.stop(0);
        }
    }
}
