package no.dhoindex.adapters.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.PlatformUnavailable;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.fhir.Searchset;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The search passed on to the organisation's DHO platform (any FHIR R4 server): the patient by
 * national id, the codes, categories and dates, sorted by date, one page from an offset, so that
 * the cost follows the page asked for, not the patient's history. The platform must support
 * {@code _offset} (HAPI FHIR's servers do; it is R5's paging parameter) and {@code _security:not}.
 * Only the patient's own resources of the kind are kept. The platform is asked over a blocking
 * {@link HttpURLConnection} on the searching thread: the JDK HttpClient hands each exchange to its
 * selector thread and back, which on a loaded machine waits for a core at every hand-off (the gateway
 * left it for its sources for that reason, bench/results/fhir-gateway-steps-20261202.md).
 */
@ApplicationScoped
public class PlatformSearch {

    private static final Logger LOG = Logger.getLogger(PlatformSearch.class.getName());
    private static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";

    @Inject
    OrganisationSettings settings;

    private final FhirContext fhir = FhirContext.forR4Cached();

    /**
     * The platform's page for the query: at most {@code count + 1} of the patient's resources from
     * {@code offset} on (the one more says whether there are more), following the platform's next
     * links only while it gave fewer than that (a platform whose pages are smaller than asked). Each
     * resource as the platform sent it ({@link Searchset}): the adapter decides on its type, patient and
     * labels and passes its text on, instead of HAPI parsing and encoding it again (most of its CPU).
     */
    public List<Searchset.Entry> search(DataKind kind, String nationalId, SourceQuery query) {
        int limit = query.count() + 1;
        List<Searchset.Entry> found = new ArrayList<>();
        String next = url(settings.platformUrl().toString(), kind, nationalId, query).toString();
        while (next != null && found.size() < limit) {
            Searchset.Page page = get(next, kind);
            for (Searchset.Entry e : page.entries()) {
                if (ofPatient(e, nationalId) && found.size() < limit) {
                    found.add(e);
                }
            }
            next = page.next().orElse(null);
        }
        return found;
    }

    /**
     * The search as the platform is asked it: the patient by national id, what is labelled NORS left
     * out where the data is selected ({@code _security:not}), the codes, categories and dates
     * (Observation), the order by date and the page ({@code _count} one more than asked, {@code _offset}).
     * Every one of these is the platform's to apply with its indexes: the adapter filters nothing
     * but what must never leave (a NORS label the platform did not honour, another patient's data).
     */
    static URI url(String platform, DataKind kind, String nationalId, SourceQuery query) {
        StringBuilder url = new StringBuilder(platform.replaceAll("/$", "")).append('/').append(kind.resourceType())
                .append("?patient.identifier=").append(encode(NATIONAL_ID + "|" + nationalId))
                .append("&_security:not=").append(encode(SourceSearch.CONFIDENTIALITY + "|NORS"));
        if (kind == DataKind.MEASUREMENTS) {
            // Observation is the kind with a long history: searched by code and date and sorted by date.
            if (!query.codes().isEmpty()) {
                url.append("&code=").append(encode(String.join(",", query.codes())));
            }
            query.dates().forEach(d -> url.append("&date=").append(encode(d)));
            url.append("&_sort=").append(query.newestFirst() ? "-date" : "date");
        }
        if (!query.categories().isEmpty()) {
            url.append("&category=").append(encode(String.join(",", query.categories())));
        }
        url.append("&_count=").append(query.count() + 1).append("&_offset=").append(query.offset());
        return URI.create(url.toString());
    }

    /** One resource of the kind by its id at the platform, if the platform has it and it is the patient's. */
    public java.util.Optional<Resource> read(DataKind kind, String id, String nationalId) {
        if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            return java.util.Optional.empty();
        }
        Resource r = get(URI.create(settings.platformUrl() + "/" + kind.resourceType() + "/" + id),
                settings.outboundTimeout(), "read", body -> (Resource) fhir.newJsonParser().parseResource(body));
        return r != null && kind.resourceType().equals(r.fhirType()) && ofPatient(r, nationalId)
                ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    private Searchset.Page get(String url, DataKind kind) {
        Searchset.Page page = get(URI.create(url), settings.outboundTimeout(), "search",
                body -> Searchset.read(text(body), kind.resourceType()));
        if (page == null) {
            throw new PlatformUnavailable("the platform answered a search as not found", null);
        }
        return page;
    }

    private static String text(Reader body) throws IOException {
        StringBuilder text = new StringBuilder(32 * 1024);
        char[] buffer = new char[8192];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    /** How an answer's body is read. */
    interface Parse<T> {
        T apply(Reader body) throws IOException;
    }

    /**
     * The platform's answer parsed as it is read; null when it answered 404 or 410 (no such resource).
     * Its connections are kept alive by the JDK's pool (the body is always read to the end); no proxy and
     * no redirect, as the HttpClient was; the adapter's outbound timeout for connecting and for reading.
     */
    static <T> T get(URI url, Duration timeout, String what, Parse<T> parse) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Accept", "application/fhir+json");
            int status = connection.getResponseCode();
            if (status != 200) {
                try (InputStream error = connection.getErrorStream()) {
                    if (error != null) {
                        error.readAllBytes();
                    }
                }
                if (status == 404 || status == 410) {
                    return null;
                }
                throw new PlatformUnavailable("the platform answered HTTP " + status + " to a " + what, null);
            }
            try (Reader body = new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8)) {
                return parse.apply(body);
            }
        } catch (IOException | DataFormatException | IllegalArgumentException e) {
            throw new PlatformUnavailable("the platform's " + what + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A patient's search must return that patient's data only: anything else is not passed on. */
    private static boolean ofPatient(Resource r, String nationalId) {
        Reference subject = r instanceof org.hl7.fhir.r4.model.Observation o ? o.getSubject()
                : r instanceof org.hl7.fhir.r4.model.CarePlan p ? p.getSubject()
                : r instanceof org.hl7.fhir.r4.model.MedicationStatement m ? m.getSubject() : null;
        Identifier id = subject == null ? null : subject.getIdentifier();
        return ours(id == null ? null : id.getSystem(), id == null ? null : id.getValue(), nationalId,
                r.getIdElement().getIdPart());
    }

    /** As for a parsed resource; a resource that names its subject twice is not passed on either. */
    static boolean ofPatient(Searchset.Entry e, String nationalId) {
        return ours(e.ambiguous() ? null : e.subject().map(Searchset.Token::system).orElse(null),
                e.subject().map(Searchset.Token::code).orElse(null), nationalId, e.id());
    }

    private static boolean ours(String system, String value, String nationalId, String resourceId) {
        boolean ours = NATIONAL_ID.equals(system) && nationalId.equals(value);
        if (!ours) {
            LOG.warning(() -> "event=platform-resource-skipped resource=" + resourceId
                    + " reason=\"not the patient searched for\"");
        }
        return ours;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
