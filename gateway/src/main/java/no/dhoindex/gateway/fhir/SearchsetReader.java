package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.gateway.federation.SearchEntry;
import no.dhoindex.gateway.federation.SearchPage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * A source's searchset read for the merge only: for each entry of the type asked, its id, its date
 * (the {@code date} search parameter's element, exactly as {@link no.dhoindex.shared.fhir.DataDates}
 * reads it from a parsed resource) and its JSON text, kept unparsed ({@link SourceResource}); and
 * whether the source holds more (a {@code next} link). One pass of a streaming JSON reader instead of
 * building every resource: the gateway keeps {@code _count} of all the sources' entries and parses
 * only those.
 */
final class SearchsetReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SearchsetReader() {
    }

    /**
     * @throws IOException if the text is not JSON, or not a Bundle
     */
    static SearchPage<SourceResource> read(String body, String resourceType) throws IOException {
        List<SearchEntry<SourceResource>> entries = new ArrayList<>();
        boolean more = false;
        boolean bundle = false;
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("resourceType".equals(field)) {
                    bundle = value == JsonToken.VALUE_STRING && "Bundle".equals(json.getText());
                } else if ("link".equals(field) && value == JsonToken.START_ARRAY) {
                    more |= hasNext(json);
                } else if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        entry(json, body, resourceType, entries);
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
        if (!bundle) {
            throw new IOException("the answer is not a FHIR Bundle");
        }
        return new SearchPage<>(entries, more);
    }

    /** Inside {@code link: [...]}: whether one of them is {@code next}. */
    private static boolean hasNext(JsonParser json) throws IOException {
        boolean next = false;
        while (json.nextToken() == JsonToken.START_OBJECT) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("relation".equals(field) && value == JsonToken.VALUE_STRING && "next".equals(json.getText())) {
                    next = true;
                } else {
                    json.skipChildren();
                }
            }
        }
        return next;
    }

    /** One entry object (the parser at its start): its resource, if of the type asked. */
    private static void entry(JsonParser json, String body, String resourceType,
                              List<SearchEntry<SourceResource>> entries) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("resource".equals(field) && value == JsonToken.START_OBJECT) {
                int start = (int) json.currentTokenLocation().getCharOffset();
                Map<String, Object> top = topLevel(json);
                int end = (int) json.currentLocation().getCharOffset();
                if (resourceType.equals(top.get("resourceType"))) {
                    entries.add(new SearchEntry<>(when(resourceType, top), text(top.get("id")),
                            SourceResource.unparsed(body.substring(start, end))));
                }
            } else {
                json.skipChildren();
            }
        }
    }

    /**
     * A resource object's top-level fields that name it and date it: strings as text, objects (a
     * Period) as their string fields; every other value only noted as present (as HAPI notes a
     * primitive that has only an extension, {@code _effectiveDateTime}). Ends at the object's end.
     */
    private static Map<String, Object> topLevel(JsonParser json) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                fields.put(field, json.getText());
            } else if (value == JsonToken.START_OBJECT && field.toLowerCase(java.util.Locale.ROOT).endsWith("period")) {
                Map<String, Object> period = new HashMap<>();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    JsonToken v = json.nextToken();
                    period.put(name, v == JsonToken.VALUE_STRING ? json.getText() : Boolean.TRUE);
                    json.skipChildren();
                }
                fields.put(field, period);
            } else {
                fields.put(field, Boolean.TRUE);
                json.skipChildren();
            }
        }
        return fields;
    }

    /** {@link no.dhoindex.shared.fhir.DataDates#when}, on the JSON fields. */
    static Instant when(String resourceType, Map<String, Object> r) throws IOException {
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

    /**
     * HAPI's own reading of a dateTime (a date alone in this JVM's zone, as when it parses the resource).
     * A value that is not one fails the source's answer, as HAPI's parse of it did: its order is unknown.
     */
    private static Date dateTime(Object text) throws IOException {
        try {
            return text instanceof String s ? new DateTimeType(s).getValue() : null;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IOException("an entry's date is not a FHIR dateTime: " + text);
        }
    }

    private static Date instant(Object text) throws IOException {
        try {
            return text instanceof String s ? new InstantType(s).getValue() : null;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IOException("an entry's date is not a FHIR instant: " + text);
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static void expect(JsonToken token, JsonToken wanted) throws IOException {
        if (token != wanted) {
            throw new IOException("the answer is not a FHIR Bundle");
        }
    }
}
