package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.KOMMUNE_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import org.junit.jupiter.api.Test;

/**
 * The municipality's FHIR adapter over its DHO platform: on-demand pointers in the registry that
 * follow the platform's data, and retrieves that return the live data.
 */
class FhirAdapterIT {

    /** The patient's approved on-demand measurement pointers, optionally those with an event code. */
    private static Soap.Reply measurementPointers(String fnr, String eventCode) {
        return RegistryPointers.findApproved(fnr, RegistryPointers.MEASUREMENTS, eventCode);
    }

    /** Kommune's entries in a reply: other municipalities publish pointers for the same demo patients. */
    private static List<RegistryPointers.Pointer> kommune(Soap.Reply reply) {
        return RegistryPointers.heldBy(reply, KOMMUNE_REPOSITORY);
    }

    @Test
    void platformPatientsHaveOnDemandPointersInTheRegistry() {
        Soap.Reply found = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> measurementPointers(Samples.PATIENT_A, "8867-4"), r -> kommune(r).size() == 1);
        assertEquals(1, kommune(found).size(), found::toString);
        assertTrue(found.text().contains("Demo kommune"), found::toString);
    }

    @Test
    void newObservationShowsUpAsAPointerWithinSecondsAndIsRetrievedLive() throws Exception {
        // Body temperature is not in the demo series: its code appears only through this observation.
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"8310-5\",\"display\":\"Body temperature\"}]},"
                + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\""
                + Samples.PATIENT_C + "\"}},\"effectiveDateTime\":\"2026-11-24T09:15:00Z\","
                + "\"valueQuantity\":{\"value\":38.65,\"unit\":\"Cel\",\"system\":\"http://unitsofmeasure.org\","
                + "\"code\":\"Cel\"}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        AdapterStack.uri("/demo-platform/fhir/Observation"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);

        Soap.Reply found = Eventually.await(Duration.ofSeconds(20), Duration.ofMillis(250),
                () -> measurementPointers(Samples.PATIENT_C, "8310-5"), r -> kommune(r).size() == 1);
        assertEquals(1, kommune(found).size(), found::toString);

        String uniqueId = kommune(found).get(0).uniqueId();
        Soap.Reply retrieved = AdapterStack.retrieveFromRepository("kommune", RespondingGatewayIT.KOMMUNE,
                Samples.retrieve(null, KOMMUNE_REPOSITORY, uniqueId), Samples.PATIENT_C);
        assertTrue(retrieved.isSuccess(), retrieved::toString);
        String bundle = new String(Mtom.documents(retrieved).get(uniqueId), StandardCharsets.UTF_8);
        assertTrue(bundle.contains("\"resourceType\":\"Bundle\""), bundle);
        assertTrue(bundle.contains("38.65"), bundle);
    }

    @Test
    void theOnDemandPointersAgreeWithTheRegistry() {
        Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> measurementPointers(Samples.PATIENT_A, "8867-4"), r -> kommune(r).size() == 1);
        // The municipality's EHR has its adapter verify: what it published is what the registry holds.
        jakarta.json.JsonObject report = Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(500), () -> {
            try {
                HttpResponse<String> verified = AdapterStack.admin("kommune", "GET", "/reconciliation");
                assertEquals(200, verified.statusCode(), verified::body);
                return jakarta.json.Json.createReader(new java.io.StringReader(verified.body())).readObject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.getJsonArray("missing").isEmpty() && r.getJsonArray("extra").isEmpty()
                && r.getJsonArray("stale").isEmpty());
        assertEquals("kommune", report.getString("organisation"));
        assertTrue(report.getInt("published") >= 1, report::toString);
        assertTrue(report.getJsonArray("missing").isEmpty() && report.getJsonArray("extra").isEmpty()
                && report.getJsonArray("stale").isEmpty(), report::toString);
        assertEquals(0, report.getJsonObject("repaired").getInt("registered") + report.getJsonObject("repaired")
                .getInt("deprecated"), "verifying repairs nothing");
    }

    @Test
    void theReplacedPointerIsDeprecated() {
        Soap.Reply approved = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> measurementPointers(Samples.PATIENT_B, null), r -> kommune(r).size() == 1);
        assertEquals(1, kommune(approved).size(), "exactly one current pointer per patient, kind and organisation");
    }

    @Test
    void unknownDocumentIsAnErrorNotAnEmptyBundle() {
        Soap.Reply retrieved = AdapterStack.retrieveFromRepository("kommune", RespondingGatewayIT.KOMMUNE,
                Samples.retrieve(null, KOMMUNE_REPOSITORY, "2.25.1"), Samples.PATIENT_C);
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieved.errorCodes(), retrieved::toString);
    }
}
