package no.dhoindex.gateway.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import no.dhoindex.shared.config.RequiredSettings;
import org.eclipse.microprofile.config.Config;

/**
 * The gateway's own settings (MicroProfile Config; true defaults only in META-INF/microprofile-config.properties,
 * every setting in deploy/gateway.properties).
 */
@ApplicationScoped
public class GatewaySettings {

    @Inject
    Config config;

    /** Checked when the application starts: without these the gateway is not deployed, and says which are missing. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        RequiredSettings required = new RequiredSettings("gateway", key -> config.getOptionalValue(key, String.class))
                .require("dho.registry.url", "the regional registry's ITI-18 endpoint")
                .requireEither("dho.gateway.communities", "dho.gateway.directory.file",
                        "the communities asked over XCA, or the file that lists them");
        if (!"off".equals(config.getOptionalValue("dho.gateway.security", String.class).orElse("required"))) {
            required.require("dho.trust.issuer", "the HelseID issuer whose access tokens the gateway believes")
                    .require("dho.gateway.xua.key", "PEM file of the private key the gateway signs XUA assertions with")
                    .require("dho.gateway.xua.certificate", "PEM file of that key's certificate, in the sources' trust stores");
        }
        required.check();
    }

    /** The regional registry's ITI-18 endpoint: its pointers say which communities hold data. */
    public URI registryUrl() {
        return URI.create(config.getValue("dho.registry.url", String.class));
    }

    public Duration registryDeadline() {
        return Duration.ofMillis(config.getOptionalValue("dho.gateway.registry.deadlineMillis", Long.class).orElse(3000L));
    }

    /** No answer waits longer than this, whatever the sources' own deadlines. */
    public Duration overallDeadline() {
        return Duration.ofMillis(config.getOptionalValue("dho.gateway.deadlineMillis", Long.class).orElse(5000L));
    }

    public int maxParallelCalls() {
        return config.getOptionalValue("dho.gateway.maxParallelCalls", Integer.class).orElse(64);
    }

    /** Consecutive failures after which a source is skipped for {@link #breakerOpen()}. */
    public int breakerThreshold() {
        return config.getOptionalValue("dho.gateway.breaker.failures", Integer.class).orElse(5);
    }

    public Duration breakerOpen() {
        return Duration.ofMillis(config.getOptionalValue("dho.gateway.breaker.openMillis", Long.class).orElse(10000L));
    }

    /** Where the state the gateway nodes share (used DPoP proofs, circuit breakers) is kept. */
    public enum Grid { LOCAL, PAYARA }

    /**
     * {@code dho.gateway.grid}: {@code local} (one node, the default) or {@code payara} (Payara's data
     * grid, required when more than one gateway node serves the same clients).
     */
    public Grid grid() {
        String value = config.getOptionalValue("dho.gateway.grid", String.class).orElse("local").trim();
        return switch (value) {
            case "local" -> Grid.LOCAL;
            case "payara" -> Grid.PAYARA;
            default -> throw new IllegalStateException("dho.gateway.grid=" + value + " is not understood: use local"
                    + " (one gateway node) or payara (the gateway nodes share state on Payara's data grid)");
        };
    }

    /** Rounds of the warm-up question before the gateway reports ready (JIT of the hot paths). */
    public int warmUpRounds() {
        return config.getOptionalValue("dho.gateway.warmUp.rounds", Integer.class).orElse(3);
    }

    /**
     * How long the warm-up waits for each source to answer before the gateway reports ready without it
     * (named in the readiness data): one source that is down must not keep the others from being served.
     */
    public Duration warmUpBound() {
        return Duration.ofMillis(config.getOptionalValue("dho.gateway.warmUp.maxMillis", Long.class).orElse(60000L));
    }

    /** How often a source whose breaker is open is probed by the gateway itself (no clinician's question). */
    public Duration breakerProbe() {
        return Duration.ofMillis(config.getOptionalValue("dho.gateway.breaker.probeMillis", Long.class).orElse(1000L));
    }

    /**
     * The key (base64, at least 32 bytes) the FHIR search's paging cursors are MACed with
     * ({@code dho.gateway.fhir.cursorKey}); empty: a random key of this start (cursors then end with
     * it and are not honoured by another gateway node: set one key for all nodes of a cluster).
     */
    public java.util.Optional<byte[]> fhirCursorKey() {
        return config.getOptionalValue("dho.gateway.fhir.cursorKey", String.class)
                .map(k -> java.util.Base64.getDecoder().decode(k.strip()));
    }
}
