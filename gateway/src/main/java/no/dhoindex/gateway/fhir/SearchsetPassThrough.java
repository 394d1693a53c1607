package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The search's answer written with each kept entry's JSON as its source sent it, instead of the
 * resource HAPI parsed re-encoded (encoding was the largest CPU step of a search): only the id is
 * qualified by the community, {@code meta.source} set and the community's tag added, as
 * {@link FederatedData} does to the parsed resource. Only an entry HAPI read strictly
 * ({@link SourceResource#exact()}) is passed on; the Bundle around the entries, OperationOutcome
 * entries and anything else are HAPI's own encoding. An answer asked as XML, pretty, summarised or
 * with {@code _elements} is left to HAPI whole, from the same parsed and tagged resources.
 */
public final class SearchsetPassThrough {

    private static final String PASSED = SearchsetPassThrough.class.getName() + ".passed";
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    /** Parameters that change what HAPI writes of a resource: such an answer is HAPI's. */
    private static final Set<String> SHAPING = Set.of("_pretty", "_summary", "_elements", "_elements:exclude");

    /** What a passed-on entry becomes: the source's JSON, the qualified id, meta.source and the tag. */
    private record Passed(String json, String id, String source, Coding tag) {
    }

    /** Marks a parsed and tagged resource to be written as its source's JSON, with the same id, source and tag. */
    static void passOn(Resource tagged, String sourceJson, Coding tag) {
        tagged.setUserData(PASSED, new Passed(sourceJson, tagged.getIdElement().getIdPart(),
                tagged.getMeta().getSource(), tag));
    }

    /** HAPI's hook before it writes an answer: false when this answer was written here. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean outgoing(RequestDetails request, ResponseDetails response) throws IOException {
        if (!(response.getResponseResource() instanceof Bundle bundle) || !passes(bundle) || !plainJson(request)) {
            return true;
        }
        FhirContext fhir = request.getServer().getFhirContext();
        RestfulServerUtils.ResponseEncoding encoding = encoding(request);
        // As HAPI's RestfulServerUtils.streamResponseAsResource for a Bundle: its content type, UTF-8, gzip if asked.
        Writer out = request.getResponse().getResponseWriter(response.getResponseCode(),
                encoding.getResourceContentType(), "UTF-8", request.isRespondGzip());
        write(bundle, fhir, out);
        request.getResponse().commitResponse(out);
        return false;
    }

    /** Whether a Bundle has an entry to pass on and only entries this writer writes in full. */
    static boolean passes(Bundle bundle) {
        boolean any = false;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.hasId() || e.hasExtension() || e.hasModifierExtension() || e.hasLink() || e.hasRequest()
                    || e.hasResponse() || !e.hasResource() || e.getSearch().hasScore() || e.getSearch().hasId()
                    || e.getSearch().hasExtension() || e.getSearch().hasModifierExtension()) {
                return false;
            }
            any |= e.getResource().getUserData(PASSED) != null;
        }
        return any;
    }

    private static boolean plainJson(RequestDetails request) {
        Map<String, String[]> parameters = request.getParameters();
        for (String shaping : SHAPING) {
            if (parameters.containsKey(shaping)) {
                return false;
            }
        }
        return !RestfulServerUtils.prettyPrintResponse(request.getServer(), request)
                && encoding(request).getEncoding() == EncodingEnum.JSON;
    }

    /** The answer's encoding as HAPI chooses it: the one asked, else the server's default. */
    private static RestfulServerUtils.ResponseEncoding encoding(RequestDetails request) {
        EncodingEnum fallback = request.getServer().getDefaultResponseEncoding();
        RestfulServerUtils.ResponseEncoding asked = RestfulServerUtils.determineResponseEncodingNoDefault(request, fallback);
        return asked != null ? asked : new RestfulServerUtils.ResponseEncoding(request.getServer().getFhirContext(),
                fallback, null);
    }

    /**
     * The Bundle as JSON: around the entries, the searchset's own fields (type and links) written here
     * when they are all it has, else HAPI's encoding of it without its entries (a tenth of a
     * millisecond for those few fields, on the request's path); then the entries — a passed-on one as
     * its source's JSON (with the gateway's id, source and tag), any other resource HAPI's.
     */
    static void write(Bundle bundle, FhirContext fhir, Writer out) throws IOException {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        if (onlyTypeAndLinks(bundle)) {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                // As HAPI writes them: resourceType, type, link, entry.
                json.writeStartObject();
                json.writeStringField("resourceType", "Bundle");
                json.writeStringField("type", bundle.getType().toCode());
                if (bundle.hasLink()) {
                    json.writeArrayFieldStart("link");
                    for (Bundle.BundleLinkComponent link : bundle.getLink()) {
                        json.writeStartObject();
                        json.writeStringField("relation", link.getRelation());
                        json.writeStringField("url", link.getUrl());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeFieldName("entry");
                entries(entries, fhir, json);
                json.writeEndObject();
            }
            return;
        }
        String shell;
        bundle.setEntry(new ArrayList<>());
        try {
            shell = fhir.newJsonParser().encodeResourceToString(bundle);
        } finally {
            bundle.setEntry(entries);
        }
        out.write(shell, 0, shell.lastIndexOf('}'));
        out.write(",\"entry\":");
        try (JsonGenerator json = JSON.createGenerator(out)) {
            entries(entries, fhir, json);
        }
        out.write('}');
    }

    /** Whether the Bundle has, besides its entries, only a type and links of a relation and a url each. */
    static boolean onlyTypeAndLinks(Bundle bundle) {
        if (!bundle.hasType() || bundle.hasIdElement() || bundle.hasMeta() || bundle.hasImplicitRules()
                || bundle.hasLanguage() || bundle.hasIdentifier() || bundle.hasTotalElement()
                || bundle.hasTimestampElement() || bundle.hasSignature()) {
            return false;
        }
        for (Bundle.BundleLinkComponent link : bundle.getLink()) {
            if (!link.hasRelation() || !link.hasUrl() || link.hasId() || link.hasExtension()
                    || link.hasModifierExtension()) {
                return false;
            }
        }
        return true;
    }

    private static void entries(List<Bundle.BundleEntryComponent> entries, FhirContext fhir, JsonGenerator json)
            throws IOException {
        json.writeStartArray();
        for (Bundle.BundleEntryComponent e : entries) {
            json.writeStartObject();
            if (e.hasFullUrl()) {
                json.writeStringField("fullUrl", e.getFullUrl());
            }
            json.writeFieldName("resource");
            if (e.getResource().getUserData(PASSED) instanceof Passed passed) {
                resource(passed, json);
            } else {
                json.writeRawValue(fhir.newJsonParser().encodeResourceToString(e.getResource()));
            }
            if (e.getSearch().hasMode()) {
                json.writeObjectFieldStart("search");
                json.writeStringField("mode", e.getSearch().getMode().toCode());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The source's resource object, field by field as it came, but its id, meta.source and the added tag. */
    private static void resource(Passed passed, JsonGenerator out) throws IOException {
        try (JsonParser in = JSON.createParser(passed.json())) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a passed-on entry is not a JSON object");
            }
            out.writeStartObject();
            boolean id = false;
            boolean meta = false;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                if ("id".equals(field)) {
                    in.skipChildren();
                    out.writeStringField("id", passed.id());
                    id = true;
                } else if ("meta".equals(field) && in.currentToken() == JsonToken.START_OBJECT) {
                    meta(in, passed, out);
                    meta = true;
                } else {
                    out.writeFieldName(field);
                    copy(in, out);
                }
            }
            if (!id) {
                out.writeStringField("id", passed.id());
            }
            if (!meta) {
                out.writeObjectFieldStart("meta");
                endMeta(false, passed, out);
            }
            out.writeEndObject();
        }
    }

    /** The source's meta with the tag added to its tags and its source replaced, as Meta.addTag and setSource do. */
    private static void meta(JsonParser in, Passed passed, JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("meta");
        boolean tagged = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            if ("source".equals(field)) {
                in.skipChildren();
            } else if ("tag".equals(field) && in.currentToken() == JsonToken.START_ARRAY) {
                out.writeArrayFieldStart("tag");
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    copy(in, out);
                }
                tag(passed.tag(), out);
                out.writeEndArray();
                tagged = true;
            } else {
                out.writeFieldName(field);
                copy(in, out);
            }
        }
        endMeta(tagged, passed, out);
    }

    /** The rest of a meta object: the tag (unless added to the source's tags), the source, its end. */
    private static void endMeta(boolean tagged, Passed passed, JsonGenerator out) throws IOException {
        if (!tagged) {
            out.writeArrayFieldStart("tag");
            tag(passed.tag(), out);
            out.writeEndArray();
        }
        if (passed.source() != null) {
            out.writeStringField("source", passed.source());
        }
        out.writeEndObject();
    }

    private static void tag(Coding tag, JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (tag.hasSystem()) {
            out.writeStringField("system", tag.getSystem());
        }
        if (tag.hasCode()) {
            out.writeStringField("code", tag.getCode());
        }
        if (tag.hasDisplay()) {
            out.writeStringField("display", tag.getDisplay());
        }
        out.writeEndObject();
    }

    /** The value at the parser, as it came: numbers by their text (a FHIR decimal's precision is its text). */
    private static void copy(JsonParser in, JsonGenerator out) throws IOException {
        switch (in.currentToken()) {
            case START_OBJECT -> {
                out.writeStartObject();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    out.writeFieldName(in.currentName());
                    in.nextToken();
                    copy(in, out);
                }
                out.writeEndObject();
            }
            case START_ARRAY -> {
                out.writeStartArray();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    copy(in, out);
                }
                out.writeEndArray();
            }
            case VALUE_STRING -> out.writeString(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(in.getText());
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            case VALUE_NULL -> out.writeNull();
            default -> throw new IOException("unexpected JSON in a passed-on entry: " + in.currentToken());
        }
    }
}
