package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The browser apps allowed to log users in by authorization code ({@code dho.trust.browserClients},
 * {@code dho.trust.browserClient.<id>.redirectUris}: comma-separated, each compared exactly).
 */
@ApplicationScoped
public class BrowserClients {

    @Inject
    Config config;

    /** The origins of every registered app's redirect URIs (CORS for discovery and the token endpoint). */
    Set<String> registeredOrigins() {
        return Arrays.stream(config.getOptionalValue("dho.trust.browserClients", String.class).orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(this::byClientId)
                .flatMap(c -> c.redirectUris().stream()).map(BrowserOrigins::originOf).collect(Collectors.toSet());
    }

    AuthorizationCodes.BrowserClient byClientId(String clientId) {
        if (Arrays.stream(config.getOptionalValue("dho.trust.browserClients", String.class).orElse("").split(","))
                .map(String::strip).noneMatch(clientId::equals)) {
            return null;
        }
        Set<String> uris = Arrays.stream(config.getOptionalValue("dho.trust.browserClient." + clientId + ".redirectUris",
                        String.class).orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new AuthorizationCodes.BrowserClient(clientId, uris);
    }
}
