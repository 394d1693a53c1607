package no.dhoindex.gateway.federation;

import java.util.List;
import java.util.Map;

/**
 * A federated search's page: the entries in the search's global order, each with the community it
 * came from; what each source did; and where each source that holds more stands ({@code next}:
 * source → entries already given; empty on the last page).
 */
public record SearchAnswer<R>(List<Found<R>> entries, List<SourceOutcome> sources, Map<String, Integer> next) {

    /** An entry and the community (name and homeCommunityId) it came from. */
    public record Found<R>(SearchEntry<R> entry, String source, String homeCommunityId) {
    }

    public SearchAnswer {
        entries = List.copyOf(entries);
        sources = List.copyOf(sources);
        next = Map.copyOf(next);
    }
}
