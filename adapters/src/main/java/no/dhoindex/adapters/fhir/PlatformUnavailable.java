package no.dhoindex.adapters.fhir;

/** The organisation's FHIR platform did not answer (or answered with an error). */
public class PlatformUnavailable extends RuntimeException {

    public PlatformUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
