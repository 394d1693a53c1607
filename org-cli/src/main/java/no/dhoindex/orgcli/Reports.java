package no.dhoindex.orgcli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@code status}, {@code verify} and {@code repair} print, from the servers' JSON. */
final class Reports {

    /** A national id's CX is shown as the id alone; other authorities' in full. */
    static final String NATIONAL_CX_SUFFIX = "^^^&2.16.578.1.12.4.1.4.1&ISO";

    private Reports() {
    }

    /** Approved and Deprecated counts of one group of documents. */
    static final class Counts {
        int approved;
        int deprecated;
        int other;

        void add(String status) {
            // The ebRIM URN, or its last word in any case (APPROVED, Approved).
            String s = status == null ? "" : status.substring(status.lastIndexOf(':') + 1);
            if (s.equalsIgnoreCase("Approved")) {
                approved++;
            } else if (s.equalsIgnoreCase("Deprecated")) {
                deprecated++;
            } else {
                other++;
            }
        }

        int total() {
            return approved + deprecated + other;
        }
    }

    /** Per patient and class code, and per class code over all patients. */
    static final class Status {
        final Map<String, Map<String, Counts>> byPatient = new TreeMap<>();
        final Map<String, Counts> byClass = new TreeMap<>();
        final Counts all = new Counts();

        void add(Map<String, Object> document) {
            String patient = text(document.get("patient")).replace(NATIONAL_CX_SUFFIX, "");
            String classCode = text(document.get("classCode"));
            String status = text(document.get("status"));
            byPatient.computeIfAbsent(patient, p -> new TreeMap<>()).computeIfAbsent(classCode, c -> new Counts())
                    .add(status);
            byClass.computeIfAbsent(classCode, c -> new Counts()).add(status);
            all.add(status);
        }

        String render(String org) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s: the registry holds %d document%s for %d patient%s"
                            + " (%d Approved, %d Deprecated%s)%n", org, all.total(), all.total() == 1 ? "" : "s",
                    byPatient.size(), byPatient.size() == 1 ? "" : "s", all.approved, all.deprecated,
                    all.other == 0 ? "" : ", " + all.other + " other"));
            if (all.total() == 0) {
                return out.toString();
            }
            out.append(String.format(Locale.ROOT, "%n%-40s %-12s %9s %11s%n", "patient", "classCode", "Approved",
                    "Deprecated"));
            byPatient.forEach((patient, classes) -> classes.forEach((code, c) -> out.append(
                    String.format(Locale.ROOT, "%-40s %-12s %9d %11d%n", patient, code, c.approved, c.deprecated))));
            out.append(String.format(Locale.ROOT, "%n%-40s %-12s %9s %11s%n", "all patients", "classCode", "Approved",
                    "Deprecated"));
            byClass.forEach((code, c) -> out.append(String.format(Locale.ROOT, "%-40s %-12s %9d %11d%n", "", code,
                    c.approved, c.deprecated)));
            return out.toString();
        }
    }

    /** Whether a reconciliation report says the registry differs from what the adapter published. */
    static boolean differs(Map<String, Object> report) {
        return !list(report.get("missing")).isEmpty() || !list(report.get("extra")).isEmpty()
                || !list(report.get("stale")).isEmpty();
    }

    static boolean hasErrors(Map<String, Object> report) {
        return !list(report.get("errors")).isEmpty();
    }

    /** The reconciliation report in lines a person reads. */
    static String reconciliation(Map<String, Object> report, boolean repair) {
        StringBuilder out = new StringBuilder();
        out.append(text(report.get("organisation"))).append(": ").append(repair ? "repair" : "verify").append(" at ")
                .append(text(report.get("checkedAt"))).append(": ").append(number(report.get("published")))
                .append(" published by the adapter, ").append(number(report.get("registered")))
                .append(" registered\n");
        section(out, "missing (published, not in the registry)", list(report.get("missing")));
        section(out, "extra (in the registry, not published by the adapter)", list(report.get("extra")));
        section(out, "stale (the registry holds other metadata)", list(report.get("stale")));
        if (report.get("repaired") instanceof Map<?, ?> repaired) {
            out.append("repaired: ").append(number(repaired.get("registered"))).append(" registered, ")
                    .append(number(repaired.get("deprecated"))).append(" deprecated\n");
        }
        List<Object> errors = list(report.get("errors"));
        if (!errors.isEmpty()) {
            out.append("errors (").append(errors.size()).append("):\n");
            errors.forEach(e -> out.append("  ").append(e instanceof Map<?, ?> m ? describe(m) : text(e)).append('\n'));
        }
        if (!differs(report) && errors.isEmpty()) {
            out.append("in step: the registry holds exactly what the adapter published\n");
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Object> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append(title).append(": ").append(items.size()).append('\n');
        for (Object item : items) {
            out.append("  ").append(item instanceof Map<?, ?> m ? describe(m) : text(item)).append('\n');
        }
    }

    /** uniqueId, entryUuid, patient first, then the other fields (a stale entry's differences). */
    private static String describe(Map<?, ?> item) {
        StringBuilder line = new StringBuilder();
        for (String key : List.of("uniqueId", "entryUuid", "patient")) {
            if (item.get(key) != null) {
                line.append(line.length() == 0 ? "" : "  ").append(key).append('=')
                        .append(text(item.get(key)).replace(NATIONAL_CX_SUFFIX, ""));
            }
        }
        item.forEach((k, v) -> {
            if (!List.of("uniqueId", "entryUuid", "patient").contains(String.valueOf(k))) {
                line.append(line.length() == 0 ? "" : "  ").append(k).append('=')
                        .append(v instanceof List<?> l ? String.join("; ", l.stream().map(Reports::text).toList()) : text(v));
            }
        });
        return line.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String text(Object value) {
        return value == null ? "-" : value instanceof Map<?, ?> m ? describe(m) : String.valueOf(value);
    }

    private static String number(Object value) {
        return value instanceof Number n ? Long.toString(n.longValue()) : text(value);
    }
}
