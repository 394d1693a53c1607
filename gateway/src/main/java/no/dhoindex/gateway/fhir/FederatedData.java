package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.federation.DataSearch;
import no.dhoindex.gateway.federation.FederatedSearch;
import no.dhoindex.gateway.federation.SearchAnswer;
import no.dhoindex.gateway.federation.SearchCursor;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * The gateway's FHIR search of a patient's data (Observation, CarePlan, MedicationStatement): the
 * request read into a {@link DataSearch}, the caller bound to the patient, the search asked of every
 * community ({@link FederatedSearch}), and the page written as a searchset — each entry's id qualified
 * by its community and tagged with it, an OperationOutcome entry for each source that failed, and a
 * {@code next} link carrying the sealed cursor ({@link SearchCursor}) while any source holds more.
 */
@ApplicationScoped
public class FederatedData {

    static final String SOURCE_TAG = FederatedFhir.SOURCE_TAG;
    static final int DEFAULT_COUNT = 50;

    @Inject
    FederatedSearch<SourceResource> federated;

    @Inject
    SearchCursor cursors;

    @Inject
    PatientAccess patients;

    @Inject
    CommunityDirectory directory;

    @Inject
    SourceSearches sources;

    /** Threads that share the parse of a page's kept entries with the request's thread ({@link SourceResource#parseAll}). */
    private ThreadPoolExecutor parser;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        // Two threads for the few searches whose pages are parsed at the same moment; past 16 waiting, none helps.
        parser = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "page-parser-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        parser.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        parser.shutdownNow();
    }

    /** The search parameters of a request, as the providers declare them. */
    public record Parameters(ReferenceParam patient, TokenOrListParam code, TokenOrListParam category,
                             DateRangeParam date, SortSpec sort, Integer count, StringParam cursor) {
    }

    public Bundle search(String type, Parameters p, RequestDetails request) {
        PatientId patient = patient(p);
        DataSearch search;
        try {
            search = new DataSearch(type, patient, tokens(p.code()), tokens(p.category()), dates(p.date()),
                    newestFirst(p.sort()), p.count() == null ? DEFAULT_COUNT : p.count());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        String correlationId = FhirPatients.correlationId(request);
        Caller caller = FhirPatients.caller(patients, request, patient);
        SearchAnswer<SourceResource> answer;
        try {
            // The grant is written to the access log while the sources are asked; the answer waits for it.
            answer = patients.requireWhile(caller, patient, "FHIR " + type + " search", correlationId, () -> {
                Optional<Map<String, Integer>> position = Optional.empty();
                if (p.cursor() != null) {
                    position = Optional.of(cursors.open(p.cursor().getValue(), search).orElseThrow(() ->
                            new InvalidRequestException("_cursor is not a cursor of this search")));
                }
                return federated.search(caller, search, position, correlationId);
            });
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
        return bundle(type, search, answer, request);
    }

    /**
     * A resource the gateway gave by its id ({@code <community>-<id at the source>}), asked of that
     * community for the patient the caller is bound to: another patient's resource is not found,
     * exactly as an unknown one; a community that refuses is 403, one that does not answer 503.
     */
    public Resource read(String type, String id, RequestDetails request) {
        String correlationId = FhirPatients.correlationId(request);
        Caller caller = FhirPatients.caller(patients, request, null);
        Optional<PatientId> bound;
        try {
            bound = patients.bound(caller, "FHIR " + type + " read " + id, correlationId);
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
        Optional<String[]> parts = SourceIds.split(id);
        Optional<Community> community = parts.flatMap(p -> directory.communities().stream()
                .filter(c -> c.name().equals(p[0])).findFirst());
        if (community.isEmpty() || bound.isEmpty()) {
            throw new ResourceNotFoundException(type + "/" + id);
        }
        Community c = community.get();
        Optional<Resource> found;
        try {
            found = sources.read(caller, c, new DataSearch(type, bound.get(), List.of(), List.of(), List.of(), true,
                    DataSearch.MAX_COUNT), parts.get()[1], correlationId);
        } catch (jakarta.xml.ws.http.HTTPException e) {
            throw FhirRefusals.forbidden(c.name() + " refused access (HTTP " + e.getStatusCode() + ")");
        } catch (Exception e) {
            throw FhirRefusals.unavailable(c.name(), correlationId);
        }
        Resource r = found.orElseThrow(() -> new ResourceNotFoundException(type + "/" + id));
        tag(r, type, c.name(), parts.get()[1], c.homeCommunityId());
        return r;
    }

    private static Coding tag(Resource r, String type, String community, String idAtSource, String home) {
        // Ids are the source's own: qualified by the community so two organisations' never collide.
        r.setId(type + "/" + SourceIds.qualified(community, idAtSource));
        r.getMeta().setSource(home);
        Coding tag = new Coding(SOURCE_TAG, home, community);
        r.getMeta().addTag(tag);
        return tag;
    }

    private Bundle bundle(String type, DataSearch search, SearchAnswer<SourceResource> answer, RequestDetails request) {
        String base = request.getFhirServerBase();
        String next = answer.next().isEmpty() ? null
                : base + "/" + type + "?" + query(request) + "_cursor=" + cursors.seal(search, answer.next());
        return page(type, base, request.getCompleteUrl(), next, answer, parser);
    }

    /**
     * The searchset of a page: the kept entries parsed (only those), qualified and tagged, each a
     * source sent as valid FHIR also marked to be written as it came ({@link SearchsetPassThrough});
     * an OperationOutcome for each source that failed and each kept entry that is not FHIR.
     */
    static Bundle page(String type, String base, String self, String next, SearchAnswer<SourceResource> answer) {
        return page(type, base, self, next, answer, Runnable::run);
    }

    /** As above, the kept entries parsed with {@code parser}'s help ({@link SourceResource#parseAll}). */
    static Bundle page(String type, String base, String self, String next, SearchAnswer<SourceResource> answer,
                       Executor parser) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(self);
        if (next != null) {
            bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl(next);
        }
        List<OperationOutcome> outcomes = new ArrayList<>(FhirRefusals.entries(answer.sources()));
        SourceResource.parseAll(answer.entries().stream().map(f -> f.entry().resource()).toList(), parser);
        for (SearchAnswer.Found<SourceResource> f : answer.entries()) {
            Resource r;
            try {
                r = f.entry().resource().resource();   // only the kept entries are parsed
            } catch (DataFormatException e) {
                outcomes.add(FhirRefusals.unreadableEntry(f.source(), f.homeCommunityId(), f.entry().id(), e.getMessage()));
                continue;
            }
            Coding tag = tag(r, type, f.source(), f.entry().id(), f.homeCommunityId());
            f.entry().resource().exact().ifPresent(json -> SearchsetPassThrough.passOn(r, json, tag));
            bundle.addEntry().setFullUrl(base + "/" + r.getIdElement().toUnqualifiedVersionless().getValue())
                    .setResource(r).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        for (OperationOutcome o : outcomes) {
            bundle.addEntry().setResource(o).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    /** The patient the search names, or the one its cursor names; both given, they must agree. */
    private static PatientId patient(Parameters p) {
        Optional<PatientId> fromCursor = p.cursor() == null ? Optional.empty() : SearchCursor.patientOf(p.cursor().getValue());
        if (p.cursor() != null && fromCursor.isEmpty()) {
            throw new InvalidRequestException("_cursor is not a cursor of this search");
        }
        if (p.patient() == null) {
            return fromCursor.orElseThrow(() -> new InvalidRequestException(
                    "patient.identifier=urn:oid:<assigning authority>|<id> is required"));
        }
        PatientId named = FhirPatients.of(p.patient());
        if (fromCursor.isPresent() && !fromCursor.get().equals(named)) {
            throw new InvalidRequestException("_cursor is not a cursor of this search");
        }
        return named;
    }

    private static boolean newestFirst(SortSpec sort) {
        if (sort == null) {
            return true;
        }
        if (!"date".equals(sort.getParamName()) || sort.getChain() != null) {
            throw new InvalidRequestException("_sort supports date and -date only");
        }
        return sort.getOrder() == SortOrderEnum.DESC;
    }

    private static List<String> tokens(TokenOrListParam list) {
        List<String> tokens = new ArrayList<>();
        if (list != null) {
            for (TokenParam t : list.getValuesAsQueryTokens()) {
                tokens.add(t.getSystem() == null ? t.getValue() : t.getSystem() + "|" + t.getValue());
            }
        }
        return tokens;
    }

    private static List<String> dates(DateRangeParam range) {
        List<String> dates = new ArrayList<>();
        if (range != null) {
            for (DateParam d : List.of(Optional.ofNullable(range.getLowerBound()), Optional.ofNullable(range.getUpperBound()))
                    .stream().flatMap(Optional::stream).distinct().toList()) {
                dates.add(d.getValueAsQueryToken(FhirContext.forR4Cached()));
            }
        }
        return dates;
    }

    /** The request's own parameters but its cursor, for the next page's link. */
    private static String query(RequestDetails request) {
        StringBuilder query = new StringBuilder();
        request.getParameters().forEach((name, values) -> {
            if (!"_cursor".equals(name)) {
                for (String v : values) {
                    query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            }
        });
        return query.toString();
    }
}
