package no.dhoindex.gateway.it;

import static no.dhoindex.gateway.it.GatewayStack.FJELLBYGD;
import static no.dhoindex.gateway.it.GatewayStack.KOMMUNE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** The gateway's FHIR front door over HTTP: federated Observation search, MHD ITI-67 and ITI-68. */
class GatewayFhirIT extends StackTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PATIENT = "urn:oid:2.16.578.1.12.4.1.4.1|" + Samples.PATIENT_A;

    private static HttpResponse<byte[]> get(String pathAndQuery) {
        return Clinician.ANNE.get(GatewayStack.uri("/gateway/fhir/" + pathAndQuery), Samples.PATIENT_A);
    }

    private static Bundle search(String pathAndQuery) {
        HttpResponse<byte[]> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return FHIR.newJsonParser().parseResource(Bundle.class, new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Set<String> sources(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation)
                .map(e -> e.getResource().getMeta().getSource()).collect(Collectors.toSet());
    }

    private static List<OperationOutcome> outcomes(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof OperationOutcome)
                .map(e -> (OperationOutcome) e.getResource()).toList();
    }

    @Test
    void observationSearchMergesTheMeasurementsOfBothMunicipalities() {
        Bundle bundle = Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(500),
                () -> search("Observation?patient.identifier=" + q(PATIENT) + "&code=" + q("http://loinc.org|8867-4")),
                b -> sources(b).containsAll(Set.of(KOMMUNE, FJELLBYGD)));
        assertEquals(Bundle.BundleType.SEARCHSET, bundle.getType());
        assertTrue(outcomes(bundle).isEmpty(), () -> FHIR.newJsonParser().encodeResourceToString(bundle));
        List<Observation> observations = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
        long kommune = observations.stream().filter(o -> KOMMUNE.equals(o.getMeta().getSource())).count();
        long fjellbygd = observations.stream().filter(o -> FJELLBYGD.equals(o.getMeta().getSource())).count();
        assertTrue(kommune > 0 && fjellbygd > 0, () -> kommune + " + " + fjellbygd + ": "
                + FHIR.newJsonParser().encodeResourceToString(bundle));
        for (Observation o : observations) {
            assertTrue(o.getCode().getCoding().stream().anyMatch(c -> "8867-4".equals(c.getCode())), "only heart rate");
            assertFalse(o.getMeta().getTag().isEmpty(), "tagged with its organisation");
        }
        assertEquals(observations.size(), observations.stream().map(o -> o.getIdElement().getIdPart()).distinct().count(),
                "two organisations' ids never collide");
    }

    @Test
    void anOrganisationThatCannotBeReachedIsAnOperationOutcomeAndTheRestIsAnswered() throws Exception {
        search("Observation?patient.identifier=" + q(PATIENT));   // the pointers exist (published at start)
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int deadPort = closed.getLocalPort();
            closed.close();
            GatewayStack.directory("fjellbygd", "dho.gateway.community.fjellbygd.homeCommunityId=" + FJELLBYGD + "\n"
                    + "dho.gateway.community.fjellbygd.url=http://127.0.0.1:" + deadPort + "/xca\n"
                    + "dho.gateway.community.fjellbygd.repositoryUniqueIds=" + GatewayStack.FJELLBYGD_REPOSITORY + "\n"
                    + "dho.gateway.community.fjellbygd.deadlineMillis=1500\n");
        }
        Bundle bundle = Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(500),
                () -> search("Observation?patient.identifier=" + q(PATIENT)), b -> sources(b).contains(KOMMUNE));
        assertEquals(Set.of(KOMMUNE), sources(bundle), "kommune's measurements still come");
        List<OperationOutcome> outcomes = outcomes(bundle);
        assertFalse(outcomes.isEmpty(), "the missing organisation is reported");
        assertTrue(outcomes.stream().anyMatch(o -> o.getIssueFirstRep().getDiagnostics().contains(FJELLBYGD)),
                () -> FHIR.newJsonParser().encodeResourceToString(bundle));
        assertTrue(bundle.getEntry().stream().filter(e -> e.getResource() instanceof OperationOutcome)
                .allMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME));
    }

    @Test
    void documentReferencesAreFoundAndRetrievedThroughTheGateway() throws Exception {
        byte[] content = "<epikrise>MHD</epikrise>".getBytes(StandardCharsets.UTF_8);
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply provided = GatewayStack.hospitalEhr().provide(GatewayStack.uri("/adapters/sykehus/services/repository"),
                Samples.provideAndRegister(values, hash, content.length, "doc@dhoindex.no"),
                Map.of("doc@dhoindex.no", content));
        assertTrue(provided.isSuccess(), provided::toString);
        String uniqueId = values.get("documentUniqueId");

        Bundle bundle = search("DocumentReference?patient.identifier=" + q(PATIENT));
        DocumentReference reference = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(DocumentReference.class::isInstance).map(DocumentReference.class::cast)
                .filter(d -> ("urn:oid:" + uniqueId).equals(d.getMasterIdentifier().getValue())).findFirst()
                .orElseThrow(() -> new AssertionError("not found: " + FHIR.newJsonParser().encodeResourceToString(bundle)));
        assertEquals(GatewayStack.SYKEHUS, reference.getMeta().getSource());
        assertTrue(bundle.getEntry().stream().anyMatch(e -> e.getResource() instanceof DocumentReference d
                && KOMMUNE.equals(d.getMeta().getSource())), "the municipality's on-demand entries too");

        String url = reference.getContentFirstRep().getAttachment().getUrl();
        HttpResponse<byte[]> document = Clinician.get(URI.create(url), Clinician.ANNE.credentials("GET", URI.create(url),
                Clinician.ANNE.token(Samples.PATIENT_A, "TREAT")));
        assertEquals(200, document.statusCode());
        assertArrayEquals(content, document.body());
    }

    @Test
    void anotherPatientsDocumentIsNotFoundLikeAnUnknownOne() throws Exception {
        byte[] content = "<epikrise>B</epikrise>".getBytes(StandardCharsets.UTF_8);
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_B);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply provided = GatewayStack.hospitalEhr().provide(GatewayStack.uri("/adapters/sykehus/services/repository"),
                Samples.provideAndRegister(values, hash, content.length, "doc@dhoindex.no"),
                Map.of("doc@dhoindex.no", content));
        assertTrue(provided.isSuccess(), provided::toString);
        HttpResponse<byte[]> other = get("Binary/sykehus." + values.get("documentUniqueId"));
        HttpResponse<byte[]> unknown = get("Binary/sykehus.1.2.3.4.42");
        assertEquals(404, other.statusCode(), () -> new String(other.body(), StandardCharsets.UTF_8));
        assertEquals(unknown.statusCode(), other.statusCode());
        assertFalse(new String(other.body(), StandardCharsets.UTF_8).contains("<epikrise>"));
    }

    @Test
    void aSearchAboutAnotherPatientIsForbidden() {
        for (String resource : List.of("Observation", "DocumentReference")) {
            HttpResponse<byte[]> response = get(resource + "?patient.identifier="
                    + q("urn:oid:2.16.578.1.12.4.1.4.1|" + Samples.PATIENT_B));
            assertEquals(403, response.statusCode(), resource);
            OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class,
                    new String(response.body(), StandardCharsets.UTF_8));
            assertEquals(OperationOutcome.IssueType.FORBIDDEN, outcome.getIssueFirstRep().getCode(), resource);
        }
    }

    @Test
    void aSearchWithoutAUsablePatientIdentifierIsABadRequest() {
        HttpResponse<byte[]> response = get("Observation?patient.identifier=" + q("12345"));
        assertEquals(400, response.statusCode());
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class,
                new String(response.body(), StandardCharsets.UTF_8));
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("urn:oid:"), outcome.getIssueFirstRep()::getDiagnostics);
    }
}
