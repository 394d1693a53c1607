package no.dhoindex.adapters.registry;

/**
 * The registry answered a registration with a SOAP Sender fault (HTTP 400/401/403: not this
 * organisation's pointers, a credential it does not accept): an answer, not a silence, so it
 * certainly registered nothing and there is nothing to settle ({@link #ambiguous()} is false).
 */
public class RegistryRefused extends RegistryUnreachable {

    public RegistryRefused(String message) {
        super(message, false);
    }
}
