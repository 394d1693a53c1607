package no.dhoindex.gateway.fhir;

import java.io.IOException;
import java.util.List;
import no.dhoindex.gateway.federation.SearchEntry;
import no.dhoindex.gateway.federation.SearchPage;
import no.dhoindex.shared.fhir.Searchset;

/**
 * A source's searchset read for the merge only ({@link Searchset}): for each entry of the type asked,
 * its id, its date and its JSON text, kept unparsed ({@link SourceResource}); and whether the source
 * holds more (a {@code next} link). The gateway keeps {@code _count} of all the sources' entries and
 * parses only those.
 */
final class SearchsetReader {

    private SearchsetReader() {
    }

    /**
     * @throws IOException if the text is not JSON, or not a Bundle
     */
    static SearchPage<SourceResource> read(String body, String resourceType) throws IOException {
        return of(Searchset.read(body, resourceType));
    }

    /**
     * A source's answer as its bytes came (UTF-8, as FHIR's JSON is): only its entries' text is decoded.
     *
     * @throws IOException if the bytes are not JSON, or not a Bundle
     */
    static SearchPage<SourceResource> read(byte[] body, String resourceType) throws IOException {
        return of(Searchset.read(body, resourceType));
    }

    private static SearchPage<SourceResource> of(Searchset.Page page) {
        List<SearchEntry<SourceResource>> entries = page.entries().stream()
                .map(e -> new SearchEntry<>(e.when(), e.id(), SourceResource.unparsed(e.json()))).toList();
        return new SearchPage<>(entries, page.next().isPresent());
    }
}
