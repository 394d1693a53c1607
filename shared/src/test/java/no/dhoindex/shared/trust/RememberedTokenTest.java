package no.dhoindex.shared.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import no.dhoindex.shared.trust.checks.Claims;
import org.junit.jupiter.api.Test;

/**
 * A verified token is remembered until it expires, and only what the token alone decides is skipped:
 * every call still has its own DPoP proof checked, the lifetime against the clock, the key against the
 * issuer's JWKS. Each test first has the token remembered, then tries one way around it.
 */
class RememberedTokenTest {

    private static final String ISSUER = "https://trust-anchor.test";
    private static final String AUDIENCE = "dho-index-gateway";
    private static final String SCOPE = "dho:read";
    private static final URI URL = URI.create("http://127.0.0.1:8080/gateway/fhir/Observation");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    /** The injected clock, moved by the tests. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final RSAKey signing = TokenMinter.newSigningKey();
    private final TokenMinter minter = new TokenMinter(signing, ISSUER, clock);
    private final ECKey dpopKey = TokenMinter.newDpopKey();
    /** The issuer's published keys, which a test may withdraw. */
    private final Map<String, JWK> published = new ConcurrentHashMap<>(Map.of(signing.getKeyID(), signing.toPublicJWK()));
    private final ReplayCache replays = new ReplayCache();
    private final AccessTokenVerifier verifier = AccessTokenVerifier.forResource(published::get, ISSUER, AUDIENCE,
            SCOPE, false, replays, clock);

    private JWTClaimsSet.Builder claims() {
        return minter.claims(AUDIENCE, dpopKey, Duration.ofMinutes(5)).subject("user-1").claim("scope", SCOPE)
                .claim(Claims.CLIENT_ID, "ehr-demo");
    }

    private ResourceRequest call(String token, String proof) {
        return new ResourceRequest("GET", URL, "DPoP " + token, proof);
    }

    /** A call with a fresh proof, made now, by the token's own key. */
    private ResourceRequest call(String token) {
        return call(token, TokenMinter.dpopProof(dpopKey, "GET", URL, token, clock.instant()));
    }

    private TokenRefusal refused(AccessTokenVerifier v, ResourceRequest call) {
        return assertThrows(TokenRefusal.class, () -> v.verify(call));
    }

    /** A token verified once, so remembered. */
    private String remembered() throws TokenRefusal {
        String token = minter.sign(claims().build());
        int before = verifier.rememberedTokens();
        verifier.verify(call(token));
        assertEquals(before + 1, verifier.rememberedTokens());
        return token;
    }

    @Test
    void aRememberedTokenGivesTheSameCallerWithEachFreshProof() throws Exception {
        String token = remembered();
        VerifiedCaller first = verifier.verify(call(token));
        clock.advance(Duration.ofSeconds(20));
        VerifiedCaller later = verifier.verify(call(token));
        assertEquals(first, later);
        assertEquals("user-1", later.subject());
        assertEquals(1, verifier.rememberedTokens());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() throws Exception {
        String token = remembered();
        clock.advance(Duration.ofMinutes(5).plusSeconds(31));   // past exp and the 30 s skew
        assertEquals("lifetime", refused(verifier, call(token)).check());
        assertEquals(0, verifier.rememberedTokens());
    }

    @Test
    void atItsExpiryARememberedTokenIsForgottenAndVerifiedInFullAgain() throws Exception {
        String token = remembered();
        clock.advance(Duration.ofMinutes(5).plusSeconds(10));   // past exp, within the skew: still accepted
        verifier.verify(call(token));
        assertEquals(0, verifier.rememberedTokens(), "an expired token is not remembered again");
        published.clear();
        assertEquals("signature", refused(verifier, call(token)).check(), "verified in full: its key is gone");
    }

    @Test
    void aTokenNotValidYetIsNotRememberedAndIsAcceptedOnceValid() throws Exception {
        String token = minter.sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());
        assertEquals("lifetime", refused(verifier, call(token)).check());
        assertEquals(0, verifier.rememberedTokens());
        clock.advance(Duration.ofSeconds(60));
        verifier.verify(call(token));
    }

    @Test
    void aProofMadeWithAnotherKeyIsRefusedForARememberedToken() throws Exception {
        String token = remembered();
        String proof = TokenMinter.dpopProof(TokenMinter.newDpopKey(), "GET", URL, token, NOW);
        assertEquals("dpop-binding", refused(verifier, call(token, proof)).check());
    }

    @Test
    void aReplayedProofIsRefusedForARememberedToken() throws Exception {
        String token = remembered();
        ResourceRequest once = call(token);
        verifier.verify(once);
        assertEquals("dpop-proof", refused(verifier, once).check());
    }

    @Test
    void aProofForAnotherTokenIsRefusedForARememberedToken() throws Exception {
        String token = remembered();
        String other = remembered();
        String proofForOther = TokenMinter.dpopProof(dpopKey, "GET", URL, other, NOW);
        assertEquals("dpop-proof", refused(verifier, call(token, proofForOther)).check());
    }

    @Test
    void anOldProofIsRefusedForARememberedToken() throws Exception {
        String token = remembered();
        String proof = TokenMinter.dpopProof(dpopKey, "GET", URL, token, NOW);
        clock.advance(Duration.ofSeconds(30));
        assertEquals("dpop-proof", refused(verifier, call(token, proof)).check());
    }

    @Test
    void aProofForAnotherMethodOrUrlIsRefusedForARememberedToken() throws Exception {
        String token = remembered();
        assertEquals("dpop-proof", refused(verifier, call(token, TokenMinter.dpopProof(dpopKey, "POST", URL, token,
                NOW))).check());
        assertEquals("dpop-proof", refused(verifier, call(token, TokenMinter.dpopProof(dpopKey, "GET",
                URI.create("http://127.0.0.1:8080/gateway/fhir/Patient"), token, NOW))).check());
        assertEquals("dpop-proof", refused(verifier, call(token, null)).check());
    }

    @Test
    void aSecondAuthorizationOrDpopHeaderIsRefusedForARememberedToken() throws Exception {
        String token = remembered();
        ResourceRequest one = call(token);
        assertEquals("one-authorization", refused(verifier,
                new ResourceRequest("GET", URL, one.authorization(), one.dpop(), 2, 1)).check());
        assertEquals("one-proof", refused(verifier,
                new ResourceRequest("GET", URL, one.authorization(), one.dpop(), 1, 2)).check());
    }

    @Test
    void aForgedTokenWithTheSameJtiAndSubjectIsVerifiedInFull() throws Exception {
        JWTClaimsSet same = claims().build();
        verifier.verify(call(minter.sign(same)));
        RSAKey forger = new RSAKey.Builder(TokenMinter.newSigningKey()).keyID(signing.getKeyID()).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(signing.getKeyID()).build(), same);
        forged.sign(new RSASSASigner(forger));
        assertEquals("signature", refused(verifier, call(forged.serialize())).check());
    }

    @Test
    void aDifferentTokenWithTheSameJtiAndSubjectHasItsOwnClaimsChecked() throws Exception {
        JWTClaimsSet first = claims().build();
        verifier.verify(call(minter.sign(first)));
        String narrower = minter.sign(new JWTClaimsSet.Builder(first).claim("scope", "dho:other").build());
        assertEquals("scope", refused(verifier, call(narrower)).check());
    }

    @Test
    void aTokenWhoseProofFailedIsNotRemembered() throws Exception {
        String token = minter.sign(claims().build());
        refused(verifier, call(token, TokenMinter.dpopProof(TokenMinter.newDpopKey(), "GET", URL, token, NOW)));
        assertEquals(0, verifier.rememberedTokens());
    }

    @Test
    void aRefusedTokenIsRefusedAgainAndNotRemembered() {
        String token = minter.sign(claims().claim("scope", "dho:other").build());
        assertEquals("scope", refused(verifier, call(token)).check());
        assertEquals("scope", refused(verifier, call(token)).check());
        assertEquals(0, verifier.rememberedTokens());
    }

    @Test
    void aRememberedTokenIsRefusedOnceTheIssuerWithdrawsItsKey() throws Exception {
        String token = remembered();
        published.clear();
        assertEquals("signature", refused(verifier, call(token)).check());
    }

    @Test
    void aRememberedTokenIsRefusedWhenItsKeyIdNowNamesAnotherKey() throws Exception {
        String token = remembered();
        published.put(signing.getKeyID(), new RSAKey.Builder(TokenMinter.newSigningKey()).keyID(signing.getKeyID())
                .build().toPublicJWK());
        assertEquals("signature", refused(verifier, call(token)).check());
    }

    @Test
    void anotherVerifiersChecksAreItsOwn() throws Exception {
        String token = remembered();
        AccessTokenVerifier stricter = AccessTokenVerifier.forResource(published::get, ISSUER, AUDIENCE, "dho:write",
                false, replays, clock);
        assertEquals("scope", refused(stricter, call(token)).check());
    }

    @Test
    void theOrganisationAServiceIsForIsCheckedOnEveryCall() throws Exception {
        AtomicReference<String> serving = new AtomicReference<>("974589095");
        AccessTokenVerifier own = AccessTokenVerifier.forSystemOf(serving::get, published::get, ISSUER, AUDIENCE,
                Set.of("register"), replays, clock);
        String token = minter.sign(claims().claim("scope", "register").claim(Claims.ORGNR_PARENT, "974589095").build());
        own.verify(call(token));
        serving.set("921234567");
        assertEquals("organisation", refused(own, call(token)).check());
    }

    @Test
    void theLeastRecentlyUsedTokenIsForgottenBeyondTheBound() throws Exception {
        AccessTokenVerifier small = verifier.remembering(2);
        List<String> tokens = List.of(minter.sign(claims().build()), minter.sign(claims().build()),
                minter.sign(claims().build()));
        small.verify(call(tokens.get(0)));
        small.verify(call(tokens.get(1)));
        small.verify(call(tokens.get(0)));   // used again: the second is now the least recently used
        small.verify(call(tokens.get(2)));
        assertEquals(2, small.rememberedTokens());
        published.clear();
        // A remembered token's key is reconfirmed; a forgotten one is verified in full: both refused, each its way.
        assertTrue(refused(small, call(tokens.get(0))).getMessage().contains("no longer"));
        assertTrue(refused(small, call(tokens.get(2))).getMessage().contains("no longer"));
        assertTrue(refused(small, call(tokens.get(1))).getMessage().contains("is not one of the issuer's"));
    }
}
