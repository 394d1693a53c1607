package no.dhoindex.shared.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.trust.checks.Claims;
import org.junit.jupiter.api.Test;

/** One valid user call, then one thing wrong per test; each refusal names its check. */
class AccessTokenVerifierTest {

    private static final String ISSUER = "https://trust-anchor.test";
    private static final String AUDIENCE = "dho-index-gateway";
    private static final String SCOPE = "dho:read";
    private static final URI URL = URI.create("http://127.0.0.1:8080/gateway/fhir/Observation");
    private static final String PATIENT = "15077510041";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RSAKey signing = TokenMinter.newSigningKey();
    private final TokenMinter minter = new TokenMinter(signing, ISSUER, clock);
    private final ECKey dpopKey = TokenMinter.newDpopKey();
    private final ReplayCache replays = new ReplayCache();
    private final AccessTokenVerifier verifier = AccessTokenVerifier.forResource(
            kid -> minter.publicKeys().getKeyByKeyId(kid), ISSUER, AUDIENCE, SCOPE, true, replays, clock);

    private JWTClaimsSet.Builder validClaims() {
        return minter.claims(AUDIENCE, dpopKey, Duration.ofMinutes(5)).subject("user-1").claim("scope", SCOPE)
                .claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, "05076600324")
                .claim(Claims.HPR_NUMBER, "9144897").claim(Claims.CLIENT_ID, "ehr-demo")
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation("COC", PATIENT)));
    }

    private static Map<String, Object> attestation(String purposeOfUse, String patient) {
        Map<String, Object> care = purposeOfUse == null ? Map.of("healthcare_service", Map.of("code", "KP01"))
                : Map.of("purpose_of_use", Map.of("code", purposeOfUse, "system", "urn:oid:2.16.840.1.113883.1.11.20448"));
        return Map.of("type", "nhn:tillitsrammeverk:parameters",
                "practitioner", Map.of("identifier", Map.of("id", "05076600324", "name", "Anne Lege"),
                        "hpr_nr", Map.of("id", "9144897"), "legal_entity", Map.of("id", "974589095"),
                        "authorization", Map.of("code", "LE", "system", "urn:oid:2.16.578.1.12.4.1.1.9060")),
                "care_relation", care,
                "patients", List.of(Map.of("identifier", Map.of("id", patient, "system", "urn:oid:2.16.578.1.12.4.1.4.1"))));
    }

    private ResourceRequest request(String token, String proof) {
        return new ResourceRequest("GET", URL, "DPoP " + token, proof);
    }

    private ResourceRequest valid(String token) {
        return request(token, TokenMinter.dpopProof(dpopKey, "GET", URL, token, NOW));
    }

    private TokenRefusal refused(ResourceRequest request) {
        return assertThrows(TokenRefusal.class, () -> verifier.verify(request));
    }

    @Test
    void validTokenAndProofGiveTheCallerAndAttestation() throws Exception {
        VerifiedCaller caller = verifier.verify(valid(minter.sign(validClaims().build())));
        assertEquals("9144897", caller.hprNumber());
        assertEquals("COC", caller.attestation().careRelation().purposeOfUse());
        assertEquals(List.of(PatientId.nationalId(PATIENT)), caller.attestation().patients());
        PatientBinding.require(caller, PatientId.nationalId(PATIENT));
        // The same digits under another authority are another person.
        assertThrows(TokenRefusal.class, () -> PatientBinding.require(caller, new PatientId(PATIENT, "2.16.578.1.12.4.1.4.2")));
    }

    @Test
    void noTokenIsRefused() {
        TokenRefusal r = refused(new ResourceRequest("GET", URL, null, null));
        assertEquals(TokenRefusal.Kind.MISSING_TOKEN, r.kind());
        assertEquals(401, r.kind().httpStatus());
    }

    @Test
    void aSecondAuthorizationHeaderIsRefusedBeforeEitherIsRead() {
        String token = minter.sign(validClaims().build());
        ResourceRequest one = valid(token);
        TokenRefusal r = refused(new ResourceRequest("GET", URL, one.authorization(), one.dpop(), 2, 1));
        assertEquals("one-authorization", r.check());
        assertEquals(400, r.kind().httpStatus());
    }

    @Test
    void aSecondDpopHeaderIsRefused() {
        String token = minter.sign(validClaims().build());
        ResourceRequest one = valid(token);
        TokenRefusal r = refused(new ResourceRequest("GET", URL, one.authorization(), one.dpop(), 1, 2));
        assertEquals("one-proof", r.check());
        assertEquals(TokenRefusal.Kind.INVALID_DPOP_PROOF, r.kind());
    }

    @Test
    void bearerSchemeIsRefused() {
        String token = minter.sign(validClaims().build());
        TokenRefusal r = refused(new ResourceRequest("GET", URL, "Bearer " + token,
                TokenMinter.dpopProof(dpopKey, "GET", URL, token, NOW)));
        assertEquals("scheme", r.check());
    }

    @Test
    void signatureByAnotherKeyIsRefused() throws Exception {
        RSAKey forger = new RSAKey.Builder(TokenMinter.newSigningKey()).keyID(signing.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(signing.getKeyID()).build(), validClaims().build());
        jwt.sign(new RSASSASigner(forger));
        assertEquals("signature", refused(valid(jwt.serialize())).check());
    }

    @Test
    void unsignedTokenIsRefused() {
        String token = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
                validClaims().build()).serialize();
        TokenRefusal r = refused(valid(token));
        assertEquals(TokenRefusal.Kind.INVALID_TOKEN, r.kind());
        assertEquals("format", r.check());
    }

    @Test
    void expiredTokenIsRefused() {
        String token = minter.sign(validClaims().expirationTime(java.util.Date.from(NOW.minusSeconds(60))).build());
        assertEquals("lifetime", refused(valid(token)).check());
    }

    @Test
    void wrongAudienceIsRefused() {
        String token = minter.sign(validClaims().audience("another-service").build());
        assertEquals("audience", refused(valid(token)).check());
    }

    @Test
    void wrongIssuerIsRefused() {
        String token = new TokenMinter(signing, "https://elsewhere.test", clock)
                .sign(validClaims().issuer("https://elsewhere.test").build());
        assertEquals("issuer", refused(valid(token)).check());
    }

    @Test
    void missingScopeIsRefusedWith403() {
        String token = minter.sign(validClaims().claim("scope", "dho:other").build());
        TokenRefusal r = refused(valid(token));
        assertEquals("scope", r.check());
        assertEquals(403, r.kind().httpStatus());
    }

    @Test
    void lowSecurityLevelIsRefused() {
        String token = minter.sign(validClaims().claim(Claims.SECURITY_LEVEL, "3").build());
        assertEquals("security-level", refused(valid(token)).check());
    }

    @Test
    void replayedProofIsRefused() throws Exception {
        String token = minter.sign(validClaims().build());
        String proof = TokenMinter.dpopProof(dpopKey, "GET", URL, token, NOW);
        verifier.verify(request(token, proof));
        TokenRefusal r = refused(request(token, proof));
        assertEquals("dpop-proof", r.check());
        assertEquals(TokenRefusal.Kind.INVALID_DPOP_PROOF, r.kind());
    }

    @Test
    void proofByAnotherKeyThanCnfJktIsRefused() {
        String token = minter.sign(validClaims().build());
        String proof = TokenMinter.dpopProof(TokenMinter.newDpopKey(), "GET", URL, token, NOW);
        assertEquals("dpop-binding", refused(request(token, proof)).check());
    }

    @Test
    void proofForAnotherUrlIsRefused() {
        String token = minter.sign(validClaims().build());
        String proof = TokenMinter.dpopProof(dpopKey, "GET", URI.create("http://127.0.0.1:8080/gateway/fhir/Patient"),
                token, NOW);
        assertEquals("dpop-proof", refused(request(token, proof)).check());
    }

    @Test
    void staleProofIsRefused() {
        String token = minter.sign(validClaims().build());
        String proof = TokenMinter.dpopProof(dpopKey, "GET", URL, token, NOW.minusSeconds(30));
        assertEquals("dpop-proof", refused(request(token, proof)).check());
    }

    @Test
    void proofForAnotherTokenIsRefused() {
        String token = minter.sign(validClaims().build());
        String other = minter.sign(validClaims().build());
        String proof = TokenMinter.dpopProof(dpopKey, "GET", URL, other, NOW);
        assertEquals("dpop-proof", refused(request(token, proof)).check());
    }

    @Test
    void missingProofIsRefused() {
        assertEquals("dpop-proof", refused(request(minter.sign(validClaims().build()), null)).check());
    }

    @Test
    void missingPurposeOfUseIsRefused() {
        String token = minter.sign(validClaims()
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation(null, PATIENT))).build());
        TokenRefusal r = refused(valid(token));
        assertEquals("attestation", r.check());
        assertEquals(403, r.kind().httpStatus());
    }

    @Test
    void attestationForAnotherPatientIsRefusedForThisPatient() throws Exception {
        String token = minter.sign(validClaims()
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation("COC", "23059110047"))).build());
        VerifiedCaller caller = verifier.verify(valid(token));
        TokenRefusal r = assertThrows(TokenRefusal.class, () -> PatientBinding.require(caller, PatientId.nationalId(PATIENT)));
        assertEquals("patient-binding", r.check());
        assertEquals(403, r.kind().httpStatus());
    }

    /** A user's token naming no HPR number: neither the claim nor the attestation's practitioner. */
    private String tokenWithoutHpr() {
        Map<String, Object> attestation = new java.util.HashMap<>(attestation("COC", PATIENT));
        attestation.put("practitioner", Map.of("identifier", Map.of("id", "05076600324", "name", "Anne Lege"),
                "legal_entity", Map.of("id", "974589095"), "authorization", Map.of("code", "LE")));
        JWTClaimsSet.Builder claims = validClaims().claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation));
        claims.claim(Claims.HPR_NUMBER, null);
        return minter.sign(claims.build());
    }

    @Test
    void anAttestationWithoutTheRoleIsRefused() {
        Map<String, Object> attestation = new java.util.HashMap<>(attestation("COC", PATIENT));
        attestation.put("practitioner", Map.of("identifier", Map.of("id", "05076600324", "name", "Anne Lege"),
                "hpr_nr", Map.of("id", "9144897"), "legal_entity", Map.of("id", "974589095")));
        TokenRefusal r = refused(valid(minter.sign(validClaims()
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation)).build())));
        assertEquals("attestation", r.check());
        assertEquals(403, r.kind().httpStatus());
    }

    @Test
    void aUserTokenWithoutAnHprNumberIsRefused() {
        TokenRefusal r = refused(valid(tokenWithoutHpr()));
        assertEquals("hpr-number", r.check());
        assertEquals(403, r.kind().httpStatus());
    }

    @Test
    void theHprNumberCheckCanBeSwitchedOff() throws Exception {
        AccessTokenVerifier lenient = AccessTokenVerifier.forResource(kid -> minter.publicKeys().getKeyByKeyId(kid),
                ISSUER, AUDIENCE, SCOPE, true, false, replays, clock);
        VerifiedCaller caller = lenient.verify(valid(tokenWithoutHpr()));
        assertEquals(null, caller.hprNumber());
    }

    private JWTClaimsSet.Builder systemClaims(String orgnr) {
        return minter.claims(AUDIENCE, dpopKey, Duration.ofMinutes(5)).subject("sykehus-adapter")
                .claim("scope", "register").claim(Claims.CLIENT_ID, "sykehus-adapter").claim(Claims.ORGNR_PARENT, orgnr);
    }

    @Test
    void anOrganisationsSystemTokenGivesItsOrganisation() throws Exception {
        AccessTokenVerifier systems = AccessTokenVerifier.forSystem(kid -> minter.publicKeys().getKeyByKeyId(kid),
                ISSUER, AUDIENCE, java.util.Set.of("register"), replays, clock);
        VerifiedCaller caller = systems.verify(valid(minter.sign(systemClaims("974589095").build())));
        assertEquals("974589095", caller.organisation());
        assertEquals("sykehus-adapter", caller.clientId());
    }

    @Test
    void aSystemTokenWithoutAnOrganisationIsRefused() {
        AccessTokenVerifier systems = AccessTokenVerifier.forSystem(kid -> minter.publicKeys().getKeyByKeyId(kid),
                ISSUER, AUDIENCE, java.util.Set.of("register"), replays, clock);
        TokenRefusal r = assertThrows(TokenRefusal.class, () -> systems.verify(valid(minter.sign(
                systemClaims("974589095").claim(Claims.ORGNR_PARENT, null).build()))));
        assertEquals("organisation", r.check());
        assertEquals(401, r.kind().httpStatus());
    }

    @Test
    void anotherOrganisationsSystemIsForbiddenAtAnOrganisationsService() {
        AccessTokenVerifier own = AccessTokenVerifier.forSystemOf(() -> "974589095",
                kid -> minter.publicKeys().getKeyByKeyId(kid), ISSUER, AUDIENCE, java.util.Set.of("register"), replays,
                clock);
        TokenRefusal r = assertThrows(TokenRefusal.class, () -> own.verify(valid(minter.sign(
                systemClaims("921234567").build()))));
        assertEquals("organisation", r.check());
        assertEquals(403, r.kind().httpStatus());
    }

    @Test
    void aScopeNamedTwiceIsStillOneScope() throws Exception {
        AccessTokenVerifier systems = AccessTokenVerifier.forSystem(kid -> minter.publicKeys().getKeyByKeyId(kid),
                ISSUER, AUDIENCE, java.util.Set.of("register"), replays, clock);
        VerifiedCaller caller = systems.verify(valid(minter.sign(systemClaims("974589095")
                .claim("scope", "register register").build())));
        assertEquals(java.util.Set.of("register"), caller.scopes());
    }
}
