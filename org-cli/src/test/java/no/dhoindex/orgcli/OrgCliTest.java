package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands that only read and report, against a fake organisation's services on loopback: what
 * they ask (method, path, scope, DPoP-bound token), what they print and their exit codes.
 */
class OrgCliTest {

    private HttpServer server;
    private String base;
    private final List<String> requests = new ArrayList<>();
    private final List<String> tokenForms = new ArrayList<>();
    /** path (with query) → status and JSON body. */
    private final Map<String, Object[]> answers = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Object[] answer;
        if (path.equals("/trust/token")) {
            tokenForms.add(body);
            answer = new Object[]{200, "{\"access_token\":\"tok\",\"token_type\":\"DPoP\",\"expires_in\":300}"};
        } else {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String proof = exchange.getRequestHeaders().getFirst("DPoP");
            requests.add(exchange.getRequestMethod() + " " + path + ("DPoP tok".equals(auth) && proof != null
                    && proof.split("\\.").length == 3 ? "" : " WITHOUT DPoP-BOUND TOKEN"));
            answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path, new Object[]{404, "{\"status\":404,"
                    + "\"detail\":\"no such thing\"}"});
        }
        byte[] bytes = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders((int) answer[0], bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private int cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--adapter", base + "/adapters/sykehus", "--registryAdmin",
                base + "/registry/admin", "--tokenEndpoint", base + "/trust/token"));
        all.addAll(List.of(args));
        return new OrgCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                null, false).run(all.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String doc(String patient, String classCode, String status) {
        return "{\"entryUuid\":\"urn:uuid:x\",\"uniqueId\":\"2.25.1\",\"patient\":\"" + patient
                + "^^^&2.16.578.1.12.4.1.4.1&ISO\",\"classCode\":\"" + classCode + "\",\"status\":\"" + status + "\"}";
    }

    @Test
    void statusPagesThroughTheOwnDocumentsAndCountsPerPatientAndClass() {
        answers.put("GET /registry/admin/own/documents?limit=500", new Object[]{200, "{\"documents\":["
                + doc("01810012345", "A00-1", "Approved") + "," + doc("01810012345", "A00-1", "DEPRECATED") + ","
                + doc("02820054321", "A00-2", "Approved") + "],\"next\":\"urn:uuid:c\"}"});
        answers.put("GET /registry/admin/own/documents?limit=500&after=urn%3Auuid%3Ac", new Object[]{200,
                "{\"documents\":[" + doc("02820054321", "A00-1", "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved") + "],\"next\":null}"});
        assertEquals(0, cli("status"), err());
        assertEquals(List.of("GET /registry/admin/own/documents?limit=500",
                "GET /registry/admin/own/documents?limit=500&after=urn%3Auuid%3Ac"), requests);
        assertTrue(tokenForms.get(0).contains("client_id=sykehus-ehr")
                && tokenForms.get(0).contains("scope=nhn%3Adho-index%2Fregister"), tokenForms.toString());
        String n = System.lineSeparator();
        assertEquals("sykehus: the registry holds 4 documents for 2 patients (3 Approved, 1 Deprecated)" + n + n
                + String.format("%-40s %-12s %9s %11s", "patient", "classCode", "Approved", "Deprecated") + n
                + String.format("%-40s %-12s %9d %11d", "01810012345", "A00-1", 1, 1) + n
                + String.format("%-40s %-12s %9d %11d", "02820054321", "A00-1", 1, 0) + n
                + String.format("%-40s %-12s %9d %11d", "02820054321", "A00-2", 1, 0) + n + n
                + String.format("%-40s %-12s %9s %11s", "all patients", "classCode", "Approved", "Deprecated") + n
                + String.format("%-40s %-12s %9d %11d", "", "A00-1", 2, 1) + n
                + String.format("%-40s %-12s %9d %11d", "", "A00-2", 1, 0) + n, out());
    }

    @Test
    void statusForOnePatientAsksForThatPatient() {
        answers.put("GET /registry/admin/own/documents?limit=500&patient=01810012345%5E%5E%5E%262.16.578.1.12.4.1.4.1%26ISO", new Object[]{200,
                "{\"documents\":[],\"next\":null}"});
        assertEquals(0, cli("status", "--patient", "01810012345"), err());
        assertTrue(out().startsWith("sykehus: the registry holds 0 documents for 0 patients (0 Approved, 0 Deprecated)"));
    }

    private static final String DIFFERENT = "{\"organisation\":\"sykehus\",\"checkedAt\":\"2026-12-02T02:00:00Z\","
            + "\"published\":3,\"registered\":2,"
            + "\"missing\":[{\"uniqueId\":\"2.25.7\",\"entryUuid\":\"urn:uuid:m\",\"patient\":\"01810012345\"}],"
            + "\"extra\":[],\"stale\":[{\"uniqueId\":\"2.25.8\",\"entryUuid\":\"urn:uuid:s\",\"patient\":\"01810012345\","
            + "\"differences\":[\"status: Deprecated, published Approved\"]}],\"repaired\":{\"registered\":0,"
            + "\"deprecated\":0},\"errors\":[]}";

    @Test
    void verifyReportsDifferencesAndExitsOne() {
        answers.put("GET /adapters/sykehus/admin/reconciliation", new Object[]{200, DIFFERENT});
        assertEquals(1, cli("verify"));
        assertEquals(List.of("GET /adapters/sykehus/admin/reconciliation"), requests);
        assertTrue(tokenForms.get(0).contains("scope=nhn%3Adho-index%2Fadmin"), tokenForms.toString());
        assertEquals("""
                sykehus: verify at 2026-12-02T02:00:00Z: 3 published by the adapter, 2 registered
                missing (published, not in the registry): 1
                  uniqueId=2.25.7  entryUuid=urn:uuid:m  patient=01810012345
                stale (the registry holds other metadata): 1
                  uniqueId=2.25.8  entryUuid=urn:uuid:s  patient=01810012345  differences=status: Deprecated, published Approved
                repaired: 0 registered, 0 deprecated
                """, out());
    }

    @Test
    void verifyInStepExitsZero() {
        answers.put("GET /adapters/sykehus/admin/reconciliation", new Object[]{200, "{\"organisation\":\"sykehus\","
                + "\"checkedAt\":\"t\",\"published\":2,\"registered\":2,\"missing\":[],\"extra\":[],\"stale\":[],"
                + "\"errors\":[]}"});
        assertEquals(0, cli("verify"));
        assertTrue(out().endsWith("in step: the registry holds exactly what the adapter published\n"), out());
    }

    @Test
    void repairExitsOneOnlyWhenErrorsAreLeft() {
        answers.put("POST /adapters/sykehus/admin/reconciliation", new Object[]{200, DIFFERENT.replace(
                "\"registered\":0", "\"registered\":1")});
        assertEquals(0, cli("repair"), out());
        assertTrue(out().contains("repaired: 1 registered, 0 deprecated"), out());
        answers.put("POST /adapters/sykehus/admin/reconciliation", new Object[]{200, DIFFERENT.replace(
                "\"errors\":[]", "\"errors\":[\"2.25.7: XDSRegistryBusy\"]")});
        assertEquals(1, cli("repair"));
        assertTrue(out().contains("errors (1):\n  2.25.7: XDSRegistryBusy\n"), out());
    }

    @Test
    void aRefusalIsOneLineWithTheServersReason() {
        answers.put("GET /adapters/sykehus/admin/reconciliation", new Object[]{403,
                "{\"status\":403,\"detail\":\"the token lacks scope nhn:dho-index/admin\"}"});
        assertEquals(1, cli("verify"));
        assertEquals("dho org: verify: GET " + base + "/adapters/sykehus/admin/reconciliation: HTTP 403: the token lacks"
                + " scope nhn:dho-index/admin" + System.lineSeparator(), err());
    }

    @Test
    void blockUnblockAndListUseTheAdaptersBlockApi() {
        answers.put("PUT /adapters/sykehus/admin/blocks/2.16.578.1.12.4.1.4.1/15077510041?recipient=hpr%3A9144897",
                new Object[]{204, ""});
        answers.put("GET /adapters/sykehus/admin/blocks/2.16.578.1.12.4.1.4.1/15077510041", new Object[]{200,
                "{\"patientId\":\"15077510041^^^&2.16.578.1.12.4.1.4.1&ISO\",\"blockedFor\":[\"hpr:9144897\"]}"});
        assertEquals(0, cli("block", "15077510041", "--recipient", "hpr:9144897"), err());
        assertEquals(0, cli("blocks", "15077510041"), err());
        assertEquals(1, cli("unblock", "15077510041"));
        String n = System.lineSeparator();
        assertEquals("sykehus: 15077510041's data is blocked towards hpr:9144897" + n
                + "sykehus: 15077510041's data is blocked towards hpr:9144897" + n, out());
        assertEquals("dho org: unblock 15077510041: HTTP 404: no such thing" + n, err());
        assertEquals(List.of(
                "PUT /adapters/sykehus/admin/blocks/2.16.578.1.12.4.1.4.1/15077510041?recipient=hpr%3A9144897",
                "GET /adapters/sykehus/admin/blocks/2.16.578.1.12.4.1.4.1/15077510041",
                "DELETE /adapters/sykehus/admin/blocks/2.16.578.1.12.4.1.4.1/15077510041"), requests);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, cli("frobnicate"));
        assertTrue(err().startsWith("dho org: unknown command 'frobnicate'"), err());
        assertEquals(2, cli("provide"));
        assertEquals(2, cli("status", "--paralel", "3"));
        assertTrue(err().contains("dho org: unknown option --paralel"), err());
        assertEquals(List.of(), requests);
    }
}
