package no.dhoindex.gateway.federation;

import java.util.List;
import java.util.concurrent.Callable;
import no.dhoindex.shared.access.Caller;

/** One community's retrieve (ITI-39), prepared on the caller's thread and run by the fan-out. */
@FunctionalInterface
public interface RetrievePort {

    Callable<RetrieveAnswer> retrieval(Caller caller, List<DocumentRequest> documents, String correlationId);
}
