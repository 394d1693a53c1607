package no.dhoindex.shared.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * A FHIR searchset read without building its resources: for each entry of the type asked, its JSON
 * text exactly as sent, its id, its date (the {@code date} search parameter's element, exactly as
 * {@link DataDates} reads it from a parsed resource), the identifier its {@code subject} names and
 * its security labels; and the {@code next} link. One pass of a streaming JSON reader: whoever passes
 * a page on (the adapter its platform's, the gateway its sources') decides on these and writes the
 * kept entries' text as it came, instead of HAPI parsing every resource and encoding it again.
 *
 * <p>A resource that names any top-level field (its {@code resourceType}, {@code id}, {@code subject},
 * {@code meta}...) or {@code meta.security} twice is
 * marked {@link Entry#ambiguous()}: which one a full parser would keep is not this reader's to guess,
 * so a caller that decides by them withholds it.
 */
public final class Searchset {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Searchset() {
    }

    /** A system and a code (or value): an identifier or a security label. */
    public record Token(String system, String code) {
    }

    /**
     * One entry's resource: {@code json} its text as sent; {@code subject} the identifier of its
     * {@code subject} reference, if it names one; {@code security} its {@code meta.security} labels.
     */
    public record Entry(String id, Instant when, String json, Optional<Token> subject, List<Token> security,
                        boolean ambiguous) {
    }

    /** The entries of the type asked, in the searchset's order, and its {@code next} link, if any. */
    public record Page(List<Entry> entries, Optional<String> next) {
    }

    /**
     * @throws IOException if the text is not JSON, not a Bundle, or an entry's date is not a FHIR date
     */
    public static Page read(String body, String resourceType) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            return read(json, (start, end) -> body.substring((int) start, (int) end), resourceType);
        }
    }

    /**
     * The same, read from the answer's UTF-8 bytes as they came, by Jackson's byte reader, with
     * each entry's own text decoded rather than the whole answer first.
     *
     * @throws IOException if the bytes are not JSON, not a Bundle, or an entry's date is not a FHIR date
     */
    public static Page read(byte[] body, String resourceType) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            return read(json, (start, end) -> new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8),
                    resourceType);
        }
    }

    /** An entry's text between two offsets the parser gave (chars of a String, bytes of a byte array). */
    private interface Text {
        String between(long start, long end);
    }

    private static Page read(JsonParser json, Text body, String resourceType) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String next = null;
        boolean bundle = false;
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the answer is not a FHIR Bundle");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("resourceType".equals(field)) {
                bundle = value == JsonToken.VALUE_STRING && "Bundle".equals(json.getText());
            } else if ("link".equals(field) && value == JsonToken.START_ARRAY) {
                String found = nextLink(json);
                next = found != null ? found : next;
            } else if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    entry(json, body, resourceType, entries);
                }
            } else {
                json.skipChildren();
            }
        }
        if (!bundle) {
            throw new IOException("the answer is not a FHIR Bundle");
        }
        return new Page(entries, Optional.ofNullable(next));
    }

    /** Inside {@code link: [...]}: the url of the one whose relation is {@code next}. */
    private static String nextLink(JsonParser json) throws IOException {
        String next = null;
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String relation = null;
            String url = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("relation".equals(field) && value == JsonToken.VALUE_STRING) {
                    relation = json.getText();
                } else if ("url".equals(field) && value == JsonToken.VALUE_STRING) {
                    url = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            if ("next".equals(relation)) {
                next = url == null ? "" : url;
            }
        }
        return next;
    }

    /** One entry object (the parser at its start): its resource, if of the type asked. */
    private static void entry(JsonParser json, Text body, String resourceType, List<Entry> entries) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("resource".equals(field) && value == JsonToken.START_OBJECT) {
                long start = offset(json.currentTokenLocation());
                Fields top = topLevel(json);
                long end = offset(json.currentLocation());
                if (resourceType.equals(top.values.get("resourceType"))) {
                    entries.add(new Entry(text(top.values.get("id")), when(resourceType, top.values),
                            body.between(start, end), Optional.ofNullable(top.subject), top.security, top.ambiguous));
                }
            } else {
                json.skipChildren();
            }
        }
    }

    /** Where the parser stands: in bytes when it reads bytes (its char offset is then unknown), else in chars. */
    private static long offset(com.fasterxml.jackson.core.JsonLocation at) {
        return at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }

    /** What {@link #topLevel} found of a resource. */
    private static final class Fields {
        final Map<String, Object> values = new HashMap<>();
        Token subject;
        List<Token> security = List.of();
        boolean ambiguous;
        boolean sawSubject;
        boolean sawMeta;
        final java.util.Set<String> names = new java.util.HashSet<>();
    }

    /**
     * A resource object's top-level fields that name it and date it: strings as text, objects (a
     * Period) as their string fields; every other value only noted as present (as HAPI notes a
     * primitive that has only an extension, {@code _effectiveDateTime}); and its subject's identifier
     * and security labels. Ends at the object's end.
     */
    private static Fields topLevel(JsonParser json) throws IOException {
        Fields fields = new Fields();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            // Any top-level field named twice (a second resourceType, id or date): which one a full parser keeps
            // is not this reader's to guess either.
            fields.ambiguous |= !fields.names.add(field);
            if ("subject".equals(field)) {
                fields.ambiguous |= fields.sawSubject;
                fields.sawSubject = true;
                fields.subject = value == JsonToken.START_OBJECT ? subject(json, fields) : null;
                json.skipChildren();
            } else if ("meta".equals(field)) {
                fields.ambiguous |= fields.sawMeta;
                fields.sawMeta = true;
                fields.security = value == JsonToken.START_OBJECT ? security(json, fields) : List.of();
                json.skipChildren();
            } else if (value == JsonToken.VALUE_STRING) {
                fields.values.put(field, json.getText());
            } else if (value == JsonToken.START_OBJECT
                    && field.regionMatches(true, field.length() - 6, "period", 0, 6)) {
                Map<String, Object> period = new HashMap<>();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    JsonToken v = json.nextToken();
                    period.put(name, v == JsonToken.VALUE_STRING ? json.getText() : Boolean.TRUE);
                    json.skipChildren();
                }
                fields.values.put(field, period);
            } else {
                fields.values.put(field, Boolean.TRUE);
                json.skipChildren();
            }
        }
        return fields;
    }

    /** Inside a reference object: its {@code identifier}'s system and value, if it has one. Ends at its end. */
    private static Token subject(JsonParser json, Fields fields) throws IOException {
        Token identifier = null;
        boolean seen = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("identifier".equals(field)) {
                fields.ambiguous |= seen;
                seen = true;
                identifier = value == JsonToken.START_OBJECT ? token(json, "value", fields) : null;
                json.skipChildren();
            } else {
                json.skipChildren();
            }
        }
        return identifier;
    }

    /** Inside {@code meta}: its security labels. Ends at its end. */
    private static List<Token> security(JsonParser json, Fields fields) throws IOException {
        List<Token> labels = List.of();
        boolean seen = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("security".equals(field)) {
                fields.ambiguous |= seen;
                seen = true;
                labels = new ArrayList<>();
                if (value == JsonToken.START_ARRAY) {
                    for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
                        if (t == null) {
                            throw new IOException("the answer ends inside a resource");
                        }
                        if (t == JsonToken.START_OBJECT) {
                            labels.add(token(json, "code", fields));
                        } else {
                            json.skipChildren();
                        }
                    }
                } else {
                    json.skipChildren();
                }
            } else {
                json.skipChildren();
            }
        }
        return labels;
    }

    /** Inside an Identifier or a Coding: its system and {@code codeField}. Ends at its end. */
    private static Token token(JsonParser json, String codeField, Fields fields) throws IOException {
        String system = null;
        String code = null;
        int systems = 0;
        int codes = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("system".equals(field)) {
                systems++;
                system = value == JsonToken.VALUE_STRING ? json.getText() : null;
            } else if (codeField.equals(field)) {
                codes++;
                code = value == JsonToken.VALUE_STRING ? json.getText() : null;
            }
            json.skipChildren();
        }
        fields.ambiguous |= systems > 1 || codes > 1;
        return new Token(system, code);
    }

    /**
     * {@link DataDates#when}, on a resource's top-level JSON fields (strings as text, a period as a map
     * of its string fields, anything else present as {@code TRUE}).
     *
     * @throws IOException if the date element is not a FHIR date: the resource's order is unknown
     */
    public static Instant when(String resourceType, Map<String, Object> r) throws IOException {
        Date date = switch (resourceType) {
            case "Observation" -> present(r, "effectiveDateTime") ? dateTime(r.get("effectiveDateTime"))
                    : r.get("effectivePeriod") instanceof Map<?, ?> p && !p.isEmpty() ? dateTime(p.get("start"))
                    : present(r, "effectiveInstant") ? instant(r.get("effectiveInstant")) : instant(r.get("issued"));
            case "CarePlan" -> r.get("period") instanceof Map<?, ?> p && p.get("start") instanceof String
                    ? dateTime(p.get("start")) : dateTime(r.get("created"));
            case "MedicationStatement" -> present(r, "effectiveDateTime") ? dateTime(r.get("effectiveDateTime"))
                    : r.get("effectivePeriod") instanceof Map<?, ?> p && !p.isEmpty() ? dateTime(p.get("start"))
                    : dateTime(r.get("dateAsserted"));
            default -> null;
        };
        return date == null ? null : date.toInstant();
    }

    private static boolean present(Map<String, Object> r, String primitive) {
        return r.containsKey(primitive) || r.containsKey("_" + primitive);
    }

    /** HAPI's own reading of a dateTime (a date alone in this JVM's zone, as when it parses the resource). */
    private static Date dateTime(Object text) throws IOException {
        if (!(text instanceof String s)) {
            return null;
        }
        Date plain = plainInstant(s);
        if (plain != null) {
            return plain;
        }
        try {
            return new DateTimeType(s).getValue();
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IOException("an entry's date is not a FHIR dateTime: " + text);
        }
    }

    private static Date instant(Object text) throws IOException {
        if (!(text instanceof String s)) {
            return null;
        }
        Date plain = plainInstant(s);
        if (plain != null) {
            return plain;
        }
        try {
            return new InstantType(s).getValue();
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IOException("an entry's date is not a FHIR instant: " + text);
        }
    }

    /**
     * The commonest form of a FHIR dateTime and instant, {@code YYYY-MM-DDThh:mm:ss[.sss](Z|+hh:mm|-hh:mm)},
     * read without HAPI (whose reading, through a Calendar per value, was a fifth of reading a source's page
     * at the gateway); null for any other text, which HAPI then reads as before. Gives the instant HAPI
     * gives: such a value names one instant, with milliseconds as written.
     */
    static Date plainInstant(String s) {
        int n = s.length();
        if ((n != 20 && n != 24 && n != 25 && n != 29) || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int at = 19;
        int millis = 0;
        if (s.charAt(at) == '.') {
            millis = digits(s, 20, 23);
            at = 23;
        }
        int offsetSeconds;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int hours = digits(s, at + 1, at + 3);
            int minutes = digits(s, at + 4, at + 6);
            if (hours < 0 || minutes < 0 || hours > 14 || minutes > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        // From 1900: HAPI's Calendar is Julian before 1582, java.time never.
        if (millis < 0 || year < 1900 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || second < 0
                || second > 59) {
            return null;
        }
        try {
            return Date.from(java.time.LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(java.time.ZoneOffset.ofTotalSeconds(offsetSeconds)));
        } catch (java.time.DateTimeException notADay) {
            return null;   // e.g. 30 February: HAPI's to judge, as before
        }
    }

    /** The decimal number written in {@code s[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
