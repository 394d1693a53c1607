package no.dhoindex.shared.xds.model;

import java.time.Month;

/**
 * Checks a Norwegian national identity number: fødselsnummer, D-nummer (first digit + 4) or a
 * synthetic test id (Tenor: month + 80). The format and a plausible birth date are always
 * checked; the two mod-11 check digits only under the strict policy, because some published
 * test identities fail them and the number's structure changes from 2032.
 */
public final class NationalIdentityNumber {

    private static final int[] WEIGHTS_K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] WEIGHTS_K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    /** Why a value was refused; {@code null} from {@link #check} means valid. */
    public enum Defect {
        NOT_ELEVEN_DIGITS("a national id has 11 digits"),
        IMPLAUSIBLE_DATE("the first six digits are not a plausible birth date"),
        CHECK_DIGITS("the check digits do not match (mod 11)");

        private final String reason;

        Defect(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private NationalIdentityNumber() {
    }

    public static Defect check(String value, boolean strictCheckDigits) {
        if (value == null || value.length() != 11 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Defect.NOT_ELEVEN_DIGITS;
        }
        int day = Integer.parseInt(value.substring(0, 2));
        int month = Integer.parseInt(value.substring(2, 4));
        if (day > 40) {
            day -= 40; // D-nummer
        }
        if (month > 80) {
            month -= 80; // synthetic (Tenor)
        } else if (month > 40) {
            month -= 40; // H-nummer / older synthetic series
        }
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).maxLength()) {
            return Defect.IMPLAUSIBLE_DATE;
        }
        if (strictCheckDigits && !checkDigitsMatch(value)) {
            return Defect.CHECK_DIGITS;
        }
        return null;
    }

    private static boolean checkDigitsMatch(String value) {
        int k1 = checkDigit(value, WEIGHTS_K1);
        int k2 = checkDigit(value, WEIGHTS_K2);
        return k1 == value.charAt(9) - '0' && k2 == value.charAt(10) - '0';
    }

    private static int checkDigit(String value, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (value.charAt(i) - '0');
        }
        int digit = 11 - sum % 11;
        return digit == 11 ? 0 : digit; // 10 can never match a single digit: the id is invalid
    }
}
