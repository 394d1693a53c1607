package no.dhoindex.demoplatform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The demo platform's one setting, per deployment (its context root without the slash, e.g.
 * {@code demo-platform}): {@code dho.platform.<name>.history=<national id>:<count>[,…]}, patients
 * given a long history of {@code count} measurements (1 to 1,000,000) over the last year at start
 * ({@link LongHistory}); none by default. A malformed value stops the deployment, saying why.
 */
record PlatformSettings(Map<String, Integer> histories) {

    static final int MAX_HISTORY = 1_000_000;

    static PlatformSettings read(Config config, String name) {
        String key = "dho.platform." + name + ".history";
        Optional<String> value = config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
        Map<String, Integer> histories = new LinkedHashMap<>();
        for (String item : value.map(v -> v.split(",")).orElse(new String[0])) {
            String[] parts = item.strip().split(":");
            if (parts.length != 2 || !parts[0].matches("\\d{11}") || !parts[1].matches("\\d{1,7}")
                    || Integer.parseInt(parts[1]) < 1 || Integer.parseInt(parts[1]) > MAX_HISTORY) {
                throw new IllegalArgumentException(key + " must be <11-digit national id>:<count 1.." + MAX_HISTORY
                        + ">[,...], not '" + item.strip() + "'");
            }
            histories.put(parts[0], Integer.parseInt(parts[1]));
        }
        return new PlatformSettings(Map.copyOf(histories));
    }
}
