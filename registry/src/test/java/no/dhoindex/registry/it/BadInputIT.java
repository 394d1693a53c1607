package no.dhoindex.registry.it;

import static no.dhoindex.registry.it.RegistryClient.documentUniqueIds;
import static no.dhoindex.registry.it.RegistryClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SubmissionBuilder.Document;
import no.dhoindex.testsupport.SyntheticIds;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input over HTTP: each class gets the standard error of its protocol (SOAP Fault or an XDS
 * error code), never a stack trace, and nothing of it is stored.
 */
class BadInputIT {

    private static final String SOAP12 = "application/soap+xml; charset=UTF-8";
    private static final String ENVELOPE_OPEN = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header><a:Action>" + XdsActions.ITI_42
            + "</a:Action><a:MessageID>urn:uuid:6e1f2a52-8c5c-4b7e-9f0a-2f0c1d7a9b03</a:MessageID>"
            + "<a:To>http://127.0.0.1/registry/services/registry</a:To></s:Header><s:Body>";
    private static final String ENVELOPE_CLOSE = "</s:Body></s:Envelope>";

    private URI endpoint;
    /** The bad requests come with a valid token: what is tested is the message, not the credentials. */
    private no.dhoindex.testsupport.SystemCaller hospital;
    private RegistryClient registry;
    private Document document;
    private String submission;

    @BeforeEach
    void connect() {
        endpoint = RegistryServers.h2().uri("/registry/services/registry");
        hospital = RegistryServers.hospital(RegistryServers.h2());
        registry = new RegistryClient(endpoint, RegistryServers.dataDir(RegistryServers.h2()), hospital);
        document = SubmissionBuilder.document();
        String patient = SyntheticIds.next();
        registry.about(patient);
        submission = SubmissionBuilder.forPatient(patient).add("Doc1", document).build();
    }

    private Soap.Reply post(String contentType, String body) {
        return Soap.post(endpoint, contentType, body.getBytes(StandardCharsets.UTF_8), hospital.headers("POST", endpoint));
    }

    private void assertFault(Soap.Reply reply) {
        assertTrue(reply.isFault(), reply::toString);
        assertTrue(reply.httpStatus() >= 400, reply::toString);
        assertNoInternals(reply);
    }

    /** No stack trace and no class names of the implementation in what the caller reads. */
    private static void assertNoInternals(Soap.Reply reply) {
        String text = reply.text();
        assertFalse(text.contains("\tat ") || text.contains("at org.") || text.contains("at java.")
                || text.contains("Caused by") || text.contains("org.apache.") || text.contains("no.dhoindex.")
                || text.contains("java.lang."), reply::toString);
    }

    private void assertNothingStored() {
        Set<String> found = documentUniqueIds(registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId()))));
        assertEquals(Set.of(), found, "nothing of the bad request may be stored");
    }

    @Test
    void malformedXmlIsASenderFault() {
        assertFault(post(SOAP12, ENVELOPE_OPEN + submission.substring(0, submission.length() / 2)));
        assertNothingStored();
        assertFault(post(SOAP12, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x"));
        assertFault(post(SOAP12, ""));
        assertFault(Soap.post(endpoint, SOAP12, new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, 42}));
    }

    /** A Sender fault with HTTP 400 whose reason names the class of problem but none of the parser's words. */
    private static void assertCleanSenderFault(Soap.Reply reply) {
        assertEquals(400, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.text().contains("Sender"), reply::toString);
        assertNoInternals(reply);
        assertFalse(reply.text().contains("row,col") || reply.text().contains("Unexpected")
                || reply.text().contains("Unmarshalling") || reply.text().contains("Exception"), reply::toString);
    }

    @Test
    void malformedXmlIsA400WithoutParserInternals() {
        assertCleanSenderFault(post(SOAP12, ENVELOPE_OPEN + submission.substring(0, submission.length() / 2)));
        assertCleanSenderFault(post(SOAP12, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x"));
        assertCleanSenderFault(post(SOAP12, ENVELOPE_OPEN + "<a <b>" + ENVELOPE_CLOSE));
        assertNothingStored();
    }

    @Test
    void aSecondActionIsRefusedBeforeAnyOperationRuns() {
        // The attack: the guard reads one Action, the dispatcher acts on the other.
        String secondAction = "<a:Action>" + XdsActions.ITI_18 + "</a:Action>";
        Soap.Reply registration = Soap.post(endpoint, SOAP12, (ENVELOPE_OPEN.replace("<a:MessageID>", secondAction
                + "<a:MessageID>") + submission + ENVELOPE_CLOSE).getBytes(StandardCharsets.UTF_8));
        assertCleanSenderFault(registration);
        assertTrue(registration.text().contains("InvalidAddressingHeader"), registration::toString);
        assertNothingStored();

        String query = StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId())).build();
        Soap.Reply asQuery = Soap.post(endpoint, SOAP12, (ENVELOPE_OPEN.replace(XdsActions.ITI_42, XdsActions.ITI_18)
                .replace("<a:MessageID>", "<a:Action>" + XdsActions.ITI_42 + "</a:Action><a:MessageID>") + query
                + ENVELOPE_CLOSE).getBytes(StandardCharsets.UTF_8), hospital.headers("POST", endpoint));
        assertCleanSenderFault(asQuery);
    }

    @Test
    void exactlyOneMessageIdAndToAreRequired() {
        String messageId = "<a:MessageID>urn:uuid:6e1f2a52-8c5c-4b7e-9f0a-2f0c1d7a9b03</a:MessageID>";
        String to = "<a:To>http://127.0.0.1/registry/services/registry</a:To>";
        for (String envelope : List.of(ENVELOPE_OPEN.replace(messageId, ""), ENVELOPE_OPEN.replace(to, ""),
                ENVELOPE_OPEN.replace(messageId, messageId + messageId), ENVELOPE_OPEN.replace(to, to + to))) {
            Soap.Reply reply = post(SOAP12, envelope + submission + ENVELOPE_CLOSE);
            assertCleanSenderFault(reply);
            assertTrue(reply.text().contains("MessageAddressingHeaderRequired")
                    || reply.text().contains("InvalidAddressingHeader"), reply::toString);
        }
        assertNothingStored();
    }

    @Test
    void soap11IsAVersionMismatch() {
        Soap.Reply reply = post("text/xml; charset=UTF-8", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><s:Body>" + submission + "</s:Body></s:Envelope>");
        assertTrue(reply.text().contains("VersionMismatch"), reply::toString);
        assertTrue(reply.httpStatus() >= 400, reply::toString);
        assertNoInternals(reply);
        assertNothingStored();
    }

    @Test
    void unknownOrMissingActionIsRefused() {
        Soap.Reply unknown = post(SOAP12, ENVELOPE_OPEN.replace(XdsActions.ITI_42, "urn:ihe:iti:2007:Nonsense")
                + submission + ENVELOPE_CLOSE);
        assertFault(unknown);
        assertTrue(unknown.text().contains("ActionNotSupported"), unknown::toString);

        Soap.Reply missing = post(SOAP12, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                + submission + ENVELOPE_CLOSE);
        assertFault(missing);
        assertTrue(missing.text().contains("MessageAddressingHeaderRequired"), missing::toString);
        assertNothingStored();
    }

    @Test
    void actionAndBodyOfDifferentTransactionsAreRefused() {
        Soap.Reply reply = post(SOAP12, ENVELOPE_OPEN + StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .build() + ENVELOPE_CLOSE);
        assertFault(reply);
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        Soap.Reply reply = post(SOAP12, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + ENVELOPE_OPEN + submission.replace("Dokument", "&xxe;") + ENVELOPE_CLOSE);
        assertFault(reply);
        assertFalse(reply.text().contains("root:"), reply::toString);
        assertNothingStored();
    }

    @Test
    void parameterEntitiesAreRefused() {
        Soap.Reply reply = post(SOAP12, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY % remote SYSTEM "
                + "\"http://127.0.0.1:9/evil.dtd\">%remote;]>" + ENVELOPE_OPEN + submission + ENVELOPE_CLOSE);
        assertFault(reply);
        assertNothingStored();
    }

    @Test
    void entityExpansionIsRefusedAndTheServerStaysHealthy() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        Soap.Reply reply = post(SOAP12, dtd + ENVELOPE_OPEN + submission.replace("Dokument", "&lol9;") + ENVELOPE_CLOSE);
        assertFault(reply);
        assertNothingStored();
        Soap.Reply healthy = registry.register(submission);
        assertTrue(healthy.isSuccess(), healthy::toString);
    }

    @Test
    void requestsOverTheSizeLimitAreRefused() {
        // The default limit is 10 MiB; the title is padded past it.
        String padded = submission.replace("Dokument", "x".repeat(11 * 1024 * 1024));
        Soap.Reply declared = post(SOAP12, ENVELOPE_OPEN + padded + ENVELOPE_CLOSE);
        assertEquals(413, declared.httpStatus(), declared::toString);
        assertTrue(declared.isFault(), declared::toString);
        assertNothingStored();
    }

    @Test
    void chunkedRequestsOverTheSizeLimitAreRefusedToo() {
        // Padded with whitespace, which no parser limit stops before the size limit does.
        Soap.Reply chunked = Soap.postChunked(endpoint, SOAP12, (ENVELOPE_OPEN + " ".repeat(11 * 1024 * 1024) + submission
                + ENVELOPE_CLOSE).getBytes(StandardCharsets.UTF_8));
        assertEquals(413, chunked.httpStatus(), chunked::toString);
        assertTrue(chunked.isFault(), chunked::toString);
        assertNoInternals(chunked);
        assertNothingStored();
    }

    @Test
    void metadataErrorsGetXdsErrorCodes() {
        String noPatient = submission.replaceFirst(
                "<rim:ExternalIdentifier[^>]*urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427.*?</rim:ExternalIdentifier>", "");
        assertEquals(List.of("XDSRegistryMetadataError"), registry.register(noPatient).errorCodes());
        String noUniqueId = submission.replaceFirst(
                "<rim:ExternalIdentifier[^>]*urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab.*?</rim:ExternalIdentifier>", "");
        assertEquals(List.of("XDSRegistryMetadataError"), registry.register(noUniqueId).errorCodes());
        String noClassCode = submission.replaceFirst(
                "<rim:Classification classificationScheme=\"urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a\".*?"
                        + "</rim:Classification>", "");
        assertEquals(List.of("XDSRegistryMetadataError"), registry.register(noClassCode).errorCodes());
        String badHash = submission.replace("4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e", "not-a-sha1");
        assertEquals(List.of("XDSRegistryMetadataError"), registry.register(badHash).errorCodes());
        assertNothingStored();
    }

    @Test
    void aQueryWithoutAnXuaAssertionIsRefused() {
        Soap.Reply reply = Soap.call(endpoint, no.dhoindex.testsupport.XdsActions.ITI_18,
                StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                        .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_A) + "'")
                        .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build());
        assertEquals(401, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.faultReason().contains("no XUA assertion"), reply::toString);
    }

    @Test
    void aQueryAboutAnotherPatientThanTheAssertionNamesIsRefused() {
        var xua = new no.dhoindex.testsupport.XuaCaller(RegistryServers.dataDir(RegistryServers.h2())
                .resolveSibling("xua-test-issuer"), RegistryServers.dataDir(RegistryServers.h2()).resolve("xua-trusted"));
        String aboutB = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_B) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
        String aboutA = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_A) + "'").build();
        Soap.Reply reply = Soap.callWithHeader(endpoint, no.dhoindex.testsupport.XdsActions.ITI_18, aboutB,
                xua.headerForQuery(aboutA, no.dhoindex.testsupport.XuaCaller.REGISTRY));
        assertEquals(403, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.faultReason().contains("not bound to the patient"), reply::toString);
    }

    /** An ITI-18 body as the registry reads it (AdhocQueryRequestReader): bad parameters get IPF's XDS codes. */
    @Test
    void badQueryParametersGetTheirXdsErrorCodes() {
        String patient = "'" + Samples.nationalCx(Samples.PATIENT_A) + "'";
        String approved = "('" + StoredQueryBuilder.APPROVED + "')";
        assertEquals(List.of("XDSStoredQueryParamNumber"), registry.query(StoredQueryBuilder.query(
                StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", patient, patient)
                .slot("$XDSDocumentEntryStatus", approved)).errorCodes());
        assertEquals(List.of("XDSStoredQueryMissingParam"), registry.query(StoredQueryBuilder.query(
                StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", patient)).errorCodes());
        assertEquals(List.of("XDSUnknownStoredQuery"), registry.query(StoredQueryBuilder.query(
                "urn:uuid:00000000-0000-0000-0000-000000000000").slot("$XDSDocumentEntryPatientId", patient)).errorCodes());
        // IPF names a repeated slot, a bad time and an over-long value metadata errors
        assertEquals(List.of("XDSRegistryMetadataError"), registry.query(StoredQueryBuilder.query(
                StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", patient)
                .slot("$XDSDocumentEntryPatientId", patient).slot("$XDSDocumentEntryStatus", approved)).errorCodes());
        assertEquals(List.of("XDSRegistryMetadataError"), registry.query(StoredQueryBuilder.query(
                StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", patient)
                .slot("$XDSDocumentEntryStatus", approved)
                .slot("$XDSDocumentEntryCreationTimeFrom", "20041399")).errorCodes());
        Soap.Reply huge = registry.query(StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", patient).slot("$XDSDocumentEntryStatus", approved)
                .slot("$XDSDocumentEntryClassCode", "('" + "a".repeat(100_000) + "^^1.2')"));
        assertEquals(List.of("XDSRegistryMetadataError"), huge.errorCodes(), huge::toString);
        assertNoInternals(huge);
    }

    @Test
    void aMalformedOrHostileQueryIsASenderFault() {
        String query = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_A) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
        String open = ENVELOPE_OPEN.replace(XdsActions.ITI_42, XdsActions.ITI_18);
        assertFault(post(SOAP12, open + query.substring(0, query.length() - 60) + ENVELOPE_CLOSE));
        Soap.Reply xxe = post(SOAP12, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + open + query.replace(StoredQueryBuilder.APPROVED, "&xxe;") + ENVELOPE_CLOSE);
        assertFault(xxe);
        assertFalse(xxe.text().contains("root:"), xxe::toString);
    }
}
