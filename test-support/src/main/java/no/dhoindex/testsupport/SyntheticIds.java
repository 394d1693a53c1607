package no.dhoindex.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh synthetic national ids (Tenor: month + 80) with valid mod-11 check digits, so that each
 * test can have a patient of its own and results never depend on other tests.
 */
public final class SyntheticIds {

    private static final int[] K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private SyntheticIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String base = String.format("%02d%02d%02d%03d", 1 + random.nextInt(28), 81 + random.nextInt(12),
                    random.nextInt(100), random.nextInt(1000));
            int c1 = check(base, K1);
            int c2 = c1 == 10 ? 10 : check(base + c1, K2);
            if (c1 < 10 && c2 < 10) {
                return base + c1 + c2;
            }
        }
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (digits.charAt(i) - '0');
        }
        int d = 11 - sum % 11;
        return d == 11 ? 0 : d;
    }
}
