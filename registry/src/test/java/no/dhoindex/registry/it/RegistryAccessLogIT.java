package no.dhoindex.registry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SyntheticIds;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Being told where a patient's data is, is an access too: the registry logs every stored query it
 * answers for a user (and every refusal) and serves its log as FHIR AuditEvents to auditing systems.
 */
class RegistryAccessLogIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final PayaraMicroProcess server = RegistryServers.h2();
    private final URI endpoint = server.uri("/registry/services/registry");
    private final URI log = server.uri("/registry/fhir/AuditEvent");
    private final RegistryClient registry = new RegistryClient(endpoint, RegistryServers.dataDir(server),
            RegistryServers.hospital(server));

    private HttpResponse<String> read(String fnr, Map<String, String> credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(log + "?patient.identifier="
                + URLEncoder.encode("urn:oid:" + Samples.NATIONAL_ID_OID + "|" + fnr, StandardCharsets.UTF_8))).GET();
        credentials.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachQueryAndEachRefusalIsLoggedAndReadByAnAuditingSystem() throws Exception {
        String patient = SyntheticIds.next();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", SubmissionBuilder.document()).build());
        registry.found(RegistryClient.findDocuments(patient));
        // An assertion about another patient, used for this one: refused, and logged for this one.
        String query = RegistryClient.findDocuments(patient).build();
        Soap.Reply refused = Soap.callWithHeader(endpoint, XdsActions.ITI_18, query,
                registry.xua().headerForQuery(RegistryClient.findDocuments(SyntheticIds.next()).build(),
                        no.dhoindex.testsupport.XuaCaller.REGISTRY));
        assertEquals(403, refused.httpStatus(), refused::toString);

        HttpResponse<String> anonymous = read(patient, Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());

        SystemCaller gateway = new SystemCaller(RegistryServers.trustAnchor(server), "gateway", "nhn:dho-index/audit");
        HttpResponse<String> response = read(patient, gateway.headers("GET", log));
        assertEquals(200, response.statusCode(), response.body());
        List<AuditEvent> events = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body())
                .getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
        AuditEvent answered = events.stream().filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0
                && e.getOutcomeDesc().startsWith("ITI-18 FindDocuments")).findFirst()
                .orElseThrow(() -> new AssertionError("no ITI-18 access in " + response.body()));
        assertEquals("9144897", answered.getAgentFirstRep().getWho().getIdentifier().getValue(), "who");
        assertEquals("TREAT", answered.getPurposeOfEventFirstRep().getCodingFirstRep().getCode(), "why");
        assertEquals("DHO Index registry", answered.getSource().getObserver().getDisplay());
        assertTrue(events.stream().anyMatch(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4
                && e.getOutcomeDesc().contains("not bound to the patient")), "the refused query is listed");
    }
}
