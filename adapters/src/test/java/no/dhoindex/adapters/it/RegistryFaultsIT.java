package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.FJELLBYGD_REPOSITORY;
import static no.dhoindex.adapters.it.AdapterStack.SYKEHUS_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.junit.jupiter.api.Test;

/**
 * A registry that answers after the adapter has stopped waiting (issue 12, fault tests b and c):
 * sykehus and fjellbygd reach the registry through a {@link DelayingProxy} that holds the answer
 * back longer than their outbound timeout, after the registry has done its work. The source's
 * answer must match what the registry ends up holding, with no dangling and no second pointer.
 */
class RegistryFaultsIT {

    private static final String CID = "document01@dhoindex.no";
    private static final Duration LATE = AdapterStack.PROXIED_TIMEOUT.plusMillis(1500);

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static Soap.Reply provide(Map<String, String> values, byte[] content) throws Exception {
        return AdapterStack.provide("sykehus", Samples.provideAndRegister(values, sha1(content), content.length, CID),
                Map.of(CID, content));
    }

    /** How many entries the registry holds with this document uniqueId (any status). */
    private static int registered(String fnr, String uniqueId) {
        Soap.Reply reply = AdapterStack.xua().query(AdapterStack.uri("/registry/services/registry"), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')")
                .build(), Samples.nationalCx(fnr).replace("&amp;", "&"));
        assertTrue(reply.isSuccess(), reply::toString);
        return reply.count("ExtrinsicObject");
    }

    @Test
    void aLateSuccessOfTheRegistryIsSuccessAndTheDocumentIsShared() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        byte[] document = ("<epikrise>Svar etter tidsavbrudd.</epikrise>").getBytes(StandardCharsets.UTF_8);
        AdapterStack.registryProxy().delayAnswers("RegisterDocumentSet-b", 1, LATE);

        Soap.Reply provided = provide(values, document);

        assertEquals(1, AdapterStack.registryProxy().heldBack(), "the registry's answer came late");
        assertTrue(provided.isSuccess(), provided::toString);
        String uniqueId = values.get("documentUniqueId");
        assertEquals(1, registered(Samples.PATIENT_A, uniqueId), "one pointer, not none and not two");
        Soap.Reply retrieved = AdapterStack.retrieveFromRepository("sykehus", RespondingGatewayIT.SYKEHUS,
                Samples.retrieve(null, SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_A);
        assertTrue(retrieved.isSuccess(), "the pointer does not dangle: " + retrieved);
        assertArrayEquals(document, Mtom.documents(retrieved).get(uniqueId));
    }

    @Test
    void aLateRefusalOfTheRegistryIsFailureAndNothingIsShared() throws Exception {
        // A patient id the registry has never been fed: it refuses, but its answer comes too late.
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        values.put("patientCx", Samples.cx("LATE" + System.nanoTime(), "1.3.6.1.4.1.21367.13.20.1000"));
        byte[] document = ("<epikrise>Avvist etter tidsavbrudd.</epikrise>").getBytes(StandardCharsets.UTF_8);
        AdapterStack.registryProxy().delayAnswers("RegisterDocumentSet-b", 1, LATE);

        Soap.Reply provided = provide(values, document);

        assertEquals(1, AdapterStack.registryProxy().heldBack(), "the registry's answer came late");
        assertEquals(Soap.FAILURE, provided.status(), provided::toString);
        assertEquals(List.of("XDSUnknownPatientId"), provided.errorCodes(), provided::toString);
        assertEquals(0, registered(Samples.PATIENT_A, values.get("documentUniqueId")));
        // Nothing half-kept: the same submission, the patient now known, is taken whole.
        feed("1.3.6.1.4.1.21367.13.20.1000", values.get("patientCx").split("\\^")[0]);
        assertTrue(provide(values, document).isSuccess());
    }

    @Test
    void aLateNewVersionOfAnOnDemandPointerLeavesExactlyOnePointerTheAdapterKnows() throws Exception {
        String fnr = Samples.PATIENT_C;
        Eventually.await(Duration.ofSeconds(90), Duration.ofMillis(500), () -> RegistryPointers.approved(fnr,
                FJELLBYGD_REPOSITORY, RegistryPointers.MEASUREMENTS, null), p -> p.size() == 1);
        // A measurement new to the patient's pointer makes a new version of it (ITI-92), whose answer comes late.
        AdapterStack.registryProxy().delayAnswers("RestrictedUpdateDocumentSet", 1, LATE);

        postObservation(fnr, "29463-7", "Body weight", 71.5, "kg");

        List<RegistryPointers.Pointer> measurements = Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(250),
                () -> RegistryPointers.approved(fnr, FJELLBYGD_REPOSITORY, RegistryPointers.MEASUREMENTS, "29463-7"),
                p -> !p.isEmpty());
        // The adapter sent the very same pointer again and found it registered: settled, not published twice.
        assertTrue(Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(250), () -> AdapterStack.log()
                .contains("reason=\"registered already, the same\""), found -> found), "sent again, the same");
        assertEquals(1, AdapterStack.registryProxy().heldBack(), "the registry's answer came late");
        assertEquals(1, measurements.size(), measurements::toString);
        assertEquals(1, RegistryPointers.approved(fnr, FJELLBYGD_REPOSITORY, RegistryPointers.MEASUREMENTS, null).size(),
                "one measurement pointer for the patient");
        String uniqueId = measurements.get(0).uniqueId();
        Soap.Reply retrieved = Eventually.await(Duration.ofSeconds(15), Duration.ofMillis(250),
                () -> AdapterStack.retrieveFromRepository("fjellbygd", "urn:oid:2.16.578.1.12.4.1.7.1.4",
                        Samples.retrieve(null, FJELLBYGD_REPOSITORY, uniqueId), fnr), Soap.Reply::isSuccess);
        assertTrue(retrieved.isSuccess(), "the adapter knows the pointer the registry holds: " + retrieved);
    }

    /** Makes a patient id of another authority known to the registry (the feed, under sykehus' adapter's token). */
    private static void feed(String authority, String id) throws Exception {
        java.net.URI uri = AdapterStack.uri("/registry/admin/patients/" + authority + "/" + id);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody());
        AdapterStack.system("sykehus-adapter", no.dhoindex.testsupport.SystemCaller.REGISTER).headers("PUT", uri)
                .forEach(request::header);
        HttpResponse<String> fed = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, fed.statusCode(), fed::body);
    }

    private static void postObservation(String fnr, String code, String display, double value, String unit)
            throws Exception {
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}]},"
                + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + fnr
                + "\"}},\"effectiveDateTime\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\","
                + "\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + unit + "\"}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        AdapterStack.uri("/demo-platform/fhir/Observation"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
    }
}
