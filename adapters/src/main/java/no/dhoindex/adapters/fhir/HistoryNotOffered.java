package no.dhoindex.adapters.fhir;

/** The platform answered a history read with a refusal (4xx): it offers no {@code _history}. */
public class HistoryNotOffered extends RuntimeException {

    public HistoryNotOffered(String message) {
        super(message);
    }
}
