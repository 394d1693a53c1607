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
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.UsedProofs;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.eclipse.microprofile.config.Config;

/**
 * Who the gateway trusts: the HelseID issuer ({@code dho.trust.issuer}; the local trust anchor in
 * development), its JWKS (cached, refreshed on an unknown key id), this resource's audience and
 * scope. Every call must carry a user's DPoP-bound token with a trust-framework attestation and,
 * unless {@code dho.trust.requireHpr=false}, an HPR number.
 */
@ApplicationScoped
public class GatewayTrust {

    private static final Logger LOG = Logger.getLogger(GatewayTrust.class.getName());
    public static final String SCOPE = "nhn:dho-index/read";
    /** An auditor's scope: any patient's access log. */
    public static final String AUDIT_SCOPE = "nhn:dho-index/audit";
    /** A citizen's scope: their own access log ("who has seen my data"). */
    public static final String OWN_LOG_SCOPE = "nhn:dho-index/own-log";

    @Inject
    Config config;

    /** In this JVM, or on the data grid shared with the other gateway nodes ({@code dho.gateway.grid}). */
    @Inject
    UsedProofs replays;

    private AccessTokenVerifier verifier;
    private AccessTokenVerifier accessLogVerifier;
    private boolean required;
    private volatile java.util.Set<String> purposes;
    private volatile boolean emergencyAccess;

    @PostConstruct
    void start() {
        String issuer = config.getValue("dho.trust.issuer", String.class);
        URI jwks = URI.create(config.getOptionalValue("dho.trust.jwksUrl", String.class).orElse(issuer + "/jwks"));
        String audience = config.getOptionalValue("dho.trust.audience", String.class).orElse("nhn:dho-index");
        RemoteJwks keys = new RemoteJwks(jwks, Clock.systemUTC(), Duration.ofSeconds(30));
        // Item 5: a clinician is named by an HPR number, so blocks aimed at a professional can match.
        boolean requireHpr = config.getOptionalValue("dho.trust.requireHpr", Boolean.class).orElse(true);
        verifier = AccessTokenVerifier.forResource(keys, issuer, audience, SCOPE, true, requireHpr, replays,
                Clock.systemUTC());
        accessLogVerifier = AccessTokenVerifier.forUserWithAnyScope(keys, issuer, audience,
                java.util.Set.of(AUDIT_SCOPE, OWN_LOG_SCOPE), replays, Clock.systemUTC());
        readPurposes();
        required = !"off".equals(config.getOptionalValue("dho.gateway.security", String.class).orElse("required"));
        if (!required) {
            LOG.warning("event=security-off dho.gateway.security=off: the gateway answers WITHOUT checking tokens."
                    + " Only for benchmarks of the fan-out itself; never in a deployment.");
        }
    }

    /**
     * The purposes of use allowed and whether break-the-glass is, read once at the start: not two MicroProfile Config
     * look-ups on every call (such a look-up per request was 2 % of the gateway's request threads' CPU in a JFR).
     */
    void readPurposes() {
        emergencyAccess = config.getOptionalValue("dho.gateway.emergencyAccess", Boolean.class).orElse(false);
        purposes = java.util.Set.of(config.getOptionalValue("dho.gateway.purposesOfUse", String.class)
                .orElse("TREAT,ETREAT,COC").split("\\s*,\\s*"));
    }

    public boolean required() {
        return required;
    }

    public VerifiedCaller verify(ResourceRequest request) throws TokenRefusal {
        VerifiedCaller caller = verifier.verify(request);
        purposeAllowed(caller.attestation() == null ? null : caller.attestation().careRelation().purposeOfUse());
        return caller;
    }

    /** The access log is read by auditors and by citizens about themselves: no attestation, one of two scopes. */
    public VerifiedCaller verifyForAccessLog(ResourceRequest request) throws TokenRefusal {
        return accessLogVerifier.verify(request);
    }

    /**
     * Access rule ATT-5: only the purposes of use this deployment allows (treatment, emergency
     * treatment, coordination of care by default); break-the-glass only where configured.
     */
    void purposeAllowed(String purpose) throws TokenRefusal {
        if (purposes == null) {
            readPurposes();
        }
        boolean emergency = "BTG".equals(purpose) && emergencyAccess;
        if (purpose != null && !purposes.contains(purpose) && !emergency) {
            throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "purpose-of-use",
                    "the purpose of use " + purpose + " is not allowed here");
        }
    }
}
