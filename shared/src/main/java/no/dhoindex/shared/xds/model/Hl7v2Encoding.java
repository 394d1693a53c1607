package no.dhoindex.shared.xds.model;

/**
 * Writes HL7 v2 composites from their parts, as the XDS metadata carries them (component separator {@code ^},
 * subcomponent {@code &}, the standard escapes, a carriage return as HAPI writes it, {@code \X000d\}): the form
 * author queries match on and the registry indexes, built without an HL7 v2 parser. Trailing empty components are
 * left out, as HAPI's encoder does.
 */
final class Hl7v2Encoding {

    private Hl7v2Encoding() {
    }

    /** Components joined with {@code ^}; a component given as {@code String[]} is subcomponents joined with {@code &}. */
    static String composite(Object... components) {
        String[] encoded = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            encoded[i] = components[i] instanceof String[] subs ? join('&', subs) : escape((String) components[i]);
        }
        return join('^', encoded);
    }

    static String[] hd(AssigningAuthority a) {
        return a == null ? new String[0] : new String[] {escape(a.namespaceId()), escape(a.universalId()),
                escape(a.universalIdType())};
    }

    private static String join(char separator, String[] parts) {
        int last = parts.length - 1;
        while (last >= 0 && (parts[last] == null || parts[last].isEmpty())) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                b.append(separator);
            }
            if (parts[i] != null) {
                b.append(parts[i]);
            }
        }
        return b.toString();
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String e = switch (c) {
                case '\\' -> "\\E\\";
                case '|' -> "\\F\\";
                case '^' -> "\\S\\";
                case '&' -> "\\T\\";
                case '~' -> "\\R\\";
                // The segment separator, which HAPI's encoder (so IPF) writes as a hexadecimal escape.
                case '\r' -> "\\X000d\\";
                default -> null;
            };
            if (e != null && b == null) {
                b = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? value : b.toString();
    }
}
