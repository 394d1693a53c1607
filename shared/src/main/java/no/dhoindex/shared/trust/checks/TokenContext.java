package no.dhoindex.shared.trust.checks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import no.dhoindex.shared.trust.ResourceRequest;

/**
 * What the checks look at: the parsed access token and its claims, the request it came with,
 * and the time of the check. {@code proofThumbprint} is set by the DPoP proof check, {@code signingKey}
 * (the issuer's key the token's signature verified with) by the signature check.
 */
public final class TokenContext {

    private final String rawToken;
    private final SignedJWT token;
    private final JWTClaimsSet claims;
    private final ResourceRequest request;
    private final Instant now;
    private String proofThumbprint;
    private JWK signingKey;

    public TokenContext(String rawToken, SignedJWT token, JWTClaimsSet claims, ResourceRequest request, Instant now) {
        this(rawToken, token, claims, request, now, null);
    }

    /** A token verified before: its signing key is the one its signature verified with then. */
    public TokenContext(String rawToken, SignedJWT token, JWTClaimsSet claims, ResourceRequest request, Instant now,
                        JWK signingKey) {
        this.rawToken = rawToken;
        this.token = token;
        this.claims = claims;
        this.request = request;
        this.now = now;
        this.signingKey = signingKey;
    }

    public String rawToken() {
        return rawToken;
    }

    public SignedJWT token() {
        return token;
    }

    public JWTClaimsSet claims() {
        return claims;
    }

    public ResourceRequest request() {
        return request;
    }

    public Instant now() {
        return now;
    }

    public String proofThumbprint() {
        return proofThumbprint;
    }

    void proofThumbprint(String thumbprint) {
        this.proofThumbprint = thumbprint;
    }

    public JWK signingKey() {
        return signingKey;
    }

    void signingKey(JWK key) {
        this.signingKey = key;
    }
}
