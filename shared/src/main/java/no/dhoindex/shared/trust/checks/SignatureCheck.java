package no.dhoindex.shared.trust.checks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import java.util.Set;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.TrustKeys;

/**
 * The token is signed by the issuer: an asymmetric algorithm HelseID uses (never {@code none},
 * never HMAC), a key id the issuer's JWKS knows, and a signature that verifies with that key. For a
 * token verified before, the issuer must still publish that very key under that id (a key the issuer
 * withdrew, or replaced under the same id, no longer vouches for its tokens).
 */
public final class SignatureCheck implements TokenOnlyCheck {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final TrustKeys keys;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    public SignatureCheck(TrustKeys keys) {
        this.keys = keys;
    }

    @Override
    public void check(TokenContext context) throws TokenRefusal {
        var header = context.token().getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw refuse("algorithm " + header.getAlgorithm() + " is not accepted");
        }
        if (header.getKeyID() == null) {
            throw refuse("the token names no signing key (kid)");
        }
        JWK key = keys.key(header.getKeyID());
        if (!(key instanceof AsymmetricJWK asymmetric)) {
            throw refuse("signing key " + header.getKeyID() + " is not one of the issuer's");
        }
        try {
            JWSVerifier verifier = verifiers.createJWSVerifier(header, asymmetric.toPublicKey());
            if (!context.token().verify(verifier)) {
                throw refuse("the signature does not verify");
            }
            context.signingKey(key);
        } catch (JOSEException e) {
            throw refuse("the signature cannot be verified with key " + header.getKeyID());
        }
    }

    @Override
    public void reconfirm(TokenContext context) throws TokenRefusal {
        String keyId = context.token().getHeader().getKeyID();
        JWK key = keys.key(keyId);
        if (key == null || !key.equals(context.signingKey())) {
            throw refuse("signing key " + keyId + " is no longer one of the issuer's");
        }
    }

    private static TokenRefusal refuse(String message) {
        return new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "signature", message);
    }
}
