package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * One resource a source found, as the federated search holds it until the merge: its JSON as the
 * source sent it, parsed into a HAPI resource only if it is kept (of a page of 50 from each of 20
 * sources, 50 are), or a resource already parsed (a source asked through ITI-38/39).
 */
public final class SourceResource {

    private final String json;
    private Resource parsed;

    private SourceResource(String json, Resource parsed) {
        this.json = json;
        this.parsed = parsed;
    }

    /** A resource's JSON text, not parsed yet. */
    public static SourceResource unparsed(String json) {
        return new SourceResource(Objects.requireNonNull(json, "json"), null);
    }

    public static SourceResource parsed(Resource resource) {
        return new SourceResource(null, Objects.requireNonNull(resource, "resource"));
    }

    /**
     * The resource, parsed at the first call (not thread-safe: one request's thread uses it).
     *
     * @throws DataFormatException if the source sent JSON that is not this FHIR resource
     */
    public Resource resource() {
        if (parsed == null) {
            parsed = (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(json);
        }
        return parsed;
    }
}
