package no.dhoindex.shared.jdbc;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** The stored form of an object's full metadata: JSON of the domain record (never the wire form). */
public final class MetadataJson {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private MetadataJson() {
    }

    public static String write(Object record) {
        return JSON.toJson(record);
    }

    public static <T> T read(String json, Class<T> type) {
        return JSON.fromJson(json, type);
    }
}
