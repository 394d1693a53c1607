package no.dhoindex.adapters.search;

import java.util.List;

/**
 * A FHIR search of the organisation's data for one patient, as the adapter passes it on to its
 * platform: code and category tokens (any of them), date bounds (all of them, FHIR prefixed),
 * the order by the data's own date, and the page asked for ({@code offset}, {@code count}).
 */
public record SourceQuery(List<String> codes, List<String> categories, List<String> dates, boolean newestFirst,
                          int count, int offset) {

    public static final int MAX_COUNT = 500;

    public SourceQuery {
        codes = List.copyOf(codes);
        categories = List.copyOf(categories);
        dates = List.copyOf(dates);
        if (count < 1 || count > MAX_COUNT || offset < 0) {
            throw new IllegalArgumentException("_count must be 1 to " + MAX_COUNT + " and _offset not negative");
        }
    }
}
