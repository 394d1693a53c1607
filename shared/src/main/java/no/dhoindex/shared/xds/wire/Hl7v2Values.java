package no.dhoindex.shared.xds.wire;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;

/**
 * The HL7 v2 values a query answer carries most (CX, XCN, XON, DTM) read into the domain without HAPI's v2 model, with
 * the same result as IPF's parsers and {@link Hl7v2Parts} give: the same unescaping ({@code \F\ \S\ \T\ \R\ \E\} and
 * HAPI's {@code \X000d\}), components and subcomponents (those past a component's parts kept apart, as HAPI does),
 * the same "empty" (IPF counts only some components of a CX or XON, so {@code ^^^NS} is no identifier), and a DTM
 * normalised to UTC at its own precision. What this reader cannot be sure to read as IPF does (any other escape
 * sequence, a time outside the plain forms) is refused with an {@link IllegalArgumentException}, never guessed: an
 * answer holding it is refused as IPF's refusals are, the source's XDSRegistryMetadataError.
 */
final class Hl7v2Values {

    /**
     * The parts of each component of the v2.5 types, as HAPI distributes subcomponents: 1 a primitive, n a composite
     * of n parts (XCN.17, a DR, has two TS; a subcomponent there is a whole TS, which only counts as present or not).
     */
    private static final int[] CX_PARTS = {1, 1, 1, 3, 1, 3, 1, 1, 9, 9};
    private static final int[] XON_PARTS = {1, 1, 1, 1, 1, 3, 1, 3, 1, 1};
    private static final int[] XCN_PARTS = {1, 5, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 6, 2, 1, 2, 2, 1, 9, 9};
    /** The CE of XCN.16: IPF's renderer (its test of empty) counts only CE.1 and CE.3. */
    private static final int XCN_NAME_CONTEXT = 15;

    private static final String CARRIAGE_RETURN = "\\X000d\\";
    /** Marks a primitive component holding more than its value (see {@link #subcomponents}). */
    private static final String EXTRA = new String("extra");

    private static final DateTimeFormatter[] PRECISIONS = {DateTimeFormatter.ofPattern("yyyy"),
            DateTimeFormatter.ofPattern("yyyyMM"), DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("yyyyMMddHH"), DateTimeFormatter.ofPattern("yyyyMMddHHmm"),
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss")};

    private Hl7v2Values() {
    }

    /** An XCN as {@link Hl7v2Parts#person(String)}: null when IPF finds no part in it. */
    static Person person(String xcn) {
        String[][] x = parts(xcn, XCN_PARTS);
        if (x == null || !personPresent(x)) {
            return null;
        }
        PersonName name = new PersonName(part(x, 1, 0), part(x, 2, 0), part(x, 3, 0), part(x, 4, 0), part(x, 5, 0),
                part(x, 6, 0));
        boolean noName = name.family() == null && name.given() == null && name.otherGiven() == null
                && name.suffix() == null && name.prefix() == null && name.degree() == null;
        return new Person(part(x, 0, 0), noName ? null : name, authority(x, 8));
    }

    /** An XON as {@link Hl7v2Parts#institution(String)}: XON.10 the id, else XON.3; empty unless XON.1, .6 or .10. */
    static Institution institution(String xon) {
        String[][] x = parts(xon, XON_PARTS);
        if (x == null || !(present(x, 0) || present(x, 5) || present(x, 9))) {
            return null;
        }
        String id = part(x, 9, 0);
        return new Institution(part(x, 0, 0), id != null ? id : part(x, 2, 0), authority(x, 5));
    }

    /** A CX as {@link Hl7v2Parts#identifier(String)}: IPF's Identifiable is empty unless CX.1, CX.4.2 or CX.4.3. */
    static Identifier identifier(String cx) {
        String[][] x = parts(cx, CX_PARTS);
        if (x == null || !(present(x, 0) || part(x, 3, 1) != null || part(x, 3, 2) != null)) {
            return null;
        }
        return new Identifier(part(x, 0, 0), authority(x, 3), part(x, 4, 0));
    }

    /** A CXi as {@link Hl7v2Parts#referenceId(String)}: empty unless CX.1, CX.4 or CX.5. */
    static Identifier referenceId(String cxi) {
        String[][] x = parts(cxi, CX_PARTS);
        if (x == null || !(present(x, 0) || present(x, 3) || present(x, 4))) {
            return null;
        }
        return new Identifier(part(x, 0, 0), authority(x, 3), part(x, 4, 0));
    }

    /** A patient's CX: its CX.1 in the authority CX.4.2; null when either is missing. */
    static PatientId patient(String cx) {
        String[][] x = parts(cx, CX_PARTS);
        if (x == null) {
            return null;
        }
        String id = part(x, 0, 0);
        String authority = part(x, 3, 1);
        return id == null || authority == null ? null : new PatientId(id, authority);
    }

    /**
     * A DTM as IPF's {@code Timestamp.fromHL7(s).toHL7()}: {@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]},
     * without an offset in UTC, normalised to UTC and written at the precision it was given in (fractions of a second
     * dropped). Null for null or empty.
     */
    static String time(String dtm) {
        if (dtm == null || dtm.isEmpty()) {
            return null;
        }
        int n = dtm.length();
        int digits = 0;
        while (digits < n && isDigit(dtm.charAt(digits))) {
            digits++;
        }
        if (digits < 4 || digits > 14 || digits % 2 != 0) {
            throw unreadable("time", dtm);
        }
        int i = digits;
        if (i < n && dtm.charAt(i) == '.') {
            int fraction = i + 1;
            i = fraction;
            while (i < n && isDigit(dtm.charAt(i))) {
                i++;
            }
            if (digits != 14 || i == fraction || i - fraction > 4) {
                throw unreadable("time", dtm);
            }
        }
        int offsetMinutes = 0;
        boolean offset = false;
        if (i < n && (dtm.charAt(i) == '+' || dtm.charAt(i) == '-')) {
            if (n - i != 5 || !isDigit(dtm.charAt(i + 1)) || !isDigit(dtm.charAt(i + 2)) || !isDigit(dtm.charAt(i + 3))
                    || !isDigit(dtm.charAt(i + 4))) {
                throw unreadable("time", dtm);
            }
            int hours = number(dtm, i + 1, 2);
            int minutes = number(dtm, i + 3, 2);
            if (hours > 23 || minutes > 59) {
                throw unreadable("time", dtm);
            }
            offsetMinutes = (dtm.charAt(i) == '-' ? -1 : 1) * (hours * 60 + minutes);
            offset = true;
            i = n;
        }
        if (i != n) {
            throw unreadable("time", dtm);
        }
        int year = number(dtm, 0, 4);
        int month = digits >= 6 ? number(dtm, 4, 2) : 1;
        int day = digits >= 8 ? number(dtm, 6, 2) : 1;
        int hour = digits >= 10 ? number(dtm, 8, 2) : 0;
        int minute = digits >= 12 ? number(dtm, 10, 2) : 0;
        int second = digits >= 14 ? number(dtm, 12, 2) : 0;
        if (year < 1 || month < 1 || day < 1) {
            throw unreadable("time", dtm);
        }
        LocalDateTime local;
        try {
            // Refuses what does not exist (day 31 of a short month, hour 24), as IPF's ZonedDateTime does.
            local = LocalDateTime.of(year, month, day, hour, minute, second);
            if (offset && offsetMinutes != 0) {
                local = local.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
        } catch (DateTimeException e) {
            throw unreadable("time", dtm);
        }
        if (!offset || offsetMinutes == 0) {
            // Valid, and already in UTC: IPF writes back the digits given.
            return dtm.substring(0, digits);
        }
        return PRECISIONS[(digits - 4) / 2].format(local);
    }

    // ---- the parts ----------------------------------------------------------------------------------

    /**
     * The components and their subcomponents, unescaped, an empty part null; null for null or empty (IPF's "no
     * value"). Components past the type's are ignored, as IPF's test of empty ignores them; content past a
     * component's own parts is refused.
     */
    private static String[][] parts(String value, int[] shape) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String[][] parts = new String[shape.length][];
        int component = 0;
        int start = 0;
        int n = value.length();
        while (start <= n) {
            int end = value.indexOf('^', start);
            if (end < 0) {
                end = n;
            }
            if (component < shape.length) {
                parts[component] = subcomponents(value, start, end, shape[component]);
            }
            component++;
            start = end + 1;
        }
        return parts;
    }

    /**
     * A component's first {@code width} subcomponents. HAPI keeps any further ones apart (its "extra components"),
     * which no reading here takes. Of a primitive
     * component, further content is marked by a trailing {@link #EXTRA}, as HAPI counts it in the primitive's test
     * of empty; a composite's are never counted.
     */
    private static String[] subcomponents(String value, int start, int end, int width) {
        if (start == end) {
            return null;
        }
        String[] subs = null;
        boolean extra = false;
        int count = 0;
        int s = start;
        while (s <= end) {
            int e = value.indexOf('&', s);
            if (e < 0 || e > end) {
                e = end;
            }
            String part = unescape(value, s, e);
            if (part != null) {
                if (count < width) {
                    if (subs == null) {
                        subs = new String[width == 1 ? 2 : width];
                    }
                    subs[count] = part;
                } else {
                    extra = true;
                }
            }
            count++;
            s = e + 1;
        }
        if (extra && width == 1) {
            if (subs == null) {
                subs = new String[2];
            }
            subs[1] = EXTRA;
        }
        return subs;
    }

    /**
     * The text between {@code start} and {@code end} with HL7 v2's five escapes undone, and {@code \X000d\}, the
     * carriage return as HAPI writes it (and so the writers of this project); null when empty. HAPI keeps or drops
     * the others in ways of its own: refused.
     */
    private static String unescape(String value, int start, int end) {
        if (start == end) {
            return null;
        }
        int escape = value.indexOf('\\', start);
        if (escape < 0 || escape >= end) {
            return value.substring(start, end);
        }
        StringBuilder b = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            char c = value.charAt(i);
            if (c != '\\') {
                b.append(c);
                i++;
            } else if (value.startsWith(CARRIAGE_RETURN, i) && i + CARRIAGE_RETURN.length() <= end) {
                b.append('\r');
                i += CARRIAGE_RETURN.length();
            } else if (i + 2 < end && value.charAt(i + 2) == '\\') {
                b.append(switch (value.charAt(i + 1)) {
                    case 'F' -> '|';
                    case 'S' -> '^';
                    case 'T' -> '&';
                    case 'R' -> '~';
                    case 'E' -> '\\';
                    default -> throw unreadable("escape", value);
                });
                i += 3;
            } else {
                throw unreadable("escape", value);
            }
        }
        return b.toString();
    }

    private static String part(String[][] x, int component, int sub) {
        String[] subs = x[component];
        String part = subs == null || sub >= subs.length ? null : subs[sub];
        return part == EXTRA ? null : part;
    }

    private static boolean present(String[][] x, int component) {
        String[] subs = x[component];
        if (subs != null) {
            for (String s : subs) {
                if (s != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** IPF's test of empty for an XCN: any part at all, but of XCN.16 (a CE) only CE.1 and CE.3. */
    private static boolean personPresent(String[][] x) {
        for (int c = 0; c < x.length; c++) {
            if (c == XCN_NAME_CONTEXT) {
                if (part(x, c, 0) != null || part(x, c, 2) != null) {
                    return true;
                }
            } else if (present(x, c)) {
                return true;
            }
        }
        return false;
    }

    private static AssigningAuthority authority(String[][] x, int component) {
        String namespace = part(x, component, 0);
        String universal = part(x, component, 1);
        String type = part(x, component, 2);
        return namespace == null && universal == null && type == null ? null
                : new AssigningAuthority(namespace, universal, type);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static IllegalArgumentException unreadable(String what, String value) {
        return new IllegalArgumentException("HL7 v2 value not read (" + what + "): " + value);
    }
}
