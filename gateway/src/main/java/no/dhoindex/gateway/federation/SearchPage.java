package no.dhoindex.gateway.federation;

import java.util.List;

/** One source's page: its entries in the search's order from the offset asked for, and whether it holds more. */
public record SearchPage<R>(List<SearchEntry<R>> entries, boolean more) {

    public SearchPage {
        entries = List.copyOf(entries);
    }
}
