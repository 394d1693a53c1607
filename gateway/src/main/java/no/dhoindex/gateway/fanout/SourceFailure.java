package no.dhoindex.gateway.fanout;

/**
 * A source's call that came back without a usable answer, as the gateway's own SOAP client reports it: the HTTP
 * status it answered with, and what it said (its SOAP Fault's code and reason, the HTTP status line, or why its body
 * could not be read). {@link SourceRefusal} reads the status: 401 and
 * 403 are refusals, whatever the body; everything else is a failure that counts against the source's breaker.
 */
public class SourceFailure extends RuntimeException {

    private final int status;

    public SourceFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    public SourceFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the source's answer. */
    public int status() {
        return status;
    }
}
