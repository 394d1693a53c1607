package no.dhoindex.conformance.run;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XuaCaller;

/**
 * The running DHO Index the kit is held against: the registry with its patient identity feed and,
 * for the repository and responding-gateway tests, one organisation's adapter ({@code organisation}
 * null when only the registry runs), asked as a trusted gateway asks it (with an XUA assertion), and
 * sent submissions by an organisation's own system (with its access token).
 */
public record DhoTarget(URI base, String organisation, String homeCommunityId, XuaCaller xua, SystemCaller submitter) {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static DhoTarget registryOnly(URI base) {
        return new DhoTarget(base, null, null, null, null);
    }

    /** Whom the assertion names when a step's objects have no known patient: a patient with no objects here. */
    private static final String NOBODY = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";

    /**
     * The wsse:Security header a gateway sends with a registry query: its assertion names the patient
     * the query names, or for a query by id {@code patientCx}, the patient of the objects asked for
     * (a user is vouched for about one patient, and sees only that patient's objects).
     */
    public String registrySecurity(String queryXml, String patientCx) {
        if (xua == null) {
            return "";
        }
        String named = XuaCaller.patientOf(queryXml);
        return xua.headerFor(named != null ? named : patientCx != null ? patientCx : NOBODY, XuaCaller.REGISTRY);
    }

    /** The wsse:Security header a gateway sends to the responding gateway or repository (XUA) about {@code patientCx}. */
    public String respondingGatewaySecurity(String queryXml, String patientCx) {
        if (xua == null) {
            return "";
        }
        String named = queryXml == null ? null : XuaCaller.patientOf(queryXml);
        return xua.headerFor(named != null ? named : patientCx != null ? patientCx : NOBODY, homeCommunityId);
    }

    /** The submitting organisation's system's credentials (Authorization, DPoP) for one call; none without one. */
    public java.util.Map<String, String> submitterCredentials(URI endpoint) {
        return submitter == null ? java.util.Map.of() : submitter.headers("POST", endpoint);
    }

    public URI registry() {
        return base.resolve("/registry/services/registry");
    }

    public URI repository() {
        return adapter("/services/repository");
    }

    public URI respondingGateway() {
        return adapter("/services/xca");
    }

    private URI adapter(String path) {
        if (organisation == null) {
            throw new StepFailure("this run has no organisation adapter to send the step to");
        }
        return base.resolve("/adapters/" + organisation + path);
    }

    /** Feeds a patient the way the kit's PIF tests do, through the registry's documented admin feed. */
    public int feed(String authorityOid, String id) {
        URI uri = base.resolve("/registry/admin/patients/" + encode(authorityOid) + "/" + encode(id));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.noBody());
            if (submitter != null) {
                submitter.headers("PUT", uri).forEach(request::header);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException("Patient feed " + uri + " failed: " + e.getMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
