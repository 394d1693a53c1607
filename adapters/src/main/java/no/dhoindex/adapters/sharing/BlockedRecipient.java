package no.dhoindex.adapters.sharing;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one recipient a patient's block is limited to: an organisation (orgnr) or a health
 * professional (HPR number). Written {@code orgnr:<9 digits>} or {@code hpr:<number>}.
 */
public record BlockedRecipient(Kind kind, String id) {

    /** What kind of recipient, with the form its id takes. */
    public enum Kind {
        ORGANISATION("orgnr", Pattern.compile("[0-9]{9}")),
        HEALTH_PERSONNEL("hpr", Pattern.compile("[0-9]{1,9}"));

        private final String prefix;
        private final Pattern id;

        Kind(String prefix, Pattern id) {
            this.prefix = prefix;
            this.id = id;
        }
    }

    public BlockedRecipient {
        Objects.requireNonNull(kind, "kind");
        if (id == null || !kind.id.matcher(id).matches()) {
            throw new IllegalArgumentException("A recipient's " + kind.prefix + " must match " + kind.id.pattern());
        }
    }

    /** Parses {@code orgnr:974589095} or {@code hpr:9144889}; IllegalArgumentException when it is neither. */
    public static BlockedRecipient parse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon > 0) {
            String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
            for (Kind kind : Kind.values()) {
                if (kind.prefix.equals(prefix)) {
                    return new BlockedRecipient(kind, value.substring(colon + 1));
                }
            }
        }
        throw new IllegalArgumentException("A recipient is written orgnr:<9 digits> or hpr:<HPR number>");
    }

    /** Whether the requester is this recipient. */
    public boolean is(Requester requester) {
        return id.equals(kind == Kind.ORGANISATION ? requester.orgnr() : requester.hprNumber());
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + id;
    }
}
