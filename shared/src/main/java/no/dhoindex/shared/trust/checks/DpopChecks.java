package no.dhoindex.shared.trust.checks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import no.dhoindex.shared.trust.UsedProofs;
import no.dhoindex.shared.trust.TokenRefusal;

/**
 * DPoP (RFC 9449 §4.3, §7.1) as a checklist: a proof JWT of type {@code dpop+jwt}, signed with
 * the public key it carries (asymmetric only, no private material), for this method and URL,
 * fresh, used once, bound to this access token ({@code ath}), and made with the key the token
 * is bound to ({@code cnf.jkt}).
 */
public final class DpopChecks {

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private DpopChecks() {
    }

    /** The proof itself; records its key thumbprint for {@link #binding()}. */
    public static TokenCheck proof(UsedProofs replays, Duration maxAge, Duration skew) {
        return c -> c.proofThumbprint(verifyProof(c.request().dpop(), c.request().method(), c.request().uri(),
                c.rawToken(), replays, maxAge, skew, c.now()));
    }

    /**
     * Verifies a DPoP proof (RFC 9449 §4.3) for one HTTP call and returns its key's thumbprint.
     * {@code accessToken} null is a proof at a token endpoint, which has no {@code ath} to check.
     */
    public static String verifyProof(String header, String method, URI uri, String accessToken, UsedProofs replays,
                                     Duration maxAge, Duration skew, Instant now) throws TokenRefusal {
        if (header == null || header.isBlank()) {
            throw refuse("the request carries no DPoP proof");
        }
        SignedJWT proof;
        JWTClaimsSet claims;
        try {
            proof = SignedJWT.parse(header.trim());
            claims = proof.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refuse("the DPoP proof is not a signed JWT");
        }
        JWSHeader h = proof.getHeader();
        if (!new JOSEObjectType("dpop+jwt").equals(h.getType())) {
            throw refuse("the DPoP proof's typ is not dpop+jwt");
        }
        if (!SignatureCheck.ALLOWED.contains(h.getAlgorithm())) {
            throw refuse("the DPoP proof's algorithm " + h.getAlgorithm() + " is not accepted");
        }
        JWK jwk = h.getJWK();
        if (!(jwk instanceof AsymmetricJWK key) || jwk.isPrivate()) {
            throw refuse("the DPoP proof must carry a public asymmetric key (jwk)");
        }
        try {
            // ES256 on P-256 (every browser's and ./dho call's proof) by BouncyCastle: a fifth of the JDK's CPU.
            JWSVerifier verifier = Es256Verifier.handles(h, jwk) ? new Es256Verifier((ECKey) jwk)
                    : VERIFIERS.createJWSVerifier(h, key.toPublicKey());
            if (!proof.verify(verifier)) {
                throw refuse("the DPoP proof's signature does not verify");
            }
        } catch (JOSEException e) {
            throw refuse("the DPoP proof's signature cannot be verified");
        }
        String jti = claims.getJWTID();
        Object htm = claims.getClaim("htm");
        Object htu = claims.getClaim("htu");
        if (jti == null || htm == null || htu == null || claims.getIssueTime() == null) {
            throw refuse("the DPoP proof lacks jti, htm, htu or iat");
        }
        if (!method.equalsIgnoreCase(htm.toString())) {
            throw refuse("the DPoP proof is for method " + htm + ", not " + method);
        }
        if (!normalise(URI.create(htu.toString())).equals(normalise(uri))) {
            throw refuse("the DPoP proof is for another URL (htu)");
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isBefore(now.minus(maxAge)) || iat.isAfter(now.plus(skew))) {
            throw refuse("the DPoP proof is too old or from the future (iat)");
        }
        if (accessToken != null) {
            Object ath = claims.getClaim("ath");
            if (ath == null || !ath.toString().equals(hash(accessToken))) {
                throw refuse("the DPoP proof is not bound to this access token (ath)");
            }
        }
        if (!replays.firstUse(jti, iat.plus(maxAge).plus(skew), now)) {
            throw refuse("the DPoP proof has been used before (jti)");
        }
        try {
            return jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw refuse("the DPoP key's thumbprint cannot be computed");
        }
    }

    /** The token's {@code cnf.jkt} is the thumbprint of the key that signed the proof. */
    public static TokenCheck binding() {
        return c -> {
            Object cnf = c.claims().getClaim(Claims.CNF);
            Object jkt = cnf instanceof Map<?, ?> map ? map.get("jkt") : null;
            if (jkt == null) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "dpop-binding",
                        "the access token is not DPoP-bound (no cnf.jkt)");
            }
            if (c.proofThumbprint() == null || !jkt.toString().equals(c.proofThumbprint())) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_DPOP_PROOF, "dpop-binding",
                        "the DPoP proof's key is not the key the token is bound to (cnf.jkt)");
            }
        };
    }

    /** base64url(SHA-256(ASCII(token))), RFC 9449 §4.2 {@code ath}. */
    public static String hash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(digest).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scheme and host compared case-insensitively, default ports dropped, no query or fragment (§4.3). */
    static String normalise(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    private static TokenRefusal refuse(String message) {
        return new TokenRefusal(TokenRefusal.Kind.INVALID_DPOP_PROOF, "dpop-proof", message);
    }
}
