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
}
