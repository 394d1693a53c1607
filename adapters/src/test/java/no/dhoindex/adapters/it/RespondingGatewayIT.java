package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.SYKEHUS_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/** Each organisation's XCA Responding Gateway (ITI-38/39) over HTTP. */
class RespondingGatewayIT {

    static final String SYKEHUS = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    private static final String CID = "document01@dhoindex.no";

    private static URI xca(String org) {
        return AdapterStack.uri("/adapters/" + org + "/services/xca");
    }

    static String home(String org) {
        return "sykehus".equals(org) ? SYKEHUS : KOMMUNE;
    }

    /** Calls an organisation's responding gateway as a trusted gateway does: with a user's XUA assertion. */
    static Soap.Reply asGateway(String org, String action, String body, String fnr) {
        return Soap.callWithHeader(xca(org), action, body, AdapterStack.xua().header(fnr, home(org)));
    }

    /** Provides a document to the hospital and returns its uniqueId. */
    static String provided(String fnr, String confidentiality, byte[] content) throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(fnr);
        values.put("confidentialityCode", confidentiality);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply reply = AdapterStack.provide("sykehus", Samples.provideAndRegister(values, hash, content.length, CID),
                Map.of(CID, content));
        assertTrue(reply.isSuccess(), reply::toString);
        return values.get("documentUniqueId");
    }

    static Soap.Reply findDocuments(String org, String fnr, String type) {
        return asGateway(org, XdsActions.ITI_38, StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryType", "('" + type + "')").build(), fnr);
    }

    @Test
    void hospitalAnswersFindDocumentsFromItsOwnPointersWithItsCommunity() throws Exception {
        String uniqueId = provided(Samples.PATIENT_B, "N", "<notat>xca</notat>".getBytes(StandardCharsets.UTF_8));
        Soap.Reply found = findDocuments("sykehus", Samples.PATIENT_B, "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1");
        assertTrue(found.isSuccess(), found::toString);
        assertTrue(found.text().contains(uniqueId), found::toString);
        found.elements(Soap.RIM, "ExtrinsicObject").forEach(e -> assertEquals(SYKEHUS, e.getAttribute("home")));
    }

    @Test
    void municipalityAnswersWithItsOnDemandMeasurementPointers() {
        Soap.Reply found = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> findDocuments("kommune", Samples.PATIENT_A, "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248"),
                r -> r.count("ExtrinsicObject") >= 2);
        assertTrue(found.count("ExtrinsicObject") >= 2, found::toString);
        found.elements(Soap.RIM, "ExtrinsicObject").forEach(e -> assertEquals(KOMMUNE, e.getAttribute("home")));
    }

    @Test
    void blockedEntriesAreNotVisibleToCrossGatewayQueries() throws Exception {
        String blocked = provided(Samples.PATIENT_C, "NORS", "<notat>sperret</notat>".getBytes(StandardCharsets.UTF_8));
        Soap.Reply found = findDocuments("sykehus", Samples.PATIENT_C, "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1");
        assertTrue(found.isSuccess(), found::toString);
        assertTrue(!found.text().contains(blocked), found::toString);
    }

    @Test
    void queryForAnotherCommunityIsRefused() {
        Soap.Reply reply = asGateway("sykehus", XdsActions.ITI_38, StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).home("urn:oid:1.2.3.4.5")
                .slot("$XDSDocumentEntryUniqueId", "('1.2.3')").build(), Samples.PATIENT_B);
        assertEquals(List.of("XDSUnknownCommunity"), reply.errorCodes(), reply::toString);
    }

    @Test
    void byIdQueryWithoutCommunityIsRefused() {
        Soap.Reply reply = asGateway("sykehus", XdsActions.ITI_38, StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('1.2.3')").build(),
                Samples.PATIENT_B);
        assertEquals(List.of("XDSMissingHomeCommunityId"), reply.errorCodes(), reply::toString);
    }

    @Test
    void crossGatewayRetrieveReturnsTheDocumentAndChecksTheCommunity() throws Exception {
        byte[] content = "<notat>hentes via XCA</notat>".getBytes(StandardCharsets.UTF_8);
        String uniqueId = provided(Samples.PATIENT_B, "N", content);

        Soap.Reply ok = asGateway("sykehus", XdsActions.ITI_39, Samples.retrieve(SYKEHUS, SYKEHUS_REPOSITORY, uniqueId),
                Samples.PATIENT_B);
        assertTrue(ok.isSuccess(), ok::toString);
        assertArrayEquals(content, Mtom.documents(ok).get(uniqueId));

        Soap.Reply missing = asGateway("sykehus", XdsActions.ITI_39, Samples.retrieve(null, SYKEHUS_REPOSITORY, uniqueId),
                Samples.PATIENT_B);
        assertEquals(List.of("XDSMissingHomeCommunityId"), missing.errorCodes(), missing::toString);

        Soap.Reply other = asGateway("sykehus", XdsActions.ITI_39, Samples.retrieve(KOMMUNE, SYKEHUS_REPOSITORY, uniqueId),
                Samples.PATIENT_B);
        assertEquals(List.of("XDSUnknownCommunity"), other.errorCodes(), other::toString);
    }

    @Test
    void aCallWithoutAnAssertionIsRefusedWithASoapFault() {
        Soap.Reply reply = Soap.call(xca("sykehus"), XdsActions.ITI_38, StoredQueryBuilder.query(
                StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(
                Samples.PATIENT_B) + "'").slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build());
        assertEquals(401, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.faultReason().contains("no XUA assertion"), reply::toString);
    }

    @Test
    void anExpiredUnsignedOrMisaddressedAssertionIsRefused() {
        String body = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_B) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
        var claims = no.dhoindex.testsupport.XuaCaller.clinician(Samples.PATIENT_B, SYKEHUS);
        org.w3c.dom.Element expired = AdapterStack.xua().assertion(claims, SYKEHUS, Duration.ofMinutes(-2));
        org.w3c.dom.Element unsigned = AdapterStack.xua().assertion(claims, SYKEHUS, Duration.ofMinutes(5));
        unsigned.removeChild(unsigned.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0));
        org.w3c.dom.Element elsewhere = AdapterStack.xua().assertion(claims, KOMMUNE, Duration.ofMinutes(5));
        for (var refused : List.of(java.util.Map.entry(expired, "expired"), java.util.Map.entry(unsigned, "not signed"),
                java.util.Map.entry(elsewhere, "audience"))) {
            Soap.Reply reply = Soap.callWithHeader(xca("sykehus"), XdsActions.ITI_38, body,
                    no.dhoindex.testsupport.XuaCaller.header(refused.getKey()));
            assertEquals(401, reply.httpStatus(), reply::toString);
            assertTrue(reply.isFault() && reply.faultReason().contains(refused.getValue()), reply::toString);
        }
    }

    @Test
    void aPurposeOfUseTheOrganisationDoesNotServeIsRefused() {
        var claims = new no.dhoindex.shared.xua.XuaClaims("05076600324", "Anne Lege", "9144897", "974589095",
                "974589095", "HPAYMT", "LE", Samples.nationalCx(Samples.PATIENT_B).replace("&amp;", "&"), SYKEHUS);
        Soap.Reply reply = Soap.callWithHeader(xca("sykehus"), XdsActions.ITI_38, StoredQueryBuilder.query(
                        StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", "'"
                        + Samples.nationalCx(Samples.PATIENT_B) + "'")
                        .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build(),
                no.dhoindex.testsupport.XuaCaller.header(AdapterStack.xua().assertion(claims, SYKEHUS, Duration.ofMinutes(5))));
        assertEquals(403, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.faultReason().contains("HPAYMT"), reply::toString);
    }

    @Test
    void aPurposeLimitedToSomeKindsOfDataGetsOnlyThose() {
        String onDemand = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
        Soap.Reply all = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> findDocuments("kommune", Samples.PATIENT_A, onDemand), r -> r.count("ExtrinsicObject") >= 2);
        var coordination = new no.dhoindex.shared.xua.XuaClaims("05076600324", "Anne Lege", "9144897", "974589095",
                "974589095", "COC", "LE", Samples.nationalCx(Samples.PATIENT_A).replace("&amp;", "&"), KOMMUNE);
        Soap.Reply limited = Soap.callWithHeader(xca("kommune"), XdsActions.ITI_38, StoredQueryBuilder.query(
                        StoredQueryBuilder.FIND_DOCUMENTS)
                        .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_A) + "'")
                        .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                        .slot("$XDSDocumentEntryType", "('" + onDemand + "')").build(),
                no.dhoindex.testsupport.XuaCaller.header(AdapterStack.xua().assertion(coordination, KOMMUNE,
                        Duration.ofMinutes(5))));
        assertTrue(limited.isSuccess(), limited::toString);
        assertTrue(limited.count("ExtrinsicObject") >= 1 && limited.count("ExtrinsicObject") < all.count("ExtrinsicObject"),
                limited.count("ExtrinsicObject") + " of " + all.count("ExtrinsicObject"));
        for (var c : limited.elements(Soap.RIM, "Classification")) {
            if ("urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a".equals(c.getAttribute("classificationScheme"))) {
                assertEquals("8716-3", c.getAttribute("nodeRepresentation"), "only measurements for COC");
            }
        }
    }
}
