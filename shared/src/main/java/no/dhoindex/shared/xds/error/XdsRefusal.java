package no.dhoindex.shared.xds.error;

/**
 * A request the registry (or a source) refuses, with the XDS error code that says why. The
 * message goes back to the caller, so it names the offending value and never internals.
 */
public class XdsRefusal extends RuntimeException {

    private final XdsErrorCode errorCode;
    private final String location;
    private final java.util.List<XdsErrorCode> alongside = new java.util.ArrayList<>();

    public XdsRefusal(XdsErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public XdsRefusal(XdsErrorCode errorCode, String message, String location) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.location = location;
    }

    public XdsErrorCode errorCode() {
        return errorCode;
    }

    public String location() {
        return location;
    }

    /**
     * Reports the same fault under a second, more specific code too (e.g. XDSRepositoryMetadataError
     * with XDSNonIdenticalHash): one RegistryError per code, same message and location.
     */
    public XdsRefusal alsoAs(XdsErrorCode code) {
        alongside.add(code);
        return this;
    }

    public java.util.List<XdsErrorCode> alongside() {
        return java.util.List.copyOf(alongside);
    }
}
