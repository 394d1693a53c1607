package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The demo organisations' systems the trust anchor issues client-credentials tokens to
 * ({@code dho.trust.systems}, {@code dho.trust.system.<client id>.*}): each acts for one
 * organisation (orgnr) and may ask for the scopes it is granted, no others.
 */
@ApplicationScoped
public class DemoSystems {

    @Inject
    Config config;

    public record DemoSystem(String clientId, String name, String orgnr, Set<String> scopes) {
    }

    public Optional<DemoSystem> byClientId(String clientId) {
        if (clientId == null || Arrays.stream(config.getOptionalValue("dho.trust.systems", String.class).orElse("")
                .split(",")).map(String::strip).noneMatch(clientId::equals)) {
            return Optional.empty();
        }
        String p = "dho.trust.system." + clientId + ".";
        return Optional.of(new DemoSystem(clientId, config.getValue(p + "name", String.class),
                config.getValue(p + "orgnr", String.class),
                Set.copyOf(java.util.List.of(config.getValue(p + "scopes", String.class).trim().split("[\\s,]+")))));
    }
}
