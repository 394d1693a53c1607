package no.dhoindex.adapters.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.PlatformUnavailable;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The search passed on to the organisation's DHO platform (any FHIR R4 server): the patient by
 * national id, the codes, categories and dates, sorted by date, one page from an offset, so that
 * the cost follows the page asked for, not the patient's history. The platform must support
 * {@code _offset} (HAPI FHIR's servers do; it is R5's paging parameter) and {@code _security:not}.
 * Only the patient's own resources of the kind are kept.
 */
@ApplicationScoped
public class PlatformSearch {

    private static final Logger LOG = Logger.getLogger(PlatformSearch.class.getName());
    private static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";

    @Inject
    OrganisationSettings settings;

    private final FhirContext fhir = FhirContext.forR4Cached();
    private volatile HttpClient http;

    /**
     * The platform's page for the query: at most {@code count + 1} of the patient's resources from
     * {@code offset} on (the one more says whether there are more), following the platform's next
     * links only while it gave fewer than that (a platform whose pages are smaller than asked).
     */
    public List<Resource> search(DataKind kind, String nationalId, SourceQuery query) {
        int limit = query.count() + 1;
        List<Resource> found = new ArrayList<>();
        String next = url(settings.platformUrl().toString(), kind, nationalId, query).toString();
        while (next != null && found.size() < limit) {
            Bundle page = get(next);
            for (Bundle.BundleEntryComponent e : page.getEntry()) {
                if (e.getResource() != null && kind.resourceType().equals(e.getResource().fhirType())
                        && ofPatient(e.getResource(), nationalId) && found.size() < limit) {
                    found.add(e.getResource());
                }
            }
            next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
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
        try {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(settings.platformUrl() + "/"
                    + kind.resourceType() + "/" + id)).timeout(settings.outboundTimeout())
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                return java.util.Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new PlatformUnavailable("the platform answered HTTP " + response.statusCode() + " to a read", null);
            }
            Resource r = (Resource) fhir.newJsonParser().parseResource(response.body());
            return kind.resourceType().equals(r.fhirType()) && ofPatient(r, nationalId)
                    ? java.util.Optional.of(r) : java.util.Optional.empty();
        } catch (IOException | DataFormatException e) {
            throw new PlatformUnavailable("the platform's resource could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailable("interrupted", e);
        }
    }

    private Bundle get(String url) {
        try {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(settings.outboundTimeout()).header("Accept", "application/fhir+json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PlatformUnavailable("the platform answered HTTP " + response.statusCode() + " to a search", null);
            }
            return fhir.newJsonParser().parseResource(Bundle.class, response.body());
        } catch (IOException | DataFormatException e) {
            throw new PlatformUnavailable("the platform's search could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailable("interrupted", e);
        }
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.outboundTimeout()).build();
        }
        return http;
    }

    /** A patient's search must return that patient's data only: anything else is not passed on. */
    private static boolean ofPatient(Resource r, String nationalId) {
        Reference subject = r instanceof org.hl7.fhir.r4.model.Observation o ? o.getSubject()
                : r instanceof org.hl7.fhir.r4.model.CarePlan p ? p.getSubject()
                : r instanceof org.hl7.fhir.r4.model.MedicationStatement m ? m.getSubject() : null;
        Identifier id = subject == null ? null : subject.getIdentifier();
        boolean ours = id != null && NATIONAL_ID.equals(id.getSystem()) && nationalId.equals(id.getValue());
        if (!ours) {
            LOG.warning(() -> "event=platform-resource-skipped resource=" + r.getIdElement().getIdPart()
                    + " reason=\"not the patient searched for\"");
        }
        return ours;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
