package no.dhoindex.shared.xua;

/** Why an assertion was not accepted; the message names the failed check, never key material. */
public class XuaRefusal extends Exception {

    public XuaRefusal(String message) {
        super(message, null, false, false);
    }
}
