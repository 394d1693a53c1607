package no.dhoindex.gateway.federation;

import java.util.concurrent.Callable;
import no.dhoindex.shared.access.Caller;

/**
 * One community asked a {@link DataSearch}: a FHIR source is asked the search itself, a source that
 * speaks only XCA through ITI-38/39. The source answers at most {@code search.count()} entries in the
 * search's order, from {@code offset} on. Prepared on the caller's thread, run by the fan-out.
 */
@FunctionalInterface
public interface SearchPort<R> {

    Callable<SearchPage<R>> search(Caller caller, DataSearch search, int offset, String correlationId);
}
