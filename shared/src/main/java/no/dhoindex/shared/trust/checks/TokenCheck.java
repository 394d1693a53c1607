package no.dhoindex.shared.trust.checks;

import no.dhoindex.shared.trust.TokenRefusal;

/** One named check in the access-token chain (the Keycloak TokenVerifier pattern). */
@FunctionalInterface
public interface TokenCheck {

    void check(TokenContext context) throws TokenRefusal;
}
