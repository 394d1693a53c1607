package no.dhoindex.adapters.search;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import no.dhoindex.adapters.access.SourceAccessLog;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.PlatformUnavailable;
import no.dhoindex.adapters.interfaces.fhir.FhirOutcomes;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.fhir.Searchset;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.TrustedIssuers;
import no.dhoindex.shared.xua.XuaCallers;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaHttp;
import no.dhoindex.shared.xua.XuaRefusal;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The organisation's FHIR search, for a trusted gateway asking for a user:
 * {@code GET Observation|CarePlan|MedicationStatement?patient.identifier=urn:oid:<authority>|<id>}
 * with {@code code}, {@code category}, {@code date} (Observation), {@code _sort=date|-date},
 * {@code _count} (at most 500, 50 by default) and {@code _offset}; answered from the platform
 * ({@link SourceSearch}). The call carries the gateway's XUA assertion for the user
 * ({@code Authorization: SAML …}, {@link XuaHttp}), checked as on the XCA side. A parameter not
 * listed here is refused naming it (400); every answer and refusal is in the organisation's access log.
 */
@Path("/{type: Observation|CarePlan|MedicationStatement}")
@RequestScoped
public class DataSearchResource {

    private static final Logger LOG = Logger.getLogger(DataSearchResource.class.getName());
    static final String FHIR_JSON = FhirOutcomes.FHIR_JSON;
    /**
     * The parameters each search takes, exactly what is applied (passed on to the platform or applied
     * here): anything else is refused naming it, never ignored. The CapabilityStatement lists these.
     */
    public static final Map<DataKind, List<String>> PARAMETERS = Map.of(
            DataKind.MEASUREMENTS, List.of("patient.identifier", "code", "category", "date", "_sort", "_count", "_offset",
                    "_format"),
            DataKind.CARE_PLAN, List.of("patient.identifier", "category", "_sort", "_count", "_offset", "_format"),
            DataKind.MEDICATIONS, List.of("patient.identifier", "_sort", "_count", "_offset", "_format"));
    private static final int DEFAULT_COUNT = 50;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static volatile TrustedIssuers issuers;

    @Inject
    OrganisationSettings settings;

    @Inject
    SourceSearch search;

    @Inject
    SourceAccessLog log;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Produces(FHIR_JSON)
    public Response search(@PathParam("type") String type) {
        DataKind kind = DataKind.of(type);
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        for (String name : params.keySet()) {
            if (!PARAMETERS.get(kind).contains(name)) {
                return outcome(400, OperationOutcome.IssueType.NOTSUPPORTED, "parameter " + name + " is not supported"
                        + " by the " + type + " search here (" + String.join(", ", PARAMETERS.get(kind)) + ")");
            }
        }
        XuaClaims claims;
        try {
            claims = verified();
        } catch (XuaRefusal refusal) {
            return refused(type + " search", refusal);
        }
        PatientId patient;
        SourceQuery query;
        try {
            patient = patient(params.getFirst("patient.identifier"));
            boolean newestFirst = "-date".equals(params.getFirst("_sort"));
            if (params.getFirst("_sort") != null && !Set.of("date", "-date").contains(params.getFirst("_sort"))) {
                throw new IllegalArgumentException("_sort must be date or -date");
            }
            query = new SourceQuery(list(params.get("code")), list(params.get("category")), list(params.get("date")),
                    newestFirst, number(params.getFirst("_count"), DEFAULT_COUNT), number(params.getFirst("_offset"), 0));
        } catch (IllegalArgumentException e) {
            return outcome(400, OperationOutcome.IssueType.INVALID, e.getMessage());
        }
        Caller caller = XuaCallers.of(claims);
        try {
            // Recorded while the platform is asked (the page's size is not known then): the record's commit
            // and the platform's answer overlap, and the page leaves only once the record is durable.
            SourceSearch.Page page = search.search(caller, kind, patient, query,
                    () -> log.record(claims, patient, type + " search", AccessRecord.Outcome.GRANTED, null));
            return Response.ok(searchset(page, query, type), FHIR_JSON).build();
        } catch (AccessDenied denied) {
            log.record(claims, patient, type + " search refused", AccessRecord.Outcome.REFUSED, denied.getMessage());
            return outcome(403, OperationOutcome.IssueType.FORBIDDEN, denied.getMessage());
        } catch (PlatformUnavailable e) {
            LOG.severe(() -> "event=fhir-search outcome=platform-unavailable reason=\"" + e.getMessage() + "\"");
            return outcome(503, OperationOutcome.IssueType.TRANSIENT,
                    "The organisation's DHO platform is unavailable; try again later");
        }
    }

    /** A read by id, for the assertion's patient: another patient's resource is not found, as an unknown one. */
    @GET
    @Path("/{id}")
    @Produces(FHIR_JSON)
    public Response read(@PathParam("type") String type, @PathParam("id") String id) {
        XuaClaims claims;
        try {
            claims = verified();
        } catch (XuaRefusal refusal) {
            return refused(type + " read", refusal);
        }
        Caller caller = XuaCallers.of(claims);
        try {
            return search.read(caller, DataKind.of(type), id).map(r -> {
                log.record(claims, null, type + " read: given", AccessRecord.Outcome.GRANTED, null);
                return Response.ok(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(r), FHIR_JSON).build();
            }).orElseGet(() -> outcome(404, OperationOutcome.IssueType.NOTFOUND, type + "/" + id + " is not known"));
        } catch (AccessDenied denied) {
            log.record(claims, null, type + " read refused", AccessRecord.Outcome.REFUSED, denied.getMessage());
            return outcome(403, OperationOutcome.IssueType.FORBIDDEN, denied.getMessage());
        } catch (PlatformUnavailable e) {
            return outcome(503, OperationOutcome.IssueType.TRANSIENT,
                    "The organisation's DHO platform is unavailable; try again later");
        }
    }

    private XuaClaims verified() throws XuaRefusal {
        if (ResourceRequest.count(request.getHeaders("Authorization")) > 1) {
            throw new XuaRefusal("the call carries more than one Authorization header");
        }
        return XuaHttp.verify(request.getHeader("Authorization"), issuers(), settings.organisation().homeCommunityId(),
                settings.xuaPolicy());
    }

    private Response refused(String what, XuaRefusal refusal) {
        LOG.warning(() -> "event=fhir-search-refused status=" + refusal.httpStatus() + " reason=\""
                + refusal.getMessage() + "\"");
        log.record(null, null, what + " refused", AccessRecord.Outcome.REFUSED, refusal.getMessage());
        return outcome(refusal.httpStatus(), OperationOutcome.IssueType.SECURITY, refusal.getMessage());
    }

    private String searchset(SourceSearch.Page page, SourceQuery query, String type) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        String next = page.more() ? uri.getRequestUriBuilder().replaceQueryParam("_offset", query.offset() + query.count())
                .build().toString() : null;
        try {
            return searchset(base, uri.getRequestUri().toString(), next, page.resources(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // written to a String: not an I/O failure
        }
    }

    /**
     * The page as a searchset: each resource's JSON as the platform sent it (checked by
     * {@link SourceSearch} for its type, patient and labels), so that it is neither parsed nor encoded
     * again here; the Bundle around it as HAPI writes one (type, self and next links, fullUrl, mode).
     */
    static String searchset(String base, String self, String next, List<Searchset.Entry> resources, String type)
            throws IOException {
        StringWriter text = new StringWriter(resources.size() * 1024 + 512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("type", "searchset");
            json.writeArrayFieldStart("link");
            link(json, "self", self);
            if (next != null) {
                link(json, "next", next);
            }
            json.writeEndArray();
            if (!resources.isEmpty()) {
                json.writeArrayFieldStart("entry");
                for (Searchset.Entry r : resources) {
                    json.writeStartObject();
                    if (r.id() != null) {
                        json.writeStringField("fullUrl", base + "/" + type + "/" + r.id());
                    }
                    json.writeFieldName("resource");
                    json.writeRawValue(r.json());
                    json.writeObjectFieldStart("search");
                    json.writeStringField("mode", "match");
                    json.writeEndObject();
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        return text.toString();
    }

    private static void link(JsonGenerator json, String relation, String url) throws IOException {
        json.writeStartObject();
        json.writeStringField("relation", relation);
        json.writeStringField("url", url);
        json.writeEndObject();
    }

    private static PatientId patient(String identifier) {
        if (identifier == null || !identifier.startsWith("urn:oid:") || identifier.indexOf('|') < 0) {
            throw new IllegalArgumentException("patient.identifier must be urn:oid:<assigning authority>|<id>");
        }
        int bar = identifier.indexOf('|');
        return PatientId.of(identifier.substring("urn:oid:".length(), bar), identifier.substring(bar + 1));
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().flatMap(v -> List.of(v.split(",")).stream()).toList();
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + value);
        }
    }

    private TrustedIssuers issuers() {
        if (issuers == null) {
            issuers = new TrustedIssuers(settings.xuaTrustStore());
        }
        return issuers;
    }

    private static Response outcome(int status, OperationOutcome.IssueType type, String diagnostics) {
        Response.ResponseBuilder response = Response.fromResponse(FhirOutcomes.outcome(status, type.toCode(), diagnostics));
        if (status == 401) {
            response.header("WWW-Authenticate", XuaHttp.SCHEME + " error=\"invalid_token\"");
        }
        return response.build();
    }
}
