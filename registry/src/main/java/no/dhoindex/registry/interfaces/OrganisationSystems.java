package no.dhoindex.registry.interfaces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.shared.access.AccessLogSearch;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.RemoteJwks;
import no.dhoindex.shared.trust.ReplayCache;

/**
 * The callers the registry knows by their HelseID tokens: organisations' systems (client
 * credentials with the register scope, for registrations and the patient feed), and the readers of
 * its access log; one JWKS cache and one replay cache for all of them.
 */
@ApplicationScoped
public class OrganisationSystems {

    /** What an organisation's system needs to register pointers (ITI-42, ITI-61) and feed patient ids. */
    public static final String REGISTER_SCOPE = "nhn:dho-index/register";

    @Inject
    RegistrySettings settings;

    private final ReplayCache replays = new ReplayCache();
    private RemoteJwks keys;
    private AccessTokenVerifier verifier;

    private synchronized RemoteJwks keys() {
        if (keys == null) {
            keys = new RemoteJwks(settings.trustJwks(), Clock.systemUTC(), Duration.ofSeconds(30));
        }
        return keys;
    }

    public synchronized AccessTokenVerifier verifier() {
        if (verifier == null) {
            verifier = AccessTokenVerifier.forSystem(keys(), settings.trustIssuer(), settings.trustAudience(),
                    Set.of(REGISTER_SCOPE), replays, Clock.systemUTC());
        }
        return verifier;
    }

    /** What an organisation's system needs besides register to read and repair its own pointers ({@code /admin/own/*}). */
    public static final String ADMIN_SCOPE = "nhn:dho-index/admin";

    private AccessTokenVerifier ownPointers;

    /**
     * An organisation's system reading or repairing what it registered: register or admin scope
     * (the organisation's EHR or CLI has admin; the adapter registering has register).
     */
    public synchronized AccessTokenVerifier ownPointers() {
        if (ownPointers == null) {
            ownPointers = AccessTokenVerifier.forSystem(keys(), settings.trustIssuer(), settings.trustAudience(),
                    Set.of(REGISTER_SCOPE, ADMIN_SCOPE), replays, Clock.systemUTC());
        }
        return ownPointers;
    }

    /** An auditor's or a citizen's token, for reading the access log (the same issuer, keys and replay cache). */
    public AccessTokenVerifier logReaders() {
        return AccessTokenVerifier.forUserWithAnyScope(keys(), settings.trustIssuer(), settings.trustAudience(),
                Set.of(AccessLogSearch.AUDIT_SCOPE, AccessLogSearch.OWN_LOG_SCOPE), replays, Clock.systemUTC());
    }

    /** A system's token with the audit scope (the gateway, reading the log for a citizen). */
    public AccessTokenVerifier auditingSystems() {
        return AccessTokenVerifier.forSystem(keys(), settings.trustIssuer(), settings.trustAudience(),
                Set.of(AccessLogSearch.AUDIT_SCOPE), replays, Clock.systemUTC());
    }

    public boolean required() {
        return settings.registrationTokensRequired();
    }
}
