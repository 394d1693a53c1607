package no.dhoindex.gateway.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.trust.SystemTokens;
import no.dhoindex.shared.xds.model.PatientId;
import org.eclipse.microprofile.config.Config;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * The sources' own access logs for a patient, asked in parallel over the same fan-out as queries:
 * the registry's and each organisation's {@code AuditEvent} search, under the gateway's own client-credentials token
 * with the audit scope (the citizen's token is bound to the citizen's key and cannot be passed on).
 * A source that does not answer is an OperationOutcome entry, never a silent gap.
 */
@ApplicationScoped
public class SourceAccessLogs {

    /** What the gateway's system asks for when it reads the sources' logs for a citizen. */
    public static final String AUDIT_SCOPE = "nhn:dho-index/audit";

    @Inject
    CommunityDirectory directory;

    @Inject
    FanOut fanOut;

    @Inject
    Config config;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private volatile SystemTokens tokens;

    /**
     * Reading a log is no clinician waiting at the bedside, and a source's first reading may pay for
     * warming up (its FHIR context, the token): a deadline of its own, longer than a query's.
     */
    private Duration deadline() {
        return Duration.ofMillis(config.getOptionalValue("dho.gateway.accessLogDeadlineMillis", Long.class)
                .orElse(10000L));
    }

    /** The registry's log ({@code dho.gateway.registry.accessLogUrl}; by default beside its ITI-18 endpoint). */
    private java.util.Optional<URI> registryLog() {
        java.util.Optional<String> configured = config.getOptionalValue("dho.gateway.registry.accessLogUrl", String.class);
        if (configured.isPresent()) {
            return configured.filter(s -> !s.isBlank()).map(URI::create);
        }
        String registry = config.getOptionalValue("dho.registry.url", String.class).orElse("");
        return registry.endsWith("/services/registry") ? java.util.Optional.of(URI.create(registry.substring(0,
                registry.length() - "/services/registry".length()) + "/fhir/AuditEvent")) : java.util.Optional.empty();
    }

    private SystemTokens tokens() {
        if (tokens == null) {
            String issuer = config.getValue("dho.trust.issuer", String.class);
            tokens = new SystemTokens(URI.create(config.getOptionalValue("dho.trust.tokenEndpoint", String.class)
                    .orElse(issuer + "/token")), config.getOptionalValue("dho.gateway.clientId", String.class)
                    .orElse("gateway"), AUDIT_SCOPE, Clock.systemUTC());
        }
        return tokens;
    }

    /** Every source's AuditEvents about the patient (ids qualified by the source), and an outcome per silent source. */
    public List<Resource> forPatient(PatientId patient, String correlationId) {
        java.util.Map<String, URI> logs = new java.util.LinkedHashMap<>();
        registryLog().ifPresent(url -> logs.put("registry", url));
        for (Community c : directory.communities()) {
            if (c.accessLogUrl() != null) {
                logs.put(c.name(), c.accessLogUrl());
            }
        }
        List<Source<Bundle>> sources = new ArrayList<>();
        logs.forEach((name, url) -> sources.add(new Source<>(name + "/access-log", url.toString(), deadline(),
                () -> search(url, patient, correlationId))));
        List<Resource> result = new ArrayList<>();
        for (SourceAnswer<Bundle> a : fanOut.ask(sources, deadline(), correlationId)) {
            String community = a.source().name().substring(0, a.source().name().indexOf('/'));
            if (!a.answered()) {
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.TRANSIENT)
                        .setDiagnostics("the access log of " + community + " could not be read: " + a.reason());
                ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(outcome, BundleEntrySearchModeEnum.OUTCOME);
                result.add(outcome);
                continue;
            }
            for (Bundle.BundleEntryComponent entry : a.value().getEntry()) {
                if (entry.getResource() instanceof AuditEvent event) {
                    event.setId(community + "-" + event.getIdElement().getIdPart());
                    result.add(event);
                }
            }
        }
        return result;
    }

    private Bundle search(URI url, PatientId patient, String correlationId) throws IOException, InterruptedException {
        URI query = URI.create(url + "?patient.identifier=" + URLEncoder.encode("urn:oid:" + patient.assigningAuthority()
                + "|" + patient.id(), StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(query).timeout(deadline()).GET()
                .header("Accept", "application/fhir+json");
        if (correlationId != null) {
            request.header("X-Correlation-ID", correlationId);
        }
        tokens().headersFor("GET", url).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body());
    }
}
