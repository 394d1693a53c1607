package no.dhoindex.shared.trust;

/**
 * Why a call's credentials were refused, with the HTTP status and the RFC 6750 / RFC 9449 error
 * code that go back in {@code WWW-Authenticate}. Messages name the failed check, never secrets.
 */
public class TokenRefusal extends Exception {

    /** The refusal classes of RFC 6750 §3.1 and RFC 9449 §7.1. */
    public enum Kind {
        MISSING_TOKEN(401, "invalid_request"),
        /** A malformed request (RFC 6750 §3.1: 400), e.g. two Authorization headers. */
        INVALID_REQUEST(400, "invalid_request"),
        INVALID_TOKEN(401, "invalid_token"),
        INVALID_DPOP_PROOF(401, "invalid_dpop_proof"),
        INSUFFICIENT_SCOPE(403, "insufficient_scope"),
        FORBIDDEN(403, "access_denied");

        private final int httpStatus;
        private final String errorCode;

        Kind(int httpStatus, String errorCode) {
            this.httpStatus = httpStatus;
            this.errorCode = errorCode;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    private final Kind kind;
    private final String check;

    public TokenRefusal(Kind kind, String check, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.check = check;
    }

    public Kind kind() {
        return kind;
    }

    /** The name of the check that refused, for logs and the access log. */
    public String check() {
        return check;
    }

    /** The {@code WWW-Authenticate} value for this refusal (DPoP scheme, RFC 9449 §7.1). */
    public String wwwAuthenticate() {
        return "DPoP algs=\"RS256 PS256 ES256\", error=\"" + kind.errorCode() + "\", error_description=\""
                + getMessage().replace('"', '\'') + "\"";
    }
}
