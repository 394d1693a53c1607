package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;
import no.dhoindex.shared.xds.wire.Hl7v2Parts;

/**
 * The stored form before {@link StoredForm}: JSON-B of the domain records (schema V1-V5, column {@code body}),
 * read once by the V6 migration. Its names are frozen here as JSON-B wrote them, so that a later rename of a
 * domain record's component cannot break the migration of an older database; enum values are the names
 * they had then.
 */
final class LegacyJsonForm {

    private LegacyJsonForm() {
    }

    static DocumentPointer document(String json) {
        JsonObject o = parse(json);
        JsonObject c = object(o, "codes");
        JsonObject p = object(o, "provenance");
        JsonObject l = object(o, "location");
        return new DocumentPointer(id(object(o, "id")), status(o), DocumentEntryType.valueOf(str(o, "type")),
                patient(object(o, "patientId")),
                c == null ? null : new DocumentCodes(code(object(c, "classCode")), code(object(c, "typeCode")),
                        code(object(c, "formatCode")), code(object(c, "healthcareFacilityTypeCode")),
                        code(object(c, "practiceSettingCode")), codes(c, "eventCodes"),
                        codes(c, "confidentialityCodes")),
                p == null ? null : new Provenance(authors(p), Hl7v2Parts.person(str(p, "legalAuthenticator")),
                        str(p, "creationTime"), str(p, "serviceStartTime"), str(p, "serviceStopTime"),
                        Hl7v2Parts.identifier(str(p, "sourcePatientId")), LegacyHl7v2.sourcePatient(strs(p, "sourcePatientInfo"))),
                l == null ? null : new DocumentLocation(str(l, "repositoryUniqueId"), str(l, "mimeType"),
                        str(l, "languageCode"), str(l, "hash"), size(l), str(l, "uri"), str(l, "documentAvailability")),
                text(object(o, "title")), text(object(o, "comments")),
                LegacyHl7v2.referenceIds(strs(o, "referenceIds")), extra(o));
    }

    static SubmissionSet submissionSet(String json) {
        JsonObject o = parse(json);
        return new SubmissionSet(id(object(o, "id")), status(o), patient(object(o, "patientId")), str(o, "sourceId"),
                str(o, "submissionTime"), code(object(o, "contentTypeCode")), authors(o),
                LegacyHl7v2.recipients(strs(o, "intendedRecipients")),
                text(object(o, "title")), text(object(o, "comments")), extra(o));
    }

    static Folder folder(String json) {
        JsonObject o = parse(json);
        return new Folder(id(object(o, "id")), status(o), patient(object(o, "patientId")), codes(o, "codes"),
                str(o, "lastUpdateTime"), text(object(o, "title")), text(object(o, "comments")), extra(o));
    }

    static Association association(String json) {
        JsonObject o = parse(json);
        return new Association(str(o, "entryUuid"), AssociationType.valueOf(str(o, "type")), str(o, "sourceUuid"),
                str(o, "targetUuid"), status(o), str(o, "submissionSetStatus"), str(o, "homeCommunityId"), extra(o),
                code(object(o, "documentation")));
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v.asJsonObject();
    }

    private static String str(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static List<String> strs(JsonObject o, String name) {
        JsonValue v = o.get(name);
        List<String> values = new ArrayList<>();
        if (v instanceof JsonArray a) {
            for (JsonValue x : a) {
                values.add(x instanceof JsonString s ? s.getString() : null);
            }
        }
        return values;
    }

    private static Long size(JsonObject location) {
        JsonValue v = location.get("size");
        return v instanceof JsonNumber n ? n.longValueExact() : null;
    }

    private static AvailabilityStatus status(JsonObject o) {
        String s = str(o, "status");
        return s == null ? null : AvailabilityStatus.valueOf(s);
    }

    private static RegistryObjectId id(JsonObject id) {
        return new RegistryObjectId(str(id, "entryUuid"), str(id, "uniqueId"), str(id, "logicalUuid"),
                str(id, "version"), str(id, "homeCommunityId"));
    }

    private static PatientId patient(JsonObject p) {
        return p == null ? null : new PatientId(str(p, "id"), str(p, "assigningAuthority"));
    }

    private static Code code(JsonObject c) {
        return c == null ? null : new Code(str(c, "code"), str(c, "scheme"), str(c, "displayName"));
    }

    private static List<Code> codes(JsonObject o, String name) {
        JsonValue v = o.get(name);
        List<Code> codes = new ArrayList<>();
        if (v instanceof JsonArray a) {
            for (JsonValue x : a) {
                codes.add(code(x.asJsonObject()));
            }
        }
        return codes;
    }

    private static Text text(JsonObject t) {
        return t == null ? null : new Text(str(t, "value"), str(t, "lang"), str(t, "charset"));
    }

    private static List<Author> authors(JsonObject o) {
        JsonValue v = o.get("authors");
        List<Author> authors = new ArrayList<>();
        if (v instanceof JsonArray a) {
            for (JsonValue x : a) {
                JsonObject author = x.asJsonObject();
                authors.add(LegacyHl7v2.author(str(author, "person"), strs(author, "institutions"),
                        strs(author, "roles"), strs(author, "specialties"), strs(author, "telecoms")));
            }
        }
        return authors;
    }

    private static Map<String, List<String>> extra(JsonObject o) {
        JsonObject extra = object(o, "extraMetadata");
        Map<String, List<String>> slots = new LinkedHashMap<>();
        if (extra != null) {
            extra.keySet().forEach(name -> slots.put(name, strs(extra, name)));
        }
        return slots;
    }
}
