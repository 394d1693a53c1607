package no.dhoindex.adapters.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.access.AccessLogSearch;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.RemoteJwks;
import no.dhoindex.shared.trust.ReplayCache;
import no.dhoindex.shared.trust.SystemTokens;
import org.eclipse.microprofile.config.Config;

/**
 * The HelseID side of an organisation's sharing service: which issuer it trusts ({@code dho.trust.issuer};
 * the local trust anchor in development), the checks its own systems' tokens pass for providing
 * documents and for administration, and its own client-credentials token for registering pointers.
 */
@ApplicationScoped
public class OrganisationTrust {

    /** The organisation's systems providing documents to its repository (ITI-41). */
    public static final String PROVIDE_SCOPE = "nhn:dho-index/provide";
    /** The organisation's systems managing its sharing service (patients' blocks). */
    public static final String ADMIN_SCOPE = "nhn:dho-index/admin";
    /** Publishing pointers to the registry (ITI-42/61). */
    public static final String REGISTER_SCOPE = "nhn:dho-index/register";

    @Inject
    Config config;

    @Inject
    OrganisationSettings settings;

    private volatile RemoteJwks keys;
    private final ReplayCache replays = new ReplayCache();

    private String issuer() {
        return config.getValue("dho.trust.issuer", String.class);
    }

    private synchronized RemoteJwks keys() {
        if (keys == null) {
            keys = new RemoteJwks(URI.create(config.getOptionalValue("dho.trust.jwksUrl", String.class)
                    .orElse(issuer() + "/jwks")), Clock.systemUTC(), Duration.ofSeconds(30));
        }
        return keys;
    }

    /** Only this organisation's own systems, with one of {@code scopes}. */
    public AccessTokenVerifier ownSystems(String... scopes) {
        return AccessTokenVerifier.forSystemOf(() -> settings.organisation().orgnr(), keys(), issuer(),
                audience(), Set.of(scopes),
                replays, Clock.systemUTC());
    }

    /** Reading an access log: an auditor, or a system acting for one (the gateway asking for a citizen). */
    public static final String AUDIT_SCOPE = AccessLogSearch.AUDIT_SCOPE;
    /** A citizen reading their own access log. */
    public static final String OWN_LOG_SCOPE = AccessLogSearch.OWN_LOG_SCOPE;

    /** A system's token with the audit scope (any organisation's: the gateway reads logs for citizens). */
    public AccessTokenVerifier auditingSystems() {
        return AccessTokenVerifier.forSystem(keys(), issuer(), audience(), Set.of(AUDIT_SCOPE), replays,
                Clock.systemUTC());
    }

    /** A user's token with the audit scope, or a citizen's for their own log. */
    public AccessTokenVerifier logReaders() {
        return AccessTokenVerifier.forUserWithAnyScope(keys(), issuer(), audience(), Set.of(AUDIT_SCOPE, OWN_LOG_SCOPE),
                replays, Clock.systemUTC());
    }

    private String audience() {
        return config.getOptionalValue("dho.trust.audience", String.class).orElse("nhn:dho-index");
    }

    /** This adapter's own token for registering its organisation's pointers ({@code dho.adapters.<org>.clientId}). */
    public SystemTokens registering() {
        URI endpoint = URI.create(config.getOptionalValue("dho.trust.tokenEndpoint", String.class)
                .orElse(issuer() + "/token"));
        String clientId = settings.optional("clientId").orElse(settings.organisation().id() + "-adapter");
        return new SystemTokens(endpoint, clientId, REGISTER_SCOPE, Clock.systemUTC());
    }
}
