package no.dhoindex.shared.xds.error;

import java.util.Objects;

/**
 * One error or warning a source reported, or the gateway reports about a source (ITI TF-3
 * 4.2.4.1): its code, the context (said to the caller: no internals) and where it happened
 * ({@code location}: the responding community's homeCommunityId in XCA).
 */
public record XdsError(XdsErrorCode code, String context, String location, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public XdsError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
    }

    public static XdsError error(XdsErrorCode code, String context, String location) {
        return new XdsError(code, context, location, Severity.ERROR);
    }

    public XdsError locatedAt(String newLocation) {
        return new XdsError(code, context, newLocation, severity);
    }
}
