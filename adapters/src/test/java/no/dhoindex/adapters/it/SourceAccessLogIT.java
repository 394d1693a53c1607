package no.dhoindex.adapters.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Each organisation keeps its own access log (ATT-5): every query and retrieval answered for a
 * user, and every refusal, with who, for which organisation, why and what; readable as FHIR
 * AuditEvents by an auditing system (the gateway, for a citizen) or by the patient, nobody else.
 */
class SourceAccessLogIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ANNE_HPR = "9144897";

    private static URI logOf(String org) {
        return AdapterStack.uri("/adapters/" + org + "/fhir/AuditEvent");
    }

    static HttpResponse<String> read(String org, String fnr, Map<String, String> credentials) throws Exception {
        return read(org, Samples.NATIONAL_ID_OID, fnr, credentials);
    }

    private static HttpResponse<String> read(String org, String authority, String id, Map<String, String> credentials)
            throws Exception {
        URI uri = URI.create(logOf(org) + "?patient.identifier="
                + URLEncoder.encode("urn:oid:" + authority + "|" + id, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        credentials.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<AuditEvent> events(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
                .map(e -> (AuditEvent) e.getResource()).toList();
    }

    /** An auditing system's credentials (the gateway's, with the audit scope) for the organisation's log. */
    static Map<String, String> gateway(String org) {
        return AdapterStack.system("gateway", "nhn:dho-index/audit").headers("GET", logOf(org));
    }

    @Test
    void eachAnswerAndEachRefusalIsLoggedWithWhoAndWhy() throws Exception {
        String patient = Samples.PATIENT_B;
        Soap.Reply found = RespondingGatewayIT.findDocuments("sykehus", patient, "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1");
        assertTrue(found.isSuccess(), found::toString);
        // A purpose of use the hospital does not serve (BTG, not configured): refused at the source.
        XuaClaims emergency = new XuaClaims("05076600324", "Anne Lege", ANNE_HPR, "974589095", "974589095", "BTG", "LE",
                Samples.nationalCx(patient).replace("&amp;", "&"), RespondingGatewayIT.SYKEHUS);
        Soap.Reply refused = Soap.callWithHeader(AdapterStack.uri("/adapters/sykehus/services/xca"), XdsActions.ITI_38,
                StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                        .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(patient) + "'")
                        .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build(),
                XuaCaller.header(AdapterStack.xua().assertion(emergency, RespondingGatewayIT.SYKEHUS, Duration.ofMinutes(5))));
        assertEquals(403, refused.httpStatus(), refused::toString);

        List<AuditEvent> events = events(read("sykehus", patient, gateway("sykehus")));
        AuditEvent answered = events.stream().filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0
                && e.getOutcomeDesc().startsWith("ITI-38")).findFirst()
                .orElseThrow(() -> new AssertionError("no ITI-38 access in " + events.size() + " events"));
        assertEquals(ANNE_HPR, answered.getAgentFirstRep().getWho().getIdentifier().getValue(), "who");
        assertEquals("974589095", answered.getAgent().get(1).getWho().getIdentifier().getValue(), "for which organisation");
        assertEquals("TREAT", answered.getPurposeOfEventFirstRep().getCodingFirstRep().getCode(), "why");
        assertEquals(patient, answered.getEntityFirstRep().getWhat().getIdentifier().getValue(), "whose");
        assertEquals("974589095", answered.getSource().getObserver().getIdentifier().getValue(), "kept by the hospital");
        assertTrue(events.stream().anyMatch(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4
                && e.getOutcomeDesc().contains("BTG")), "the refused emergency access is listed");
    }

    @Test
    void retrievalsAreLoggedWithWhatWasGiven() throws Exception {
        String uniqueId = RespondingGatewayIT.provided(Samples.PATIENT_C, "N",
                "<notat>logges</notat>".getBytes(StandardCharsets.UTF_8));
        Soap.Reply retrieved = RespondingGatewayIT.asGateway("sykehus", XdsActions.ITI_39,
                Samples.retrieve(RespondingGatewayIT.SYKEHUS, AdapterStack.SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_C);
        assertTrue(retrieved.isSuccess(), retrieved::toString);
        assertTrue(events(read("sykehus", Samples.PATIENT_C, gateway("sykehus"))).stream()
                .anyMatch(e -> e.getOutcomeDesc().startsWith("ITI-39 Cross Gateway Retrieve: 1 of 1 documents given")));
    }

    @Test
    void aProtectedRolesNameIsWithheldFromThePatientButNotFromAnAuditor() throws Exception {
        String patient = Samples.PATIENT_B;
        XuaClaims ambulance = new XuaClaims("05076600324", "Ambulanse Arbeider", ANNE_HPR, "974589095", "974589095",
                "TREAT", "AA", Samples.nationalCx(patient).replace("&amp;", "&"), RespondingGatewayIT.SYKEHUS);
        Soap.Reply asked = Soap.callWithHeader(AdapterStack.uri("/adapters/sykehus/services/xca"), XdsActions.ITI_38,
                StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                        .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(patient) + "'")
                        .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build(),
                XuaCaller.header(AdapterStack.xua().assertion(ambulance, RespondingGatewayIT.SYKEHUS, Duration.ofMinutes(5))));
        assertTrue(asked.isSuccess(), asked::toString);

        HttpResponse<String> own = read("sykehus", patient, citizen(patient));
        assertEquals(200, own.statusCode(), own.body());
        assertFalse(own.body().contains("Ambulanse Arbeider"), "the protected role's name reached the patient");
        AuditEvent seen = events(own).stream().filter(e -> e.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep()
                .getCode() != null && e.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode().equals("AA"))
                .findFirst().orElseThrow(() -> new AssertionError("the ambulance worker's access is not in " + own.body()));
        assertTrue(seen.getAgentFirstRep().hasExtension(no.dhoindex.shared.access.WithheldNames.EXTENSION), own.body());
        assertEquals("974589095", seen.getAgent().get(1).getWho().getIdentifier().getValue(), "the organisation stays");
        assertTrue(read("sykehus", patient, gateway("sykehus")).body().contains("Ambulanse Arbeider"),
                "an auditing system sees the name");
    }

    @Test
    void thePatientReadsTheirOwnLogAndNoOneElseDoes() throws Exception {
        HttpResponse<String> anonymous = read("sykehus", Samples.PATIENT_B, Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("OperationOutcome"), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP"));

        // A system without the audit scope (the municipality's EHR) may not read the hospital's log.
        HttpResponse<String> ehr = read("sykehus", Samples.PATIENT_B,
                AdapterStack.system("kommune-ehr", SystemCaller.ADMIN).headers("GET", logOf("sykehus")));
        assertEquals(403, ehr.statusCode(), ehr.body());

        assertEquals(200, read("sykehus", Samples.PATIENT_B, citizen(Samples.PATIENT_B)).statusCode());
        HttpResponse<String> other = read("sykehus", Samples.PATIENT_A, citizen(Samples.PATIENT_B));
        assertEquals(403, other.statusCode(), other.body());
        // The same digits under another assigning authority are another person's log.
        HttpResponse<String> elsewhere = read("sykehus", "2.16.578.1.12.4.1.4.99", Samples.PATIENT_B,
                citizen(Samples.PATIENT_B));
        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
        assertTrue(events(read("sykehus", Samples.PATIENT_A, gateway("sykehus"))).stream().anyMatch(e ->
                e.getOutcome() == AuditEvent.AuditEventOutcome._4 && e.getOutcomeDesc().startsWith("FHIR AuditEvent")),
                "the refused reading is in the log it tried to read");
    }

    /** A citizen's token for their own log (HelseID issues these to the citizen's app; here signed by the stack's anchor). */
    private static Map<String, String> citizen(String fnr) throws Exception {
        RSAKey key = RSAKey.parse(Files.readString(Path.of("target", "it-adapters", "data", "trust-anchor",
                "signing-key.json")));
        TokenMinter minter = new TokenMinter(key, AdapterStack.uri("/trust").toString(), Clock.systemUTC());
        ECKey dpop = TokenMinter.newDpopKey();
        String token = minter.sign(minter.claims("nhn:dho-index", dpop, Duration.ofMinutes(5)).subject(fnr)
                .claim("scope", "nhn:dho-index/own-log").claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, fnr).build());
        return Map.of("Authorization", "DPoP " + token,
                "DPoP", TokenMinter.dpopProof(dpop, "GET", logOf("sykehus"), token, Instant.now()));
    }
}
