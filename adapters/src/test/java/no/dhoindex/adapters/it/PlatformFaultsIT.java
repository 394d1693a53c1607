package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.FJELLBYGD_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import org.junit.jupiter.api.Test;

/**
 * A DHO platform that fails the adapter: it goes away, or it sends resources it got wrong. The
 * municipality {@code fjellbygd} reaches its platform through a {@link PlatformProxy}.
 */
class PlatformFaultsIT {

    private static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";

    private static URI repository() {
        return AdapterStack.uri("/adapters/fjellbygd/services/repository");
    }

    /** ITI-43 for a clinician whose assertion names {@code fnr}, the patient the document is about. */
    private static Soap.Reply retrieve(String fnr, String uniqueId) {
        return AdapterStack.retrieveFromRepository("fjellbygd", "urn:oid:2.16.578.1.12.4.1.7.1.4",
                Samples.retrieve(null, FJELLBYGD_REPOSITORY, uniqueId), fnr);
    }

    /** Fjellbygd's approved on-demand pointers of the patient, every kind of data. */
    private static List<RegistryPointers.Pointer> pointers(String fnr) {
        return RegistryPointers.approved(fnr, FJELLBYGD_REPOSITORY, null, null);
    }

    /** Fjellbygd's measurement pointer of the patient with the event code, once published (within seconds). */
    private static List<RegistryPointers.Pointer> measurementsWith(String fnr, String eventCode) {
        return Eventually.await(Duration.ofSeconds(20), Duration.ofMillis(250), () -> RegistryPointers.approved(fnr,
                FJELLBYGD_REPOSITORY, RegistryPointers.MEASUREMENTS, eventCode), p -> p.size() == 1);
    }

    /** Whether the server logs a line matching {@code regex} past its first {@code from} characters, within seconds. */
    private static boolean loggedWithin(String regex, int from) {
        Pattern pattern = Pattern.compile(regex);
        return Eventually.await(Duration.ofSeconds(10), Duration.ofMillis(200), () -> {
            String log = AdapterStack.log();
            return pattern.matcher(log).region(from, log.length()).find();
        }, found -> found);
    }

    @Test
    void unreachablePlatformIsARetrieveErrorAndLeavesThePointersAsTheyAre() throws Exception {
        PlatformProxy platform = AdapterStack.fjellbygdPlatform();
        // Measurements, self-management plan and medication list.
        List<RegistryPointers.Pointer> before = Eventually.await(Duration.ofSeconds(90), Duration.ofMillis(500),
                () -> pointers(Samples.PATIENT_A), p -> p.size() == 3);
        assertEquals(3, before.size(), before::toString);
        String measurements = RegistryPointers.approved(Samples.PATIENT_A, FJELLBYGD_REPOSITORY,
                RegistryPointers.MEASUREMENTS, null).get(0).uniqueId();
        assertTrue(retrieve(Samples.PATIENT_A, measurements).isSuccess());

        int mark = AdapterStack.log().length(); // fjellbygd's start, before its platform answered, logs too
        platform.down();
        try {
            Soap.Reply refused = retrieve(Samples.PATIENT_A, measurements);
            assertEquals(Soap.FAILURE, refused.status(), refused::toString);
            assertEquals(List.of("XDSRepositoryError"), refused.errorCodes(), refused::toString);
            assertFalse(refused.isFault(), refused::toString);
            assertFalse(refused.text().contains("Exception"), "no stack trace or exception leaves the adapter");
            assertTrue(Mtom.documents(refused).isEmpty());

            // Said clearly, naming the organisation and its platform.
            String names = "organisation=fjellbygd platform=" + Pattern.quote(platform.base().toString());
            assertTrue(loggedWithin("event=retrieve-on-demand " + names + " uniqueId=" + Pattern.quote(measurements)
                    + " outcome=platform-unavailable", mark), "the failed retrieve is logged");
            assertTrue(loggedWithin("event=platform-unavailable " + names + " pointers=unchanged", mark),
                    "the failing poll is logged");

            assertEquals(Set.copyOf(before), Set.copyOf(pointers(Samples.PATIENT_A)), "same entries, still approved");
        } finally {
            platform.up();
        }
        Soap.Reply again = Eventually.await(Duration.ofSeconds(20), Duration.ofMillis(250),
                () -> retrieve(Samples.PATIENT_A, measurements), Soap.Reply::isSuccess);
        assertTrue(again.isSuccess(), again::toString);
        assertTrue(new String(Mtom.documents(again).get(measurements), StandardCharsets.UTF_8)
                .contains("\"resourceType\":\"Bundle\""));
        assertTrue(loggedWithin("event=platform-available organisation=fjellbygd", mark), "the recovery is logged");
        assertEquals(Set.copyOf(before), Set.copyOf(pointers(Samples.PATIENT_A)), "nothing republished afterwards");
    }

    @Test
    void malformedResourcesAreSkippedWithAReasonAndTheRestIsPublished() throws Exception {
        PlatformProxy platform = AdapterStack.fjellbygdPlatform();
        Eventually.await(Duration.ofSeconds(90), Duration.ofMillis(500), () -> pointers(Samples.PATIENT_B),
                p -> p.size() == 3);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        int mark = AdapterStack.log().length();
        // A Norwegian date where FHIR wants a dateTime: HAPI cannot read the resource at all.
        platform.inject(observation("bad-date", subjectIdentifier(Samples.PATIENT_B), "25.11.2026 08:00", now));
        // A national id with a digit missing.
        platform.inject(observation("bad-id", subjectIdentifier("1505751004"), "2026-11-25T08:00:00Z", now));
        // A subject the platform itself does not know.
        platform.inject(observation("no-such-patient", "{\"reference\":\"Patient/does-not-exist\"}",
                "2026-11-25T08:00:00Z", now));
        try {
            postObservation(Samples.PATIENT_B, "9279-1", "Respiratory rate", 18, "/min");
            List<RegistryPointers.Pointer> published = measurementsWith(Samples.PATIENT_B, "9279-1");
            assertEquals(1, published.size(), "the well-formed observation is published despite the malformed ones");

            String skipped = "event=platform-resource-skipped organisation=fjellbygd platform=\\S+"
                    + " resource=Observation/";
            assertTrue(loggedWithin(skipped + "bad-date reason=\"not a valid FHIR R4 Observation", mark), "unreadable");
            assertTrue(loggedWithin(skipped + "bad-id reason=\"subject national id is malformed", mark), "bad id");
            assertTrue(loggedWithin(skipped + "no-such-patient reason=\"no patient national id in subject\"", mark),
                    "unknown subject");

            // Still polling: the next change goes out too, and the live data leaves the bad resources out.
            postObservation(Samples.PATIENT_B, "39156-5", "Body mass index", 24.1, "kg/m2");
            List<RegistryPointers.Pointer> next = measurementsWith(Samples.PATIENT_B, "39156-5");
            assertEquals(1, next.size(), "the adapter kept polling");
            Soap.Reply live = retrieve(Samples.PATIENT_B, next.get(0).uniqueId());
            assertTrue(live.isSuccess(), live::toString);
            String bundle = new String(Mtom.documents(live).get(next.get(0).uniqueId()), StandardCharsets.UTF_8);
            assertTrue(bundle.contains("39156-5"), bundle);
            assertFalse(bundle.contains("bad-date") || bundle.contains("bad-id") || bundle.contains("no-such-patient"),
                    bundle);
        } finally {
            platform.clearInjected();
        }
    }

    private static String subjectIdentifier(String fnr) {
        return "{\"identifier\":{\"system\":\"" + NATIONAL_ID + "\",\"value\":\"" + fnr + "\"}}";
    }

    private static String observation(String id, String subject, String effective, String lastUpdated) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"1\","
                + "\"lastUpdated\":\"" + lastUpdated + "\"},\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
                + "\"subject\":" + subject + ",\"effectiveDateTime\":\"" + effective + "\","
                + "\"valueQuantity\":{\"value\":72,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\","
                + "\"code\":\"/min\"}}";
    }

    /** A well-formed measurement, straight to the demo platform (as a patient's device would send it). */
    private static void postObservation(String fnr, String code, String display, double value, String unit)
            throws Exception {
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}]},"
                + "\"subject\":" + subjectIdentifier(fnr) + ",\"effectiveDateTime\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\","
                + "\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + unit + "\"}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        AdapterStack.uri("/demo-platform/fhir/Observation"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
    }
}
