package no.dhoindex.trustanchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Set;
import no.dhoindex.trustanchor.AuthorizationCodes.BrowserClient;
import no.dhoindex.trustanchor.AuthorizationCodes.Login;
import no.dhoindex.trustanchor.AuthorizationCodes.Refusal;
import org.junit.jupiter.api.Test;

/** The browser app's authorization code: registered client and exact redirect URI, PKCE S256, once, briefly. */
class AuthorizationCodesTest {

    private static final String APP = "dho-app";
    private static final String REDIRECT = "http://127.0.0.1:8080/gateway/app/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 Appendix B
    private static final Login ANNE = Login.practitioner("anne", "15077510041", "TREAT");

    private Instant now = Instant.parse("2026-12-02T09:00:00Z");
    private final AuthorizationCodes codes = new AuthorizationCodes(
            id -> APP.equals(id) ? new BrowserClient(APP, Set.of(REDIRECT)) : null,
            () -> now);

    @Test
    void theChallengeIsTheRfcsExample() {
        assertEquals(CHALLENGE, AuthorizationCodes.s256(VERIFIER));
    }

    @Test
    void aCodeRedeemedWithItsVerifierGivesTheLoginOnce() throws Refusal {
        String code = codes.issue(APP, REDIRECT, CHALLENGE, ANNE);
        assertEquals(ANNE, codes.redeem(code, APP, REDIRECT, VERIFIER));
        assertEquals("invalid_grant", assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT, VERIFIER)).error());
    }

    @Test
    void aWrongVerifierIsRefusedAndSpendsTheCode() throws Refusal {
        String code = codes.issue(APP, REDIRECT, CHALLENGE, ANNE);
        String other = "x".repeat(43);
        assertEquals("invalid_grant", assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT, other)).error());
        assertEquals("invalid_grant", assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT, null)).error());
        // Spent by the failed attempt: the right verifier no longer helps an attacker who raced for it.
        assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT, VERIFIER));
        assertEquals(0, codes.pending());
    }

    @Test
    void theVerifierMustBeWellFormedEvenIfItsHashMatched() throws Refusal {
        String shortVerifier = "abc";
        String code = codes.issue(APP, REDIRECT, AuthorizationCodes.s256(shortVerifier), ANNE);
        assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT, shortVerifier));
    }

    @Test
    void theRedirectUriMustBeExactlyTheOneTheCodeWasIssuedFor() throws Refusal {
        String code = codes.issue(APP, REDIRECT, CHALLENGE, ANNE);
        assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT + "?x=1", VERIFIER));
        String second = codes.issue(APP, REDIRECT, CHALLENGE, ANNE);
        assertThrows(Refusal.class, () -> codes.redeem(second, "another-app", REDIRECT, VERIFIER));
    }

    @Test
    void anExpiredCodeIsRefused() throws Refusal {
        String code = codes.issue(APP, REDIRECT, CHALLENGE, ANNE);
        now = now.plus(AuthorizationCodes.LIFETIME).plusSeconds(1);
        assertThrows(Refusal.class, () -> codes.redeem(code, APP, REDIRECT, VERIFIER));
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertThrows(Refusal.class, () -> codes.redeem("made-up", APP, REDIRECT, VERIFIER));
        assertThrows(Refusal.class, () -> codes.redeem(null, APP, REDIRECT, VERIFIER));
    }

    @Test
    void onlyRegisteredClientsAtTheirExactRedirectUrisWithS256MayAsk() throws Refusal {
        assertEquals(APP, codes.check(APP, REDIRECT, "code", CHALLENGE, "S256").clientId());
        assertEquals("unauthorized_client",
                assertThrows(Refusal.class, () -> codes.check("evil", REDIRECT, "code", CHALLENGE, "S256")).error());
        assertThrows(Refusal.class, () -> codes.check(null, REDIRECT, "code", CHALLENGE, "S256"));
        for (String redirect : new String[] {REDIRECT + "evil", "http://127.0.0.1:8080/gateway/app", null,
                "http://evil.example/gateway/app/", REDIRECT.toUpperCase()}) {
            assertThrows(Refusal.class, () -> codes.check(APP, redirect, "code", CHALLENGE, "S256"), redirect);
        }
        assertThrows(Refusal.class, () -> codes.check(APP, REDIRECT, "token", CHALLENGE, "S256"));
        assertThrows(Refusal.class, () -> codes.check(APP, REDIRECT, "code", CHALLENGE, "plain"));
        assertThrows(Refusal.class, () -> codes.check(APP, REDIRECT, "code", CHALLENGE, null));
        assertThrows(Refusal.class, () -> codes.check(APP, REDIRECT, "code", null, "S256"));
        assertThrows(Refusal.class, () -> codes.check(APP, REDIRECT, "code", "short", "S256"));
        assertThrows(Refusal.class, () -> codes.issue(APP, REDIRECT + "x", CHALLENGE, ANNE));
    }
}
