package no.dhoindex.registry.interfaces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.RemoteJwks;
import no.dhoindex.shared.trust.ReplayCache;

/**
 * The organisations' systems as the registry knows them: DPoP-bound HelseID client-credentials
 * tokens from the trusted issuer with the register scope, for registrations and the patient feed
 * alike (one JWKS cache, one replay cache).
 */
@ApplicationScoped
public class OrganisationSystems {

    /** What an organisation's system needs to register pointers (ITI-42, ITI-61) and feed patient ids. */
    public static final String REGISTER_SCOPE = "nhn:dho-index/register";

    @Inject
    RegistrySettings settings;

    private volatile AccessTokenVerifier verifier;

    public synchronized AccessTokenVerifier verifier() {
        if (verifier == null) {
            verifier = AccessTokenVerifier.forSystem(new RemoteJwks(settings.trustJwks(), Clock.systemUTC(),
                            Duration.ofSeconds(30)), settings.trustIssuer(), settings.trustAudience(),
                    Set.of(REGISTER_SCOPE), new ReplayCache(), Clock.systemUTC());
        }
        return verifier;
    }

    public boolean required() {
        return settings.registrationTokensRequired();
    }
}
