package no.dhoindex.registry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SyntheticIds;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Being told where a patient's data is, is an access too: the registry logs every stored query it
 * answers for a user (and every refusal) and serves its log as FHIR AuditEvents to auditing systems.
 */
class RegistryAccessLogIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final PayaraMicroProcess server = RegistryServers.h2();
    private final URI endpoint = server.uri("/registry/services/registry");
    private final URI log = server.uri("/registry/fhir/AuditEvent");
    private final RegistryClient registry = new RegistryClient(endpoint, RegistryServers.dataDir(server),
            RegistryServers.hospital(server));

    private HttpResponse<String> read(String fnr, Map<String, String> credentials) throws Exception {
        return read(Samples.NATIONAL_ID_OID, fnr, credentials);
    }

    private HttpResponse<String> read(String authority, String id, Map<String, String> credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(log + "?patient.identifier="
                + URLEncoder.encode("urn:oid:" + authority + "|" + id, StandardCharsets.UTF_8))).GET();
        credentials.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachQueryAndEachRefusalIsLoggedAndReadByAnAuditingSystem() throws Exception {
        String patient = SyntheticIds.next();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", SubmissionBuilder.document()).build());
        registry.found(RegistryClient.findDocuments(patient));
        // An assertion about another patient, used for this one: refused, and logged for this one.
        String query = RegistryClient.findDocuments(patient).build();
        Soap.Reply refused = Soap.callWithHeader(endpoint, XdsActions.ITI_18, query,
                registry.xua().headerForQuery(RegistryClient.findDocuments(SyntheticIds.next()).build(),
                        no.dhoindex.testsupport.XuaCaller.REGISTRY));
        assertEquals(403, refused.httpStatus(), refused::toString);

        HttpResponse<String> anonymous = read(patient, Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());

        SystemCaller gateway = new SystemCaller(RegistryServers.trustAnchor(server), "gateway", "nhn:dho-index/audit");
        HttpResponse<String> response = read(patient, gateway.headers("GET", log));
        assertEquals(200, response.statusCode(), response.body());
        List<AuditEvent> events = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body())
                .getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
        AuditEvent answered = events.stream().filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0
                && e.getOutcomeDesc().startsWith("ITI-18 FindDocuments")).findFirst()
                .orElseThrow(() -> new AssertionError("no ITI-18 access in " + response.body()));
        assertEquals("9144897", answered.getAgentFirstRep().getWho().getIdentifier().getValue(), "who");
        assertEquals("TREAT", answered.getPurposeOfEventFirstRep().getCodingFirstRep().getCode(), "why");
        assertEquals("DHO Index registry", answered.getSource().getObserver().getDisplay());
        assertTrue(events.stream().anyMatch(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4
                && e.getOutcomeDesc().contains("not bound to the patient")), "the refused query is listed");
    }

    /** A citizen reads their own log: their national id, and not the same digits under another authority. */
    @Test
    void aCitizenReadsTheirOwnLogOnly() throws Exception {
        String patient = SyntheticIds.next();
        assertEquals(200, read(patient, citizen(patient)).statusCode());
        HttpResponse<String> other = read(SyntheticIds.next(), citizen(patient));
        assertEquals(403, other.statusCode(), other.body());
        HttpResponse<String> elsewhere = read("2.16.578.1.12.4.1.4.99", patient, citizen(patient));
        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
    }

    /** A citizen's token for their own log (HelseID issues these to the citizen's app; here signed by the stack's anchor). */
    private Map<String, String> citizen(String fnr) throws Exception {
        RSAKey key = RSAKey.parse(Files.readString(RegistryServers.dataDir(server).resolve("trust-anchor")
                .resolve("signing-key.json")));
        TokenMinter minter = new TokenMinter(key, RegistryServers.trustAnchor(server).toString(), Clock.systemUTC());
        ECKey dpop = TokenMinter.newDpopKey();
        String token = minter.sign(minter.claims("nhn:dho-index", dpop, Duration.ofMinutes(5)).subject(fnr)
                .claim("scope", "nhn:dho-index/own-log").claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, fnr).build());
        return Map.of("Authorization", "DPoP " + token,
                "DPoP", TokenMinter.dpopProof(dpop, "GET", log, token, Instant.now()));
    }
}
