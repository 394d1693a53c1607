package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.KOMMUNE_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/**
 * The municipality's FHIR adapter over its DHO platform: on-demand pointers in the registry that
 * follow the platform's data, and retrieves that return the live data.
 */
class FhirAdapterIT {

    private static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    private static final Pattern UNIQUE_ID = Pattern.compile(
            "identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\"[^>]*value=\"([^\"]+)\""
                    + "|value=\"([^\"]+)\"[^>]*identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\"");

    private static URI registry() {
        return AdapterStack.uri("/registry/services/registry");
    }

    /** The patient's approved on-demand measurement pointers, optionally those with an event code. */
    private static Soap.Reply measurementPointers(String fnr, String eventCode) {
        StoredQueryBuilder query = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryType", "('" + ON_DEMAND + "')")
                .slot("$XDSDocumentEntryClassCode", "('8716-3^^2.16.840.1.113883.6.1')");
        if (eventCode != null) {
            query.slot("$XDSDocumentEntryEventCodeList", "('" + eventCode + "^^2.16.840.1.113883.6.1')");
        }
        return Soap.call(registry(), XdsActions.ITI_18, query.build());
    }

    private static String uniqueId(Soap.Reply reply) {
        Matcher m = UNIQUE_ID.matcher(reply.text());
        assertTrue(m.find(), reply::toString);
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Test
    void platformPatientsHaveOnDemandPointersInTheRegistry() {
        Soap.Reply found = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> measurementPointers(Samples.PATIENT_A, "8867-4"), r -> r.count("ExtrinsicObject") == 1);
        assertEquals(1, found.count("ExtrinsicObject"), found::toString);
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
                () -> measurementPointers(Samples.PATIENT_C, "8310-5"), r -> r.count("ExtrinsicObject") == 1);
        assertEquals(1, found.count("ExtrinsicObject"), found::toString);

        String uniqueId = uniqueId(found);
        Soap.Reply retrieved = Soap.call(AdapterStack.uri("/adapters/kommune/services/repository"), XdsActions.ITI_43,
                Samples.retrieve(null, KOMMUNE_REPOSITORY, uniqueId));
        assertTrue(retrieved.isSuccess(), retrieved::toString);
        String bundle = new String(Mtom.documents(retrieved).get(uniqueId), StandardCharsets.UTF_8);
        assertTrue(bundle.contains("\"resourceType\":\"Bundle\""), bundle);
        assertTrue(bundle.contains("38.65"), bundle);
    }

    @Test
    void theReplacedPointerIsDeprecated() {
        Soap.Reply approved = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> measurementPointers(Samples.PATIENT_B, null), r -> r.count("ExtrinsicObject") == 1);
        assertEquals(1, approved.count("ExtrinsicObject"), "exactly one current pointer per patient and kind");
    }

    @Test
    void unknownDocumentIsAnErrorNotAnEmptyBundle() {
        Soap.Reply retrieved = Soap.call(AdapterStack.uri("/adapters/kommune/services/repository"), XdsActions.ITI_43,
                Samples.retrieve(null, KOMMUNE_REPOSITORY, "2.25.1"));
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieved.errorCodes(), retrieved::toString);
    }
}
