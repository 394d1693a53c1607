package no.dhoindex.adapters.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.Test;

/**
 * Fault test (a) of issue 12: the hospital's EHR submits ITI-41 4 in parallel, the server JVM is
 * SIGKILLed at a random point of the burst and restarted on the same data. Every acknowledged
 * submission must then be whole (registry and repository), and no submission sent may be half-stored.
 */
class CrashDurabilityIT {

    private static final String CID = "document01@dhoindex.no";
    private static final String SYKEHUS = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    private static final String REPOSITORY = AdapterStack.SYKEHUS_REPOSITORY;
    private static final List<String> PATIENTS = List.of(Samples.PATIENT_A, Samples.PATIENT_B, Samples.PATIENT_C);

    /** What the test sent: uniqueId → patient and bytes. */
    private record Sent(String patient, byte[] document) {
    }

    @Test
    void acknowledgedSubmissionsSurviveAKillOnH2() throws Exception {
        crashAndCheck("h2", Map.of());
    }

    @Test
    void acknowledgedSubmissionsSurviveAKillOnPostgres() throws Exception {
        String unreachable = Postgres.unreachableReason();
        assumeTrue(unreachable == null, unreachable);
        String registry = Postgres.freshSchema("crash_registry");
        String adapter = Postgres.freshSchema("crash_adapter");
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("dho.registry.db.url", Postgres.URL);
            settings.put("dho.registry.db.user", Postgres.USER);
            settings.put("dho.registry.db.schema", registry);
            settings.put("dho.adapters.sykehus.db.url", Postgres.URL);
            settings.put("dho.adapters.sykehus.db.user", Postgres.USER);
            settings.put("dho.adapters.sykehus.db.schema", adapter);
            crashAndCheck("postgres", settings);
        } finally {
            Postgres.dropSchema(registry);
            Postgres.dropSchema(adapter);
        }
    }

    private void crashAndCheck(String name, Map<String, String> databases) throws Exception {
        Path work = Path.of("target", "it-crash-" + name);
        deleteTree(work);
        Files.createDirectories(work);
        int port = PayaraMicroProcess.freePort();
        Map<String, String> settings = new LinkedHashMap<>(DemoConfiguration.oneJvm("http://127.0.0.1:" + port,
                work.resolve("data").toAbsolutePath(), DemoOrganisations.demo().only("sykehus")));
        settings.putAll(databases);
        settings.put("dho.adapters.recovery.millis", "2000");
        Path sykehusWar = Files.copy(Path.of(System.getProperty("adapters.war", "target/adapters.war")),
                work.resolve("adapters-sykehus.war"));

        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Map<String, Sent> acknowledged = new ConcurrentHashMap<>();
        try (PayaraMicroProcess server = start(work, sykehusWar, settings, port)) {
            SystemCaller ehr = new SystemCaller(server.uri("/trust"), SystemCaller.SYKEHUS_EHR, SystemCaller.PROVIDE);
            URI repository = server.uri("/adapters/sykehus/services/repository");
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        String patient = PATIENTS.get(ThreadLocalRandom.current().nextInt(PATIENTS.size()));
                        Map<String, String> values = Samples.singleDocumentDefaults(patient);
                        String uniqueId = values.get("documentUniqueId");
                        byte[] document = ("<epikrise>" + uniqueId + "</epikrise>").getBytes(StandardCharsets.UTF_8);
                        Sent s = new Sent(patient, document);
                        sent.put(uniqueId, s);
                        try {
                            Soap.Reply reply = ehr.provide(repository, Samples.provideAndRegister(values, sha1(document),
                                    document.length, CID), Map.of(CID, document));
                            if (reply.isSuccess()) {
                                acknowledged.put(uniqueId, s);
                            }
                        } catch (RuntimeException e) {
                            // the server died under the call: not acknowledged
                        }
                    }
                    return null;
                });
            }
            // A random point of the burst: after a random number of acknowledgements.
            int killAfter = ThreadLocalRandom.current().nextInt(5, 80);
            Eventually.await(Duration.ofSeconds(90), Duration.ofMillis(5), acknowledged::size, n -> n >= killAfter);
            ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            ProcessHandle.of(server.pid()).ifPresent(p -> p.onExit().join());
            stop.set(true);
            clients.shutdown();
            assertTrue(clients.awaitTermination(2, TimeUnit.MINUTES), "clients stopped");
        }
        assertTrue(acknowledged.size() >= 5, "acknowledged before the kill: " + acknowledged.size());

        try (PayaraMicroProcess server = start(work, sykehusWar, settings, port)) {
            XuaCaller xua = new XuaCaller(work.resolve("xua"), work.resolve("data").resolve("xua-trusted"));
            URI registry = server.uri("/registry/services/registry");
            URI repository = server.uri("/adapters/sykehus/services/repository");
            // Submissions the crash left pending are settled by the recovery step (at start, then every
            // dho.adapters.recovery.millis): a pointer whose document was still pending becomes whole. So the
            // state is read until nothing is half-stored or the bound passes; the assertions report the last read.
            Outcome outcome = Eventually.await(Duration.ofMinutes(3), Duration.ofSeconds(2),
                    () -> outcome(xua, registry, repository, sent, acknowledged), o -> o.halfStored().isEmpty());
            System.out.printf("crash test on %s: %d sent, %d acknowledged before the kill%n", work, sent.size(),
                    acknowledged.size());
            assertEquals(List.of(), outcome.lost(), "acknowledged but lost, of " + acknowledged.size() + " acknowledged");
            assertEquals(List.of(), outcome.halfStored(), "half-stored after the crash and recovery");
        }
    }

    private record Outcome(List<String> lost, List<String> halfStored) {
    }

    private static Outcome outcome(XuaCaller xua, URI registry, URI repository, Map<String, Sent> sent,
                                   Map<String, Sent> acknowledged) {
        List<String> lost = new ArrayList<>();
        List<String> halfStored = new ArrayList<>();
        for (Map.Entry<String, Sent> e : sent.entrySet()) {
            String uniqueId = e.getKey();
            boolean registered = registered(xua, registry, uniqueId, e.getValue().patient());
            byte[] stored = retrieved(xua, repository, uniqueId, e.getValue().patient());
            if (stored != null) {
                assertArrayEquals(e.getValue().document(), stored, "the bytes of " + uniqueId);
            }
            if (registered != (stored != null)) {
                halfStored.add(uniqueId + (registered ? " (pointer without document)" : " (document without pointer)"));
            }
            if (acknowledged.containsKey(uniqueId) && !(registered && stored != null)) {
                lost.add(uniqueId);
            }
        }
        return new Outcome(lost, halfStored);
    }

    /** The registry, the trust anchor and the sykehus repository on one Payara (also for ReconciliationIT). */
    static PayaraMicroProcess start(Path work, Path sykehusWar, Map<String, String> settings, int port)
            throws Exception {
        Path stack = Path.of(System.getProperty("stack.dir", "target/it-stack"));
        return PayaraMicroProcess.start(Path.of(System.getProperty("payara.microJar")), List.of(
                        new Deployment(stack.resolve("registry.war"), "/registry"),
                        new Deployment(stack.resolve("trust-anchor.war"), "/trust"),
                        new Deployment(sykehusWar, "/adapters/sykehus")),
                settings, work, List.of("/registry/services/registry?wsdl", "/trust/.well-known/openid-configuration",
                        "/adapters/sykehus/services/repository?wsdl"),
                Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port);
    }

    private static boolean registered(XuaCaller xua, URI registry, String uniqueId, String patient) {
        Soap.Reply reply = xua.query(registry, StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')").build(),
                patient + "^^^&" + Samples.NATIONAL_ID_OID + "&ISO");
        assertTrue(reply.isSuccess(), reply::toString);
        return reply.count("ExtrinsicObject") == 1;
    }

    private static byte[] retrieved(XuaCaller xua, URI repository, String uniqueId, String patient) {
        Soap.Reply reply = Soap.callWithHeader(repository, "urn:ihe:iti:2007:RetrieveDocumentSet",
                Samples.retrieve(null, REPOSITORY, uniqueId), xua.header(patient, SYKEHUS));
        return reply.isSuccess() ? Mtom.documents(reply).get(uniqueId) : null;
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
