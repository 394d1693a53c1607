package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** The demo health personnel the trust anchor vouches for ({@code dho.trust.practitioner.<id>.*}). */
@ApplicationScoped
public class DemoPractitioners {

    @Inject
    Config config;

    public record Practitioner(String id, String pid, String name, String hprNumber, String legalEntity,
                               String legalEntityName, String clientId, String authorization) {
    }

    /** Every configured practitioner, in the order configured. */
    public java.util.List<Practitioner> all() {
        return Arrays.stream(config.getOptionalValue("dho.trust.practitioners", String.class).orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(this::byId).flatMap(Optional::stream).toList();
    }

    public Optional<Practitioner> byId(String id) {
        if (id == null || Arrays.stream(config.getOptionalValue("dho.trust.practitioners", String.class).orElse("").split(","))
                .map(String::strip).noneMatch(id::equals)) {
            return Optional.empty();
        }
        String p = "dho.trust.practitioner." + id + ".";
        return Optional.of(new Practitioner(id, value(p + "pid"), value(p + "name"), value(p + "hpr"),
                value(p + "legalEntity"), value(p + "legalEntityName"), value(p + "clientId"),
                config.getOptionalValue(p + "authorization", String.class).orElse(null)));
    }

    private String value(String key) {
        return config.getValue(key, String.class);
    }
}
