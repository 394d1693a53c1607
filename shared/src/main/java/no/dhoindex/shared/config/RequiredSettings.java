package no.dhoindex.shared.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings a deployable cannot run without, checked together when it starts: a missing one stops
 * the deployment with a message naming every setting that is missing and what it is for, instead of a
 * demo value taken silently or a failure at the first request.
 */
public final class RequiredSettings {

    private final Function<String, Optional<String>> settings;
    private final String deployable;
    private final List<String> missing = new ArrayList<>();

    /** @param settings the deployable's configuration (MicroProfile Config's getOptionalValue) */
    public RequiredSettings(String deployable, Function<String, Optional<String>> settings) {
        this.deployable = deployable;
        this.settings = settings;
    }

    /** Notes {@code name} as missing when it is absent or blank; {@code meaning} says what it is for. */
    public RequiredSettings require(String name, String meaning) {
        if (settings.apply(name).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(name + " (" + meaning + ")");
        }
        return this;
    }

    /** As {@link #require}, but either of two settings will do. */
    public RequiredSettings requireEither(String name, String other, String meaning) {
        if (settings.apply(name).filter(v -> !v.isBlank()).isEmpty()
                && settings.apply(other).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(name + " or " + other + " (" + meaning + ")");
        }
        return this;
    }

    /** @throws IllegalStateException naming every missing setting, so that the deployment does not start */
    public void check() {
        if (!missing.isEmpty()) {
            throw new IllegalStateException("event=missing-settings deployable=" + deployable
                    + " The " + deployable + " cannot start: missing required setting" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing)
                    + ". Give them as system properties (e.g. java -jar payara-micro.jar --systemProperties FILE)"
                    + " or environment variables; deploy/" + deployable + ".properties lists every setting.");
        }
    }
}
