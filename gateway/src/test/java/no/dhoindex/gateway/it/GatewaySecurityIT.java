package no.dhoindex.gateway.it;

import static no.dhoindex.gateway.it.Clinician.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/**
 * The gateway's inbound checks over HTTP: a valid DPoP-bound token with an attestation for the
 * patient gets data; every kind of bad credential is refused with its status and reason, and logged.
 */
class GatewaySecurityIT extends StackTest {

    private static final String PATIENT = Samples.PATIENT_A;

    private static URI observations(String fnr) {
        return GatewayStack.uri("/gateway/fhir/Observation?patient.identifier="
                + q("urn:oid:2.16.578.1.12.4.1.4.1|" + fnr));
    }

    /** Claims as the trust anchor issues them, for the clinician's key, before a test spoils one. */
    private static JWTClaimsSet.Builder claims(TokenMinter minter, ECKey key, Consumer<Map<String, Object>> attestation) {
        Map<String, Object> care = new java.util.LinkedHashMap<>(Map.of("purpose_of_use",
                Map.of("code", "TREAT", "system", "urn:oid:2.16.840.1.113883.1.11.20448")));
        Map<String, Object> details = new java.util.LinkedHashMap<>(Map.of("type", Claims.TRUST_FRAMEWORK_TYPE,
                "practitioner", Map.of("identifier", Map.of("id", "05076600324", "name", "Anne Lege"),
                        "hpr_nr", Map.of("id", "9144897"), "legal_entity", Map.of("id", "974589095"),
                        // The role every source requires in the assertion (XUA: one role, volven 9060).
                        "authorization", Map.of("code", "LE", "system", "urn:oid:2.16.578.1.12.4.1.1.9060")),
                "care_relation", care, "patients", List.of(Map.of("identifier",
                        Map.of("id", PATIENT, "system", "urn:oid:" + Samples.NATIONAL_ID_OID)))));
        attestation.accept(details);
        return minter.claims("nhn:dho-index", key, Duration.ofMinutes(5)).subject("05076600324")
                .claim("scope", "nhn:dho-index/read").claim(Claims.SECURITY_LEVEL, "4")
                .claim(Claims.PID, "05076600324").claim(Claims.HPR_NUMBER, "9144897").claim(Claims.CLIENT_ID, "ehr-demo")
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(details));
    }

    private static JWTClaimsSet.Builder claims() {
        return claims(Clinician.issuersMinter(), Clinician.ANNE.key, d -> { });
    }

    private static HttpResponse<byte[]> search(String token) {
        URI uri = observations(PATIENT);
        return Clinician.get(uri, Clinician.ANNE.credentials("GET", uri, token));
    }

    private static void refused(HttpResponse<byte[]> response, int status, String reasonContains) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("DPoP error="), challenge);
        assertTrue(body.contains("OperationOutcome") && body.contains(reasonContains), body);
    }

    @Test
    void aValidTokenForThePatientGetsData() {
        HttpResponse<byte[]> response = search(Clinician.issuersMinter().sign(claims().build()));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void noTokenIs401() {
        refused(Clinician.get(observations(PATIENT), Map.of()), 401, "no access token");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() throws Exception {
        RSAKey forger = TokenMinter.newSigningKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(RSAKey.parse(Files.readString(GatewayStack.WORK.resolve("data/trust-anchor/signing-key.json")))
                        .getKeyID()).build(), claims().build());
        jwt.sign(new RSASSASigner(forger));
        refused(search(jwt.serialize()), 401, "signature");
    }

    @Test
    void anUnsignedTokenIs401() {
        String none = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(), claims().build())
                .serialize();
        refused(search(none), 401, "not a signed JWT");
    }

    @Test
    void anExpiredTokenIs401() {
        refused(search(Clinician.issuersMinter().sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(120)))
                .build())), 401, "expired");
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        refused(search(Clinician.issuersMinter().sign(claims().audience("nhn:another-service").build())), 401, "(aud)");
    }

    @Test
    void aTokenWithoutTheScopeIs403() {
        refused(search(Clinician.issuersMinter().sign(claims().claim("scope", "nhn:dho-index/other").build())), 403, "scope");
    }

    @Test
    void aReplayedDpopProofIs401() {
        String token = Clinician.issuersMinter().sign(claims().build());
        URI uri = observations(PATIENT);
        Map<String, String> once = Clinician.ANNE.credentials("GET", uri, token);
        assertEquals(200, Clinician.get(uri, once).statusCode());
        refused(Clinician.get(uri, once), 401, "used before");
    }

    @Test
    void aProofByAnotherKeyThanTheTokenIsBoundToIs401() {
        String token = Clinician.issuersMinter().sign(claims().build());
        URI uri = observations(PATIENT);
        refused(Clinician.get(uri, Clinician.credentials("GET", uri, token, TokenMinter.newDpopKey())), 401, "cnf.jkt");
    }

    @Test
    void anAttestationForAnotherPatientIs403() {
        String token = Clinician.issuersMinter().sign(claims().build());
        URI other = observations(Samples.PATIENT_B);
        refused(Clinician.get(other, Clinician.ANNE.credentials("GET", other, token)), 403, "not bound to the patient");
    }

    @Test
    void theSameIdUnderAnotherAuthorityIsAnotherPatient() {
        String token = Clinician.issuersMinter().sign(claims().build());
        URI elsewhere = GatewayStack.uri("/gateway/fhir/Observation?patient.identifier="
                + q("urn:oid:2.16.578.1.12.4.1.4.2|" + PATIENT));
        refused(Clinician.get(elsewhere, Clinician.ANNE.credentials("GET", elsewhere, token)), 403, "not bound to the patient");
        URI documents = GatewayStack.uri("/gateway/fhir/DocumentReference?patient.identifier="
                + q("urn:oid:2.16.578.1.12.4.1.4.2|" + PATIENT));
        refused(Clinician.get(documents, Clinician.ANNE.credentials("GET", documents, token)), 403, "not bound to the patient");
    }

    @Test
    void anAttestedPatientWithoutItsAuthorityIsNobody() {
        String token = Clinician.issuersMinter().sign(claims(Clinician.issuersMinter(), Clinician.ANNE.key,
                d -> d.put("patients", List.of(Map.of("identifier", Map.of("id", PATIENT))))).build());
        refused(search(token), 403, "not bound to the patient");
    }

    @Test
    void aUserTokenWithoutAnHprNumberIs403() {
        JWTClaimsSet.Builder claims = claims(Clinician.issuersMinter(), Clinician.ANNE.key,
                d -> d.put("practitioner", Map.of("identifier", Map.of("id", "05076600324", "name", "Anne Lege"),
                        "legal_entity", Map.of("id", "974589095"))));
        claims.claim(Claims.HPR_NUMBER, null);
        refused(search(Clinician.issuersMinter().sign(claims.build())), 403, "HPR number");
    }

    @Test
    void anAttestationWithoutPurposeOfUseIs403() {
        String token = Clinician.issuersMinter().sign(claims(Clinician.issuersMinter(), Clinician.ANNE.key,
                d -> d.put("care_relation", Map.of("healthcare_service", Map.of("code", "KP01")))).build());
        refused(search(token), 403, "purpose of use");
    }

    @Test
    void aPurposeOfUseTheDeploymentDoesNotAllowIs403() {
        for (String purpose : java.util.List.of("HPAYMT", "BTG")) {   // payment; break-the-glass is off by default
            String token = Clinician.issuersMinter().sign(claims(Clinician.issuersMinter(), Clinician.ANNE.key,
                    d -> d.put("care_relation", Map.of("purpose_of_use", Map.of("code", purpose)))).build());
            refused(search(token), 403, "purpose of use " + purpose);
        }
    }

    @Test
    void aSoapCallWithoutATokenIsASoapFault401() {
        URI gateway = GatewayStack.uri("/gateway/services/xca");
        Soap.Reply reply = Soap.call(gateway, XdsActions.ITI_18, StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(PATIENT) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build());
        assertEquals(401, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault(), reply::toString);
    }

    @Test
    void aSoapQueryAboutAnotherPatientIsASoapFault403() {
        URI gateway = GatewayStack.uri("/gateway/services/xca");
        Soap.Reply reply = Clinician.ANNE.soap(gateway, XdsActions.ITI_18, StoredQueryBuilder.query(
                        StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryPatientId", "'"
                        + Samples.nationalCx(Samples.PATIENT_B) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build(), PATIENT);
        assertEquals(403, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault() && reply.faultReason().contains("not bound to the patient"), reply::toString);
    }

    @Test
    void everyRefusalIsLogged() throws Exception {
        Clinician.get(observations(PATIENT), Map.of());
        String log = Files.readString(GatewayStack.server().log());
        assertTrue(log.contains("event=access-refused") && log.contains("check=presence"), "refusals in the log");
    }
}
