package no.dhoindex.shared.trust.checks;

import no.dhoindex.shared.trust.TokenRefusal;

/**
 * A check whose verdict depends on the access token's bytes alone — not on the clock, the request or
 * anything that changes — so a token that passed it once passes it again: a verifier that remembers a
 * verified token ({@code AccessTokenVerifier}) skips it for that token and calls {@link #reconfirm}
 * instead. Lifetime, the DPoP proof and its binding depend on the time or the call and are never one.
 */
public interface TokenOnlyCheck extends TokenCheck {

    /**
     * For a token that passed {@link #check} before: confirms cheaply whatever outside the token the
     * verdict rested on (the signature: the issuer still publishes that key). Nothing, for most.
     */
    default void reconfirm(TokenContext context) throws TokenRefusal {
    }
}
