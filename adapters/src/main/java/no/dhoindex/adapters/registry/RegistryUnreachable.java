package no.dhoindex.adapters.registry;

import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;

/**
 * No answer from the registry. {@link #ambiguous()}: the request may have reached it (a timeout, a
 * reset connection, a 5xx), so whether it registered is not known until asked; otherwise it
 * certainly did not (the connection was refused).
 */
public class RegistryUnreachable extends XdsRefusal {

    private final boolean ambiguous;

    public RegistryUnreachable(String message, boolean ambiguous) {
        super(XdsErrorCode.REGISTRY_ERROR, message);
        this.ambiguous = ambiguous;
    }

    public boolean ambiguous() {
        return ambiguous;
    }
}
