package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.KOMMUNE_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Kommune's on-demand pointer follows its platform's data through the running stack: a new
 * measurement, a corrected one and the deletion of the last one make a new version of the same
 * logical entry (ITI-92) and then its removal (ITI-62), as ITI-18 at the registry shows. The
 * platform notifies the adapter (rest-hook subscription); polling stays as the safety net.
 */
class PointerLifecycleIT {

    /** Patients (valid synthetic national ids) the demo platform holds nothing for until these tests. */
    private static final String VERSIONED = "12828510078";
    private static final String REMOVED = "12828510310";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    /** One version of kommune's pointer as ITI-18 returns it. */
    record Version(String entryUuid, String logicalId, String version, String status, String start, String stop,
                   String uniqueId) {
    }

    @Test
    void aFirstMeasurementPublishesAPointerAndDeletingTheLastRemovesIt() throws Exception {
        String only = create(observation(REMOVED, null, "2026-11-18T07:00:00Z", 118));
        Version v1 = awaitApproved(REMOVED, v -> "20261118070000".equals(v.stop()));
        assertEquals("20261118070000", v1.start());

        delete(only);
        List<Version> left = Eventually.await(WITHIN, Duration.ofMillis(200), () -> anyStatus(REMOVED),
                List::isEmpty);
        assertEquals(List.of(), left, "the pointer removed from the registry (ITI-62)");
    }

    @Test
    void aNewACorrectedAndADeletedMeasurementChangeThePointerAndThenRemoveIt() throws Exception {
        String first = create(observation(VERSIONED, null, "2026-11-20T08:00:00Z", 120));
        Version v1 = awaitApproved(VERSIONED, v -> "20261120080000".equals(v.stop()));
        assertEquals("20261120080000", v1.start());

        String second = create(observation(VERSIONED, null, "2026-11-21T08:30:00Z", 125));
        Version v2 = awaitApproved(VERSIONED, v -> "20261121083000".equals(v.stop()));
        assertEquals(v1.logicalId(), v2.logicalId(), "a new version of the same logical entry");
        assertEquals(v1.uniqueId(), v2.uniqueId());
        assertNotEquals(v1.entryUuid(), v2.entryUuid());
        assertEquals("2", v2.version());
        assertEquals("20261120080000", v2.start());

        // The newest measurement was taken at another time and value than entered: corrected.
        update(second, observation(VERSIONED, second, "2026-11-21T09:45:00Z", 131));
        Version v3 = awaitApproved(VERSIONED, v -> "20261121094500".equals(v.stop()));
        assertEquals(v1.logicalId(), v3.logicalId());
        assertEquals("3", v3.version());
        // The correction made a new version of the same entry (restricted update, ITI-92): every version there,
        // the earlier ones deprecated by the registry, one uniqueId throughout.
        List<Version> all = everyVersion(VERSIONED, v1.logicalId());
        assertEquals(List.of("1", "2", "3"), all.stream().map(Version::version).toList(), all::toString);
        assertEquals(List.of(StoredQueryBuilder.DEPRECATED, StoredQueryBuilder.DEPRECATED, StoredQueryBuilder.APPROVED),
                all.stream().map(Version::status).toList(), all::toString);
        assertEquals(List.of(v1.uniqueId()), all.stream().map(Version::uniqueId).distinct().toList());
        assertEquals(List.of(v1.entryUuid(), v2.entryUuid(), v3.entryUuid()),
                all.stream().map(Version::entryUuid).toList());

        delete(second);
        Version v4 = awaitApproved(VERSIONED, v -> "20261120080000".equals(v.stop()));
        assertEquals(v1.logicalId(), v4.logicalId());
        assertEquals("4", v4.version());

        delete(first);
        List<Version> left = Eventually.await(WITHIN, Duration.ofMillis(200), () -> anyStatus(VERSIONED),
                List::isEmpty);
        assertEquals(List.of(), left, "every version removed from the registry");
        // Removed (ITI-62), not deprecated: no version of the logical entry is left at any status.
        assertEquals(List.of(), everyVersion(VERSIONED, v1.logicalId()));
    }

    /**
     * Every version of the patient's logical entry, any status, oldest first (GetDocuments by
     * $XDSDocumentEntryLogicalID, for a user whose assertion names the patient: the query names none).
     */
    private static List<Version> everyVersion(String fnr, String logicalId) {
        List<Version> found = new ArrayList<>(parse(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryLogicalID", "('" + logicalId + "')").slot("$MetadataLevel", "2"), fnr));
        found.sort(java.util.Comparator.comparing(v -> Integer.parseInt(v.version())));
        return found;
    }

    @Test
    void theAdapterIsSubscribedAtThePlatform() throws Exception {
        String endpoint = AdapterStack.uri("/adapters/kommune/platform/notifications").toString();
        String found = Eventually.await(WITHIN, Duration.ofMillis(200), () -> get(
                "/demo-platform/fhir/Subscription?url=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8)),
                body -> body.split("\"rest-hook\"").length - 1 == 3);
        assertTrue(found.contains("\"criteria\":\"Observation?\""), found);
        assertTrue(found.contains("\"status\":\"active\""), found);
    }

    @Test
    void aNotificationWithoutTheSubscriptionsSecretIsRefused() throws Exception {
        URI endpoint = AdapterStack.uri("/adapters/kommune/platform/notifications");
        assertEquals(401, notify(endpoint, Map.of()));
        assertEquals(401, notify(endpoint, Map.of("X-DHO-Notification-Secret", "not-the-secret")));
        assertEquals(401, notify(endpoint, Map.of("X-DHO-Notification-Secret", "")));
        String secret = no.dhoindex.testsupport.DemoOrganisations.demo().byName("kommune").file()
                .get("adapter.subscription.secret");
        assertEquals(200, notify(endpoint, Map.of("X-DHO-Notification-Secret", secret)));
    }

    private static int notify(URI endpoint, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(
                "{\"resourceType\":\"Bundle\",\"type\":\"history\"}")).header("Content-Type", "application/fhir+json");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String observation(String fnr, String id, String effective, int systolic) {
        return "{\"resourceType\":\"Observation\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\","
                + "\"display\":\"Systolic blood pressure\"}]},\"subject\":{\"identifier\":{\"system\":"
                + "\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + fnr + "\"}},\"effectiveDateTime\":\"" + effective
                + "\",\"valueQuantity\":{\"value\":" + systolic + ",\"unit\":\"mm[Hg]\",\"system\":"
                + "\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}";
    }

    /** Creates the Observation; its id. */
    private static String create(String json) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(AdapterStack.uri("/demo-platform/fhir/Observation"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/Observation/([^/]+).*", "$1");
    }

    private static void update(String id, String json) throws Exception {
        HttpResponse<String> updated = HTTP.send(HttpRequest.newBuilder(AdapterStack.uri(
                "/demo-platform/fhir/Observation/" + id)).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, updated.statusCode(), updated::body);
    }

    private static void delete(String id) throws Exception {
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(AdapterStack.uri(
                "/demo-platform/fhir/Observation/" + id)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(deleted.statusCode() == 200 || deleted.statusCode() == 204, deleted::body);
    }

    private static String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(AdapterStack.uri(path)).header("Accept", "application/fhir+json")
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for kommune's one approved pointer to be as {@code expected}; no other approved one meanwhile. */
    private static Version awaitApproved(String fnr, java.util.function.Predicate<Version> expected) {
        List<Version> approved = Eventually.await(WITHIN, Duration.ofMillis(200),
                () -> versions(fnr, List.of(StoredQueryBuilder.APPROVED)),
                found -> found.size() == 1 && expected.test(found.get(0)));
        assertEquals(1, approved.size(), approved::toString);
        assertTrue(expected.test(approved.get(0)), approved::toString);
        return approved.get(0);
    }

    private static List<Version> anyStatus(String fnr) {
        return versions(fnr, List.of(StoredQueryBuilder.APPROVED, StoredQueryBuilder.DEPRECATED));
    }

    private static List<Version> versions(String fnr, List<String> statuses) {
        return parse(StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + String.join("','", statuses) + "')")
                .slot("$XDSDocumentEntryType", "('" + RegistryPointers.ON_DEMAND + "')"), fnr);
    }

    /** Kommune's entries in the registry's answer to this query about the patient. */
    private static List<Version> parse(StoredQueryBuilder query, String fnr) {
        Soap.Reply reply = AdapterStack.xua().query(AdapterStack.uri("/registry/services/registry"), query.build(),
                Samples.nationalCx(fnr).replace("&amp;", "&"));
        assertTrue(reply.isSuccess(), reply::toString);
        List<Version> result = new ArrayList<>();
        List<RegistryPointers.Pointer> pointers = RegistryPointers.pointers(reply);
        List<Element> entries = reply.elements(Soap.RIM, "ExtrinsicObject");
        for (int i = 0; i < entries.size(); i++) {
            Element entry = entries.get(i);
            RegistryPointers.Pointer pointer = pointers.get(i);
            if (!KOMMUNE_REPOSITORY.equals(pointer.repositoryUniqueId())) {
                continue;
            }
            NodeList info = entry.getElementsByTagNameNS(Soap.RIM, "VersionInfo");
            String version = info.getLength() == 0 ? null : ((Element) info.item(0)).getAttribute("versionName");
            result.add(new Version(pointer.entryUuid(), entry.getAttribute("lid"), version, pointer.status(),
                    RegistryPointers.slot(entry, "serviceStartTime"), RegistryPointers.slot(entry, "serviceStopTime"),
                    pointer.uniqueId()));
        }
        return result;
    }
}
