package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.SubmissionSet;

/** The stored form of an object's full metadata: JSON of the domain record (never the wire form). */
final class MetadataCodec {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private MetadataCodec() {
    }

    static String write(Object record) {
        return JSON.toJson(record);
    }

    static DocumentPointer document(String json) {
        return JSON.fromJson(json, DocumentPointer.class);
    }

    static SubmissionSet submissionSet(String json) {
        return JSON.fromJson(json, SubmissionSet.class);
    }

    static Folder folder(String json) {
        return JSON.fromJson(json, Folder.class);
    }

    static Association association(String json) {
        return JSON.fromJson(json, Association.class);
    }
}
