package no.dhoindex.gateway.directory;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A community the gateway reaches over XCA: an organisation's responding gateway or another
 * region's gateway. {@code repositoryUniqueIds} say which registry pointers are its data;
 * {@code alwaysAsked} communities (other gateways) are asked whatever the registry says.
 * {@code accessLogUrl} is where its access log is searched for a citizen (null: it offers none);
 * {@code fhirUrl} its FHIR search of the organisation's data (null: it speaks only XCA, and a FHIR
 * search is asked of it through ITI-38/39).
 */
public record Community(String name, String homeCommunityId, URI queryUrl, URI retrieveUrl,
                        Set<String> repositoryUniqueIds, Duration deadline, boolean alwaysAsked, URI accessLogUrl,
                        URI fhirUrl) {

    public Community {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(homeCommunityId, "homeCommunityId");
        Objects.requireNonNull(queryUrl, "queryUrl");
        Objects.requireNonNull(deadline, "deadline");
        retrieveUrl = retrieveUrl == null ? queryUrl : retrieveUrl;
        repositoryUniqueIds = Set.copyOf(repositoryUniqueIds);
    }

    public boolean holds(String repositoryUniqueId) {
        return repositoryUniqueIds.contains(repositoryUniqueId);
    }
}
