package no.dhoindex.shared.xds.query;

import java.util.regex.Pattern;

/**
 * Author-person query values: '%' matches any run of characters and '_' any one character,
 * as in SQL LIKE (ITI TF-2a 3.18.4.1.2.3.5).
 */
public final class AuthorPattern {

    private AuthorPattern() {
    }

    public static boolean matches(String pattern, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
