package no.dhoindex.gateway.fanout;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether a source's failure was a refusal of access: it answered HTTP 401 or 403 (with or without a SOAP fault):
 * the gateway's stored-query client's {@link SourceFailure}, the FHIR searches' {@code HTTPException}, and CXF's
 * {@code HTTPException} of the retrieves (ITI-39 still goes through CXF). A refusal is an answer, not an outage: it must reach the caller as
 * a refusal, never as "unavailable", and never trip a breaker nor lead to asking anyone else.
 */
public final class SourceRefusal {

    private SourceRefusal() {
    }

    /** The refusing HTTP status (401 or 403) found in the failure's causes, if any. */
    public static OptionalInt status(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            int status = t instanceof SourceFailure f ? f.status()
                    : t instanceof org.apache.cxf.transport.http.HTTPException h ? h.getResponseCode()
                    : t instanceof jakarta.xml.ws.http.HTTPException h ? h.getStatusCode() : -1;
            if (status == 401 || status == 403) {
                return OptionalInt.of(status);
            }
        }
        return OptionalInt.empty();
    }

    public static boolean isRefusal(Throwable failure) {
        return status(failure).isPresent();
    }
}
