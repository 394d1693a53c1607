package no.dhoindex.shared.xds.model;

/** A human-readable text with its language and character set (either may be absent). */
public record Text(String value, String lang, String charset) {

    public static Text of(String value) {
        return value == null ? null : new Text(value, null, null);
    }
}
