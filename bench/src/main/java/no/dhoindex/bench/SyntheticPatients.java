package no.dhoindex.bench;

import java.util.ArrayList;
import java.util.List;

/** Valid synthetic national ids (Tenor: month + 80) with correct mod-11 check digits, in a fixed order. */
final class SyntheticPatients {

    private static final int[] K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private SyntheticPatients() {
    }

    static List<String> first(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int year = 50; year < 100 && ids.size() < count; year++) {
            for (int month = 1; month <= 12 && ids.size() < count; month++) {
                for (int day = 1; day <= 28 && ids.size() < count; day++) {
                    for (int individual = 100; individual < 140 && ids.size() < count; individual++) {
                        String base = String.format("%02d%02d%02d%03d", day, month + 80, year, individual);
                        int c1 = check(base, K1);
                        if (c1 == 10) {
                            continue;
                        }
                        int c2 = check(base + c1, K2);
                        if (c2 == 10) {
                            continue;
                        }
                        ids.add(base + c1 + c2);
                    }
                }
            }
        }
        return ids;
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
