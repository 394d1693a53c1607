package no.dhoindex.gateway.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** The gateway's own settings (MicroProfile Config; defaults in META-INF/microprofile-config.properties). */
@ApplicationScoped
public class GatewaySettings {

    @Inject
    Config config;

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
}
