package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.registry.domain.Registrant;
import org.eclipse.microprofile.config.Config;

/**
 * Which identifier arcs belong to which organisation ({@code dho.registry.organisation.<orgnr>.oids},
 * comma-separated OIDs: an organisation's sourceIds, repositoryUniqueIds and homeCommunityId lie
 * under them). An organisation the registry does not know owns nothing.
 */
@ApplicationScoped
public class Registrants {

    @Inject
    Config config;

    public Registrant of(String orgnr, String clientId) {
        Set<String> arcs = orgnr == null ? Set.of() : config.getOptionalValue(
                        "dho.registry.organisation." + orgnr + ".oids", String.class)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.startsWith("urn:oid:") ? s.substring(8) : s).collect(Collectors.toSet()))
                .orElse(Set.of());
        return new Registrant(orgnr, clientId, arcs, true);
    }
}
