package no.dhoindex.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.RemoteJwks;
import no.dhoindex.shared.trust.ReplayCache;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.eclipse.microprofile.config.Config;

/**
 * Who the gateway trusts: the HelseID issuer ({@code dho.trust.issuer}; the local trust anchor in
 * development), its JWKS (cached, refreshed on an unknown key id), this resource's audience and
 * scope. Every call must carry a user's DPoP-bound token with a trust-framework attestation.
 */
@ApplicationScoped
public class GatewayTrust {

    private static final Logger LOG = Logger.getLogger(GatewayTrust.class.getName());
    public static final String SCOPE = "nhn:dho-index/read";

    @Inject
    Config config;

    private AccessTokenVerifier verifier;
    private boolean required;

    @PostConstruct
    void start() {
        String issuer = config.getValue("dho.trust.issuer", String.class);
        URI jwks = URI.create(config.getOptionalValue("dho.trust.jwksUrl", String.class).orElse(issuer + "/jwks"));
        String audience = config.getOptionalValue("dho.trust.audience", String.class).orElse("nhn:dho-index");
        verifier = AccessTokenVerifier.forResource(new RemoteJwks(jwks, Clock.systemUTC(), Duration.ofSeconds(30)),
                issuer, audience, SCOPE, true, new ReplayCache(), Clock.systemUTC());
        required = !"off".equals(config.getOptionalValue("dho.gateway.security", String.class).orElse("required"));
        if (!required) {
            LOG.warning("event=security-off dho.gateway.security=off: the gateway answers WITHOUT checking tokens."
                    + " Only for benchmarks of the fan-out itself; never in a deployment.");
        }
    }

    public boolean required() {
        return required;
    }

    public VerifiedCaller verify(ResourceRequest request) throws TokenRefusal {
        return verifier.verify(request);
    }
}
