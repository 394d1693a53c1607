package no.dhoindex.shared.trust;

import java.time.Instant;
import java.util.Set;

/**
 * A caller whose access token and DPoP proof passed every check: the identity, the client system
 * and its organisation, the granted scopes, and the attestation (absent for system tokens).
 */
public record VerifiedCaller(String tokenId, String subject, String pid, String hprNumber, String clientId,
                             String clientName, String orgnrParent, String orgnrChild, Set<String> scopes,
                             int securityLevel, Attestation attestation, String keyThumbprint, Instant expiresAt) {

    public VerifiedCaller {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** The organisation a system-to-system call acts for: the child organisation where there is one. */
    public String organisation() {
        return orgnrChild != null ? orgnrChild : orgnrParent;
    }
}
