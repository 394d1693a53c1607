package no.dhoindex.adapters.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.EnumMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.IntPredicate;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.xds.model.NationalIdentityNumber;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The organisation's DHO platform, through its FHIR R4 API (with connect and read timeouts):
 * what changed since a moment, what a patient's data of a kind covers, and the live data itself.
 * Works against any FHIR R4 server that supports {@code _lastUpdated} and {@code patient.identifier};
 * where it also offers type-level {@code _history} (and vread), deletions are read from it.
 *
 * <p>Search pages are read entry by entry: one resource the platform got wrong (a value HAPI cannot
 * parse, no patient national id, no lastUpdated) is skipped with a logged reason, and the rest of
 * the page still counts (history pages alike). Parsing the whole Bundle at once would let one bad resource stop every
 * poll. Only a platform that does not answer (or answers with an error) is {@link PlatformUnavailable}.
 */
@ApplicationScoped
public class FhirPlatform implements PlatformReads {

    static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    private static final Logger LOG = Logger.getLogger(FhirPlatform.class.getName());
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final String FHIR_JSON = "application/fhir+json";
    private static final int PAGE = 200;
    /** Every answer is the resource (or the platform unavailable). */
    private static final IntPredicate NEVER = status -> false;
    /** No such resource: 404 Not Found, 410 Gone. */
    private static final IntPredicate GONE = status -> status == 404 || status == 410;
    /** The platform will not do this: 4xx, but 408 and 429 (not now) are the platform unavailable. */
    private static final IntPredicate REFUSED = status -> status / 100 == 4 && status != 408 && status != 429;

    @Inject
    OrganisationSettings settings;

    private FhirContext fhir;
    private HttpClient http;
    private Duration timeout;
    private String base;
    private final Map<String, String> patientIds = new ConcurrentHashMap<>();

    @PostConstruct
    void connect() {
        fhir = FhirContext.forR4Cached();
        timeout = settings.outboundTimeout();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String url = settings.platformUrl().toString();
        base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public FhirContext context() {
        return fhir;
    }

    @Override
    public Changes changedSince(Instant since) {
        List<Change> changes = new ArrayList<>();
        Instant readUpTo = since;
        for (DataKind kind : DataKind.values()) {
            Found found = search(kind, null, since);
            readUpTo = later(readUpTo, found.newest());
            for (Resource r : found.resources()) {
                change(r, kind).ifPresent(changes::add);
            }
        }
        return new Changes(changes, List.of(), readUpTo);
    }

    /**
     * Type-level {@code _history?_since=} of every kind, every page: a version with its resource is a
     * change (read as a search entry is), {@code request.method = DELETE} a deletion. A refusal (4xx but
     * 408 and 429) means the platform offers no history.
     */
    @Override
    public Changes historySince(Instant since) {
        List<Change> changes = new ArrayList<>();
        List<Deletion> deletions = new ArrayList<>();
        Instant readUpTo = since;
        // Every kind's first page asked at once: a read costs about one request, not one per kind.
        Map<DataKind, CompletableFuture<HttpResponse<String>>> firstPages = new EnumMap<>(DataKind.class);
        for (DataKind kind : DataKind.values()) {
            firstPages.put(kind, sent(base + "/" + kind.resourceType() + "/_history?_since="
                    + encode(since.truncatedTo(ChronoUnit.MILLIS).toString())));
        }
        for (DataKind kind : DataKind.values()) {
            CompletableFuture<HttpResponse<String>> pending = firstPages.get(kind);
            while (pending != null) {
                JsonObject page = history(pending, kind.resourceType() + " history");
                for (JsonValue value : array(page, "entry")) {
                    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                        continue;
                    }
                    JsonObject entry = value.asJsonObject();
                    JsonObject request = entry.get("request") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                    if ("DELETE".equals(request.getString("method", null))) {
                        Optional<Deletion> deletion = deletion(kind, entry, request.getString("url", null));
                        if (deletion.isPresent()) {
                            deletions.add(deletion.get());
                            readUpTo = later(readUpTo, deletion.get().at());
                        }
                        continue;
                    }
                    JsonValue resource = entry.get("resource");
                    readUpTo = later(readUpTo, lastUpdated(resource));
                    parse(resource, kind).flatMap(r -> change(r, kind)).ifPresent(changes::add);
                }
                String next = nextLink(page);
                pending = next == null ? null : sent(next);
            }
        }
        return new Changes(changes, deletions, readUpTo);
    }

    /** The deleted resource and version, from {@code request.url} (else fullUrl and the ETag); logged if neither. */
    private Optional<Deletion> deletion(DataKind kind, JsonObject entry, String url) {
        IdType id = new IdType(url != null ? url : entry.getString("fullUrl", ""));
        JsonObject response = entry.get("response") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        if (!kind.resourceType().equals(id.getResourceType()) || !id.hasIdPart()) {
            skipped(String.valueOf(url), "a " + kind.resourceType() + " history deletion that names no such resource");
            return Optional.empty();
        }
        String version = id.hasVersionIdPart() ? id.getVersionIdPart()
                : response.getString("etag", "").replaceAll("^W/\"|\"$", "");
        Instant at = null;
        try {
            at = response.containsKey("lastModified") ? OffsetDateTime.parse(response.getString("lastModified"))
                    .toInstant() : null;
        } catch (DateTimeParseException | ClassCastException e) {
            // no time: the reader dates it by what else it read
        }
        String resource = kind.resourceType() + "/" + id.getIdPart();
        return Optional.of(new Deletion(kind, resource,
                resource + "/_history/" + (version.isEmpty() ? "deleted" : version),
                at));
    }

    /**
     * Reads the version before the deletion (vread): the patient it was about. Empty when the platform
     * keeps no such version or offers no vread (4xx); an unreachable platform is {@link PlatformUnavailable}.
     */
    @Override
    public Optional<String> subjectBefore(Deletion deletion) {
        String version = deletion.version().substring(deletion.version().lastIndexOf('/') + 1);
        if (!version.matches("[0-9]{1,9}") || Integer.parseInt(version) < 2) {
            return Optional.empty();
        }
        JsonObject json = get(base + "/" + deletion.resourceId() + "/_history/" + (Integer.parseInt(version) - 1),
                deletion.kind().resourceType() + " vread", REFUSED);
        return Optional.ofNullable(json).flatMap(j -> parse(j, deletion.kind())).map(r -> nationalId(subject(r)));
    }

    /** A usable resource as a change: it has a lastUpdated and names a patient by a well-formed national id. */
    private Optional<Change> change(Resource r, DataKind kind) {
        String id = r.getIdElement().toUnqualifiedVersionless().getValue();
        if (!r.getMeta().hasLastUpdated()) {
            skipped(id, "no meta.lastUpdated");
            return Optional.empty();
        }
        String patient = nationalId(subject(r));
        if (patient == null) {
            skipped(id, "no patient national id in subject");
            return Optional.empty();
        }
        NationalIdentityNumber.Defect defect = NationalIdentityNumber.check(patient, false);
        if (defect != null) {
            // The registry would refuse the pointer; check digits are left to its policy.
            skipped(id, "subject national id is malformed: " + defect.reason());
            return Optional.empty();
        }
        Instant lastUpdated = r.getMeta().getLastUpdated().toInstant();
        // The version as the platform numbers it; without one, its time tells it from the next.
        String version = r.getMeta().hasVersionId() ? r.getMeta().getVersionId()
                : String.valueOf(lastUpdated.toEpochMilli());
        String resource = kind.resourceType() + "/" + r.getIdElement().getIdPart();
        return Optional.of(new Change(patient, kind, resource, resource + "/_history/" + version, lastUpdated));
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    @Override
    public PatientData summary(String nationalId, DataKind kind) {
        List<Resource> resources = search(kind, nationalId, null).resources();
        TreeSet<String> times = new TreeSet<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Resource r : resources) {
            Date at = effective(r);
            if (at != null) {
                times.add(DTM.format(at.toInstant()));
            }
            if (r instanceof Observation o) {
                o.getCode().getCoding().stream().map(Coding::getCode).forEach(codes::add);
            }
        }
        return new PatientData(nationalId, kind, times.isEmpty() ? null : times.first(),
                times.isEmpty() ? null : times.last(), List.copyOf(codes), resources.size());
    }

    /** The patient's live data of this kind as one FHIR searchset Bundle in JSON: made now, never cached. */
    public String liveBundle(String nationalId, DataKind kind) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Resource r : search(kind, nationalId, null).resources()) {
            bundle.addEntry().setFullUrl(r.getIdElement().toUnqualifiedVersionless().getValue()).setResource(r);
        }
        bundle.setTotal(bundle.getEntry().size());
        bundle.getMeta().setLastUpdated(new Date());
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    /** What a search found: the resources HAPI could read, and the newest lastUpdated of any entry. */
    private record Found(List<Resource> resources, Instant newest) {
    }

    private Found search(DataKind kind, String nationalId, Instant updatedAfter) {
        StringBuilder url = new StringBuilder(base).append('/').append(kind.resourceType())
                .append("?_count=").append(PAGE);
        if (nationalId != null) {
            url.append("&patient.identifier=").append(encode(NATIONAL_ID + "|" + nationalId));
        }
        if (updatedAfter != null) {
            url.append("&_lastUpdated=").append(encode("gt" + updatedAfter.truncatedTo(ChronoUnit.MILLIS)));
        }
        List<Resource> result = new ArrayList<>();
        Instant newest = null;
        String next = url.toString();
        while (next != null) {
            JsonObject page = get(next, kind.resourceType() + " search", NEVER);
            for (JsonValue entry : array(page, "entry")) {
                JsonValue resource = entry.getValueType() == JsonValue.ValueType.OBJECT
                        ? entry.asJsonObject().get("resource") : null;
                Instant lastUpdated = lastUpdated(resource);
                if (lastUpdated != null && (newest == null || lastUpdated.isAfter(newest))) {
                    newest = lastUpdated;
                }
                parse(resource, kind).filter(r -> nationalId == null || ofPatient(r, nationalId))
                        .ifPresent(result::add);
            }
            next = nextLink(page);
        }
        return new Found(result, newest);
    }

    /** meta.lastUpdated as the JSON has it, also where HAPI cannot read the resource. */
    private static Instant lastUpdated(JsonValue resource) {
        if (resource == null || resource.getValueType() != JsonValue.ValueType.OBJECT
                || !(resource.asJsonObject().get("meta") instanceof JsonObject meta)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(meta.getString("lastUpdated", "")).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<JsonValue> array(JsonObject object, String key) {
        return object.get(key) instanceof JsonArray array ? array : List.of();
    }

    /** One search entry as the kind's resource, or empty (logged) when it is not one HAPI can read. */
    private Optional<Resource> parse(JsonValue json, DataKind kind) {
        if (json == null || json.getValueType() != JsonValue.ValueType.OBJECT) {
            skipped("(entry without resource)", "the search entry holds no resource");
            return Optional.empty();
        }
        JsonObject object = json.asJsonObject();
        String type = object.getString("resourceType", null);
        String id = type + "/" + object.getString("id", "(no id)");
        if ("OperationOutcome".equals(type)) {
            return Optional.empty(); // the server's remarks on the search (search.mode=outcome), not data
        }
        if (!kind.resourceType().equals(type)) {
            skipped(id, "a " + kind.resourceType() + " search returned " + type);
            return Optional.empty();
        }
        try {
            return Optional.of((Resource) fhir.newJsonParser().parseResource(object.toString()));
        } catch (DataFormatException | ClassCastException e) {
            skipped(id, "not a valid FHIR R4 " + type + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A patient's search must return that patient's data only: anything else is not passed on. */
    private boolean ofPatient(Resource r, String nationalId) {
        if (nationalId.equals(nationalId(subject(r)))) {
            return true;
        }
        skipped(r.getIdElement().toUnqualifiedVersionless().getValue(), "not the patient searched for");
        return false;
    }

    private void skipped(String resource, String reason) {
        LOG.warning(() -> "event=platform-resource-skipped organisation=" + settings.organisation().id()
                + " platform=" + base + " resource=" + resource + " reason=\"" + reason.replace('"', '\'') + "\"");
    }

    /**
     * GETs a FHIR JSON resource: {@code null} for a status {@code absent} says means no such thing
     * ({@link #GONE}, {@link #REFUSED}); any other answer than 2xx JSON means the platform is unavailable.
     */
    private JsonObject get(String url, String what, IntPredicate absent) {
        return answer(sent(url), what, absent);
    }

    /** The GET under way (the client's own threads carry it): several are asked at once, then awaited. */
    private CompletableFuture<HttpResponse<String>> sent(String url) {
        try {
            return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", FHIR_JSON).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private JsonObject answer(CompletableFuture<HttpResponse<String>> sent, String what, IntPredicate absent) {
        try {
            HttpResponse<String> response = sent.get();
            if (absent.test(response.statusCode())) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw unavailable(what, "HTTP " + response.statusCode(), null);
            }
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw unavailable(what, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                    cause instanceof Exception ex ? ex : e);
        } catch (JsonException e) {
            throw unavailable(what, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted", e);
        }
    }

    /** A history page; a refusal says the platform offers no history. */
    private JsonObject history(CompletableFuture<HttpResponse<String>> sent, String what) {
        JsonObject page = answer(sent, what, REFUSED);
        if (page == null) {
            throw new HistoryNotOffered("The DHO platform at " + base + " refused a " + what);
        }
        return page;
    }


    private PlatformUnavailable unavailable(String what, String why, Exception cause) {
        return new PlatformUnavailable("The DHO platform at " + base + " did not answer a " + what + ": " + why, cause);
    }

    private String nextLink(JsonObject bundle) {
        for (JsonValue link : array(bundle, "link")) {
            if (link.getValueType() == JsonValue.ValueType.OBJECT
                    && Bundle.LINK_NEXT.equals(link.asJsonObject().getString("relation", null))) {
                return link.asJsonObject().getString("url", null);
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Reference subject(Resource r) {
        if (r instanceof Observation o) {
            return o.getSubject();
        }
        if (r instanceof CarePlan c) {
            return c.getSubject();
        }
        if (r instanceof MedicationStatement m) {
            return m.getSubject();
        }
        return null;
    }

    private static Date effective(Resource r) {
        if (r instanceof Observation o && o.hasEffectiveDateTimeType()) {
            return o.getEffectiveDateTimeType().getValue();
        }
        return r.getMeta().getLastUpdated();
    }

    /**
     * The subject's national id: on the reference, or on the referenced Patient (looked up once).
     * A reference to a Patient the platform does not have is the resource's fault, not an outage.
     */
    private String nationalId(Reference subject) {
        if (subject == null) {
            return null;
        }
        Identifier id = subject.getIdentifier();
        if (id != null && NATIONAL_ID.equals(id.getSystem()) && id.getValue() != null) {
            return id.getValue();
        }
        String reference = subject.hasReference() ? subject.getReference().replace(base + "/", "") : "";
        if (!reference.matches("Patient/[A-Za-z0-9\\-.]{1,64}")) {
            return null; // only the platform's own Patients are looked up
        }
        String known = patientIds.get(reference);
        if (known != null) {
            return known;
        }
        JsonObject json = get(base + "/" + reference, "Patient read", GONE);
        if (json == null) {
            return null;
        }
        Patient patient;
        try {
            patient = (Patient) fhir.newJsonParser().parseResource(json.toString());
        } catch (DataFormatException | ClassCastException e) {
            return null;
        }
        String found = patient.getIdentifier().stream().filter(i -> NATIONAL_ID.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
        if (found != null) {
            patientIds.put(reference, found);
        }
        return found;
    }
}
