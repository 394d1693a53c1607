package no.dhoindex.shared.xds.model;

import java.util.Objects;

/** A coded value: code, the coding scheme it belongs to, and a display name. */
public record Code(String code, String scheme, String displayName) {

    public Code {
        Objects.requireNonNull(code, "code");
    }

    /** Same code in the same scheme; display names do not take part in matching. */
    public boolean sameAs(Code other) {
        return other != null && code.equals(other.code) && Objects.equals(scheme, other.scheme);
    }
}
