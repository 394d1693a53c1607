package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.federation.DataSearch;
import no.dhoindex.gateway.federation.DocumentRequest;
import no.dhoindex.gateway.federation.SearchEntry;
import no.dhoindex.gateway.federation.SearchPage;
import no.dhoindex.gateway.federation.SearchPort;
import no.dhoindex.gateway.security.GatewayXua;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.gateway.xca.XcaSources;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.fhir.DataClass;
import no.dhoindex.shared.fhir.DataDates;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xua.XuaHttp;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The federated search's ports, one per community: a community with a FHIR search ({@code fhirUrl})
 * is asked the search itself over HTTP, carrying the gateway's XUA assertion for the user as on its
 * XCA side ({@link XuaHttp}); one that speaks only XCA is asked through ITI-38 (its on-demand pointer
 * of the kind) and ITI-39 (the live Bundle), and the search is applied here ({@link SearchMatch}).
 */
@ApplicationScoped
public class SourceSearches {

    private static final String NATIONAL_ID = "urn:oid:";
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    @Inject
    GatewayXua xua;

    @Inject
    XcaSources xca;

    // Single reads. HTTP/1.1: Payara's listener answers an h2c upgrade with a protocol error.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public SearchPort<SourceResource> port(Community c) {
        return c.fhirUrl() != null ? fhir(c) : xca(c);
    }

    private SearchPort<SourceResource> fhir(Community c) {
        return (caller, search, offset, correlationId) -> {
            Optional<String> authorization = xua.httpHeader(caller, c.homeCommunityId());
            URI url = url(c.fhirUrl(), search, offset);
            return () -> {
                // Dates and ids only: the merge keeps _count of all the sources' entries, and only those are parsed.
                return SearchsetReader.read(get(url, c.deadline(), correlationId, authorization, c.name()),
                        search.resourceType());
            };
        };
    }

    /**
     * A source's answer to a search, by a blocking HttpURLConnection on the fan-out's thread: the JDK
     * HttpClient hands each exchange to its selector thread and back, which cost a loopback search 4-9 ms
     * of wall time against 3-5 ms on the busy shared machine (bench/results/fhir-gateway-steps-20261202.md).
     * Its connections are kept alive by the JDK's pool; no proxy and no redirect, as the HttpClient was.
     * A late answer is the fan-out's to drop; the read timeout (the source's deadline) frees the thread.
     *
     * @throws jakarta.xml.ws.http.HTTPException if the source refused (401, 403): up, and said no
     * @throws IOException if it could not be asked or answered anything but 200
     */
    static byte[] get(URI url, Duration deadline, String correlationId, Optional<String> authorization, String source)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.toMillis())));
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("Accept", "application/fhir+json");
        connection.setRequestProperty(CommunityClients.CORRELATION_HEADER, correlationId);
        authorization.ifPresent(a -> connection.setRequestProperty("Authorization", a));
        int status = connection.getResponseCode();
        if (status != 200) {
            // Read to the end, so that the connection can be used again.
            try (InputStream error = connection.getErrorStream()) {
                if (error != null) {
                    error.readAllBytes();
                }
            }
            if (status == 401 || status == 403) {
                // The source is up and said no: a refusal, as the fan-out tells refusals from outages.
                throw new jakarta.xml.ws.http.HTTPException(status);
            }
            throw new IOException(source + " answered HTTP " + status);
        }
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();   // read as UTF-8 bytes by SearchsetReader: each entry's text decoded, not the whole
        }
    }

    /**
     * One resource by its id at the community, for the caller's patient: asked of its FHIR side (its
     * read answers another patient's as unknown), or found in the patient's data through ITI-38/39.
     */
    public Optional<Resource> read(Caller caller, Community c, DataSearch patientsData, String id, String correlationId)
            throws Exception {
        if (c.fhirUrl() == null) {
            SearchPage<SourceResource> all = xca(c).search(caller, patientsData, 0, correlationId).call();
            return all.entries().stream().filter(e -> id.equals(e.id())).map(e -> e.resource().resource()).findFirst();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(c.fhirUrl() + "/" + patientsData.resourceType()
                        + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8))).timeout(c.deadline())
                .header("Accept", "application/fhir+json").header(CommunityClients.CORRELATION_HEADER, correlationId).GET();
        xua.httpHeader(caller, c.homeCommunityId()).ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new jakarta.xml.ws.http.HTTPException(response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new IOException(c.name() + " answered HTTP " + response.statusCode());
        }
        Resource r = (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(response.body());
        return patientsData.resourceType().equals(r.fhirType()) ? Optional.of(r) : Optional.empty();
    }

    static URI url(URI base, DataSearch search, int offset) {
        StringBuilder url = new StringBuilder(base.toString()).append('/').append(search.resourceType())
                .append("?patient.identifier=").append(encode(NATIONAL_ID + search.patient().assigningAuthority() + "|"
                        + search.patient().id()))
                .append("&_sort=").append(search.newestFirst() ? "-date" : "date")
                .append("&_count=").append(search.count()).append("&_offset=").append(offset);
        if (!search.codes().isEmpty()) {
            url.append("&code=").append(encode(String.join(",", search.codes())));
        }
        if (!search.categories().isEmpty()) {
            url.append("&category=").append(encode(String.join(",", search.categories())));
        }
        search.dates().forEach(d -> url.append("&date=").append(encode(d)));
        return URI.create(url.toString());
    }

    private SearchPort<SourceResource> xca(Community c) {
        return (caller, search, offset, correlationId) -> {
            DataClass kind = DataClass.of(search.resourceType()).orElseThrow();
            var find = xca.community(c).question(caller, new StoredQuery.FindDocuments(search.patient(),
                    DocumentFilter.approved(Set.of(DocumentEntryType.ON_DEMAND), CodeFilter.anyOf(List.of(kind.classCode())))),
                    correlationId);
            var retrieval = xca.retrieval(c);
            return () -> {
                QueryAnswer found = find.call();
                List<DocumentRequest> wanted = new ArrayList<>();
                for (DocumentPointer p : found.result().documents()) {
                    wanted.add(new DocumentRequest(c.homeCommunityId(), p.location().repositoryUniqueId(), p.uniqueId()));
                }
                List<Resource> all = new ArrayList<>();
                if (!wanted.isEmpty()) {
                    for (var d : retrieval.retrieval(caller, wanted, correlationId).call().documents()) {
                        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                                new String(bytes(d.content()), StandardCharsets.UTF_8));
                        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                                .filter(r -> r != null && search.resourceType().equals(r.fhirType())).forEach(all::add);
                    }
                }
                List<Resource> matching = all.stream().filter(SearchMatch.of(search))
                        .sorted(DataDates.order(search.newestFirst())).toList();
                List<SearchEntry<SourceResource>> page = matching.stream().skip(offset).limit(search.count())
                        .map(SourceSearches::entry).toList();
                return new SearchPage<>(page, matching.size() > offset + search.count());
            };
        };
    }

    private static SearchEntry<SourceResource> entry(Resource r) {
        return new SearchEntry<>(DataDates.when(r), r.getIdElement().getIdPart(), SourceResource.parsed(r));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataHandler handler) throws IOException {
        try (InputStream in = handler.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
