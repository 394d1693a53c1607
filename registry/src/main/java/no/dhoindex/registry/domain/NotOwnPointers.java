package no.dhoindex.registry.domain;

/**
 * A registration names another organisation as source or author, or changes another
 * organisation's pointer: refused as a whole (nothing stored), whatever else is right with it.
 */
public class NotOwnPointers extends RuntimeException {

    public NotOwnPointers(String message) {
        super(message, null, false, false);
    }
}
