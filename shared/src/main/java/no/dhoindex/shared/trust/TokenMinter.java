package no.dhoindex.shared.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import no.dhoindex.shared.trust.checks.DpopChecks;

/**
 * The local trust anchor's signing side (like NHN's test token service): issues HelseID-shaped
 * access tokens with real RS256 signatures, and makes DPoP proofs for a client key. Real
 * deployments verify HelseID's tokens instead; nothing on the verifying side differs.
 */
public final class TokenMinter {

    private final RSAKey signingKey;
    private final String issuer;
    private final Clock clock;

    public TokenMinter(RSAKey signingKey, String issuer, Clock clock) {
        this.signingKey = signingKey;
        this.issuer = issuer;
        this.clock = clock;
    }

    public static RSAKey newSigningKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey newDpopKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The public keys, as served at the JWKS endpoint. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    /** A builder pre-filled with iss, iat, nbf, exp (lifetime), jti and cnf.jkt of the client's DPoP key. */
    public JWTClaimsSet.Builder claims(String audience, ECKey dpopKey, Duration lifetime) {
        try {
            return claims(audience, dpopKey.computeThumbprint().toString(), lifetime);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, for a key known by its RFC 7638 thumbprint (as a token endpoint learns it from a DPoP proof). */
    public JWTClaimsSet.Builder claims(String audience, String dpopKeyThumbprint, Duration lifetime) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("cnf", Map.of("jkt", dpopKeyThumbprint));
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                    .keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DPoP proof (RFC 9449 §4.2) for one call with this token ({@code null}: a token request). */
    public static String dpopProof(ECKey key, String method, URI uri, String accessToken, Instant at) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                    .claim("htm", method).claim("htu", uri.toString()).issueTime(Date.from(at));
            if (accessToken != null) {
                builder.claim("ath", DpopChecks.hash(accessToken));   // none at a token endpoint
            }
            JWTClaimsSet claims = builder.build();
            SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK()).build(), claims);
            proof.sign(new ECDSASigner(key));
            return proof.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
