package no.dhoindex.shared.xua;

/**
 * Why an assertion was not accepted; the message names the failed check, never key material.
 * An invalid assertion is a 401; a valid one asking for what this source does not serve (a purpose
 * of use, a role) a 403.
 */
public class XuaRefusal extends Exception {

    private final int httpStatus;

    public XuaRefusal(String message) {
        this(message, 401);
    }

    private XuaRefusal(String message, int httpStatus) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    public static XuaRefusal notServed(String message) {
        return new XuaRefusal(message, 403);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
