package no.dhoindex.adapters.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation (issue 12 item 4) over the real endpoints: the registry, the trust anchor and the
 * sykehus repository on one Payara, the registry's database on PostgreSQL so that the test can
 * delete a pointer "by hand" (plain SQL on the registry's schema while it runs: the document entry
 * and the rows that belong to it, as an operator's mistake or a lost restore would). The hospital's
 * EHR (admin scope) asks {@code /adapters/sykehus/admin/reconciliation}.
 */
class ReconciliationIT {

    private static final String CID = "document01@dhoindex.no";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PayaraMicroProcess server;

    @Test
    void aPointerDeletedByHandIsPutBackAndAnExtraOneDeprecated() throws Exception {
        String unreachable = Postgres.unreachableReason();
        assumeTrue(unreachable == null, unreachable);
        String schema = Postgres.freshSchema("recon_registry");
        Path work = Path.of("target", "it-reconciliation");
        CrashDurabilityIT.deleteTree(work);
        Files.createDirectories(work);
        int port = PayaraMicroProcess.freePort();
        Map<String, String> settings = new LinkedHashMap<>(DemoConfiguration.oneJvm("http://127.0.0.1:" + port,
                work.resolve("data").toAbsolutePath(), DemoOrganisations.demo().only("sykehus", "kommune")));
        // kommune deployed nowhere here: its systems at the trust anchor, to be refused as another organisation.
        settings.put("dho.registry.db.url", Postgres.URL);
        settings.put("dho.registry.db.user", Postgres.USER);
        settings.put("dho.registry.db.schema", schema);
        Path sykehusWar = Files.copy(Path.of(System.getProperty("adapters.war", "target/adapters.war")),
                work.resolve("adapters-sykehus.war"));
        try (PayaraMicroProcess started = CrashDurabilityIT.start(work, sykehusWar, settings, port)) {
            server = started;
            XuaCaller xua = new XuaCaller(work.resolve("xua"), work.resolve("data").resolve("xua-trusted"));
            // At start (the default period), after pending registrations are settled: one run, logged.
            Eventually.await(Duration.ofMinutes(2), Duration.ofMillis(500), this::log,
                    log -> log.contains("event=reconciliation organisation=sykehus repair=true"));

            // Shared through the repository: published here and registered, so no difference.
            Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
            String uniqueId = values.get("documentUniqueId");
            byte[] document = "<epikrise>Avstemming.</epikrise>".getBytes(StandardCharsets.UTF_8);
            Soap.Reply provided = system(SystemCaller.SYKEHUS_EHR, SystemCaller.PROVIDE).provide(
                    server.uri("/adapters/sykehus/services/repository"), Samples.provideAndRegister(values,
                            CrashDurabilityIT.sha1(document), document.length, CID), Map.of(CID, document));
            assertTrue(provided.isSuccess(), provided::toString);
            String entryUuid = entryUuidAtRegistry(xua, uniqueId);
            JsonObject equal = reconciliation("GET", 200);
            assertEquals("sykehus", equal.getString("organisation"));
            assertTrue(equal.getInt("published") >= 1 && equal.getInt("published") == equal.getInt("registered"),
                    equal::toString);
            assertEquals(List.of(), ids(equal, "missing"));
            assertEquals(List.of(), ids(equal, "extra"));
            assertEquals(List.of(), ids(equal, "stale"));

            // Deleted by hand at the registry: reported missing (GET repairs nothing), put back by POST.
            deleteByHand(schema, entryUuid);
            assertEquals(null, entryUuidAtRegistry(xua, uniqueId));
            JsonObject missing = reconciliation("GET", 200);
            assertEquals(List.of(entryUuid), ids(missing, "missing"), missing::toString);
            JsonObject item = missing.getJsonArray("missing").getJsonObject(0);
            assertEquals(uniqueId, item.getString("uniqueId"));
            assertEquals(Samples.PATIENT_A + "^^^&" + Samples.NATIONAL_ID_OID + "&ISO", item.getString("patient"));
            assertEquals(0, missing.getJsonObject("repaired").getInt("registered"));
            assertEquals(null, entryUuidAtRegistry(xua, uniqueId), "verifying repairs nothing");
            JsonObject repaired = reconciliation("POST", 200);
            assertEquals(1, repaired.getJsonObject("repaired").getInt("registered"), repaired::toString);
            assertTrue(repaired.getJsonArray("errors").isEmpty(), repaired::toString);
            assertEquals(entryUuid, entryUuidAtRegistry(xua, uniqueId), "the same entryUUID again");
            assertEquals(List.of(), ids(reconciliation("GET", 200), "missing"));

            // Registered directly at the registry under the hospital's ids, unknown to its repository: extra.
            SubmissionBuilder.Document stranger = SubmissionBuilder.document();
            Soap.Reply registered = system(SystemCaller.SYKEHUS_EHR, SystemCaller.REGISTER).register(
                    server.uri("/registry/services/registry"),
                    SubmissionBuilder.forPatient(Samples.PATIENT_A).add("Doc1", stranger).build());
            assertTrue(registered.isSuccess(), registered::toString);
            String strangerUuid = entryUuidAtRegistry(xua, stranger.uniqueId());
            JsonObject extra = reconciliation("GET", 200);
            assertEquals(List.of(strangerUuid), ids(extra, "extra"), extra::toString);
            assertEquals(List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"), statuses(xua, stranger.uniqueId()));
            JsonObject deprecated = reconciliation("POST", 200);
            assertEquals(1, deprecated.getJsonObject("repaired").getInt("deprecated"), deprecated::toString);
            assertEquals(List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"),
                    statuses(xua, stranger.uniqueId()));
            JsonObject after = reconciliation("GET", 200);
            assertEquals(List.of(), ids(after, "extra"), after::toString);
            assertEquals(List.of(), ids(after, "missing"), after::toString);

            // Only the hospital's own systems with the admin scope.
            assertEquals(403, call(system(SystemCaller.KOMMUNE_EHR, SystemCaller.ADMIN), "GET").statusCode());
            assertEquals(403, call(system(SystemCaller.KOMMUNE_EHR, SystemCaller.ADMIN), "POST").statusCode());
            assertEquals(403, call(system(SystemCaller.SYKEHUS_EHR, SystemCaller.PROVIDE), "POST").statusCode());
            assertEquals(401, call(null, "GET").statusCode());
            assertEquals(401, call(null, "POST").statusCode());
            assertTrue(log().contains("event=reconciliation organisation=sykehus repair=true published="), "summary logged");
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    private SystemCaller system(String clientId, String scope) {
        return new SystemCaller(server.uri("/trust"), clientId, scope);
    }

    private HttpResponse<String> call(SystemCaller caller, String method) throws Exception {
        URI uri = server.uri("/adapters/sykehus/admin/reconciliation");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        if (caller != null) {
            caller.headers(method, uri).forEach(request::header);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The hospital's EHR asks; a run already under way (409) is waited out. */
    private JsonObject reconciliation(String method, int status) throws Exception {
        HttpResponse<String> response = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            try {
                return call(system(SystemCaller.SYKEHUS_EHR, SystemCaller.ADMIN), method);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.statusCode() != 409);
        assertEquals(status, response.statusCode(), response::body);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static List<String> ids(JsonObject report, String kind) {
        return report.getJsonArray(kind).getValuesAs(JsonObject.class).stream().map(d -> d.getString("entryUuid")).toList();
    }

    /** The document entry's entryUUID at the registry (ITI-18, the test gateway's XUA), {@code null} if none. */
    private String entryUuidAtRegistry(XuaCaller xua, String uniqueId) {
        Soap.Reply reply = found(xua, uniqueId);
        List<org.w3c.dom.Element> objects = reply.elements(Soap.RIM, "ExtrinsicObject");
        assertTrue(objects.size() <= 1, reply::toString);
        return objects.isEmpty() ? null : objects.get(0).getAttribute("id");
    }

    private List<String> statuses(XuaCaller xua, String uniqueId) {
        return found(xua, uniqueId).elements(Soap.RIM, "ExtrinsicObject").stream().map(e -> e.getAttribute("status"))
                .toList();
    }

    private Soap.Reply found(XuaCaller xua, String uniqueId) {
        Soap.Reply reply = xua.query(server.uri("/registry/services/registry"),
                StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                        .slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')").build(),
                Samples.PATIENT_A + "^^^&" + Samples.NATIONAL_ID_OID + "&ISO");
        assertTrue(reply.isSuccess(), reply::toString);
        return reply;
    }

    /** What an operator's DELETE would do: the entry, its codes, authors and references, and the associations to it. */
    private static void deleteByHand(String schema, String entryUuid) throws Exception {
        try (Connection c = DriverManager.getConnection(Postgres.URL, Postgres.USER, "")) {
            c.setAutoCommit(false);
            for (String sql : List.of("DELETE FROM %s.association WHERE target_uuid = ?",
                    "DELETE FROM %s.document_entry_code WHERE entry_uuid = ?",
                    "DELETE FROM %s.document_entry_author WHERE entry_uuid = ?",
                    "DELETE FROM %s.document_entry_reference WHERE entry_uuid = ?",
                    "DELETE FROM %s.document_entry WHERE entry_uuid = ?")) {
                try (PreparedStatement ps = c.prepareStatement(String.format(sql, schema))) {
                    ps.setString(1, entryUuid);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private String log() {
        try {
            return new String(Files.readAllBytes(server.log()), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
