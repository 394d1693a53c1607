package no.dhoindex.shared.trust;

import com.nimbusds.jose.jwk.JWK;

/** The issuer's public signing keys, by key id. */
public interface TrustKeys {

    /** The key with this id, refreshing from the source once if it is not known; {@code null} if none. */
    JWK key(String keyId);
}
