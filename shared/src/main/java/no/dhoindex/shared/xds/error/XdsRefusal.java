package no.dhoindex.shared.xds.error;

/**
 * A request the registry (or a source) refuses, with the XDS error code that says why. The
 * message goes back to the caller, so it names the offending value and never internals.
 */
public class XdsRefusal extends RuntimeException {

    private final XdsErrorCode errorCode;
    private final String location;

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
}
