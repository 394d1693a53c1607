package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.SharedServer;
import org.junit.jupiter.api.Test;

/**
 * {@code ./dho org} against the real stack (registry, trust anchor, the {@code sykehus} repository
 * adapter in one Payara Micro on loopback), as the hospital's EHR system: its own client-credentials
 * token, DPoP-bound.
 */
class OrgCliIT {

    private static volatile String registrySchema;
    private static final Pattern HOLDS = Pattern.compile("holds (\\d+) documents?");

    record Run(int exit, String out, String err) {
    }

    static PayaraMicroProcess server() {
        return SharedServer.get("org-cli-stack", () -> {
            Path stack = Path.of(System.getProperty("stack.dir", "target/it-stack"));
            Path work = fresh(Path.of("target", "it-org-cli"));
            int port = PayaraMicroProcess.freePort();
            String base = "http://127.0.0.1:" + port;
            Map<String, String> settings = new java.util.LinkedHashMap<>(DemoConfiguration.oneJvm(base,
                    work.resolve("data").toAbsolutePath(), DemoOrganisations.demo().only("sykehus", "kommune")));
            // kommune deployed nowhere here: its systems at the trust anchor, to be refused as another organisation.
            // Reconciliation only when the tests ask for it, so that what verify reports is what they did.
            settings.put("dho.adapters.reconcile.millis", "0");
            // The registry on PostgreSQL where it runs, so that a pointer can be deleted by hand.
            if (Postgres.unreachableReason() == null) {
                registrySchema = Postgres.freshSchema("orgcli_registry");
                settings.put("dho.registry.db.url", Postgres.URL);
                settings.put("dho.registry.db.user", Postgres.USER);
                settings.put("dho.registry.db.schema", registrySchema);
            }
            return PayaraMicroProcess.start(Path.of(System.getProperty("payara.microJar")), List.of(
                            new Deployment(stack.resolve("registry.war"), "/registry"),
                            new Deployment(stack.resolve("trust-anchor.war"), "/trust"),
                            new Deployment(stack.resolve("adapters-sykehus.war"), "/adapters/sykehus")),
                    settings,
                    work, List.of("/registry/services/registry?wsdl", "/trust/.well-known/openid-configuration",
                            "/adapters/sykehus/services/repository?wsdl"),
                    Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port);
        });
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new OrgCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                String.valueOf(server().port()), false).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path sample(String name, int count, int patients) throws IOException {
        Path dir = fresh(Path.of("target", "it-org-cli-docs", name));
        Run sample = cli("sample", dir.toString(), "--count", Integer.toString(count), "--patients",
                Integer.toString(patients));
        assertEquals(0, sample.exit(), sample.err());
        return dir;
    }

    private static Set<String> patients(Path dir) throws IOException {
        Set<String> patients = new LinkedHashSet<>();
        Files.readAllLines(dir.resolve("manifest.csv")).stream().skip(1).forEach(l -> patients.add(l.split(",")[1]));
        return patients;
    }

    /** What the registry holds for these patients from sykehus, by `status --patient`. */
    private static int registered(Set<String> patients) {
        int total = 0;
        for (String patient : patients) {
            Run status = cli("status", "--patient", patient);
            assertEquals(0, status.exit(), status.err());
            Matcher m = HOLDS.matcher(status.out());
            assertTrue(m.find(), status.out());
            total += Integer.parseInt(m.group(1));
        }
        return total;
    }

    @Test
    void provideSharesEveryDocumentOnceHoweverOftenItRuns() throws Exception {
        Path dir = sample("thirty", 30, 3);
        Set<String> patients = patients(dir);
        assertEquals(3, patients.size());

        Run first = cli("provide", dir.toString(), "--parallel", "4");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("sykehus: 30 provided, 0 skipped (already provided), 0 failed"), first.err());
        assertEquals(30, Files.readAllLines(dir.resolve(Journal.FILE_NAME)).size());
        assertEquals(30, registered(patients));
        Run status = cli("status", "--patient", patients.iterator().next());
        assertTrue(status.out().contains("(10 Approved, 0 Deprecated)"), status.out());

        Run again = cli("provide", dir.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("30 already provided (.dho-provided), 0 to send"), again.err());
        assertTrue(again.err().contains("sykehus: 0 provided, 30 skipped"), again.err());
        assertEquals(30, registered(patients));

        // Without the journal every document is sent again: the same submissions, answered Success, shared once.
        Files.delete(dir.resolve(Journal.FILE_NAME));
        Run withoutJournal = cli("provide", dir.toString(), "--parallel", "2");
        assertEquals(0, withoutJournal.exit(), withoutJournal.err());
        assertTrue(withoutJournal.err().contains("sykehus: 30 provided, 0 skipped (already provided), 0 failed"),
                withoutJournal.err());
        assertEquals(30, registered(patients));
        assertEquals(30, Files.readAllLines(dir.resolve(Journal.FILE_NAME)).size());

        // A changed file is a new document (new ids); the others are skipped.
        Path first5 = dir.resolve("docs/00001.txt");
        Files.writeString(first5, Files.readString(first5) + "addendum\n");
        Run changed = cli("provide", dir.toString());
        assertEquals(0, changed.exit(), changed.err());
        assertTrue(changed.err().contains("sykehus: 1 provided, 29 skipped"), changed.err());
        assertEquals(31, registered(patients));
    }

    @Test
    void aBadManifestRowStopsTheRunNamingFileAndField() throws Exception {
        Path dir = sample("bad", 3, 1);
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
        String[] row = lines.get(2).split(",");
        row[1] = row[1].substring(0, 10) + ((row[1].charAt(10) - '0' + 1) % 10);
        lines.set(2, String.join(",", row));
        Files.write(dir.resolve("manifest.csv"), lines);

        Run run = cli("provide", dir.toString());
        assertEquals(1, run.exit());
        assertEquals("dho org: 1 error in manifest.csv, nothing sent:\n  manifest.csv line 3 (docs/00002.txt): patient '"
                + row[1] + "': the check digits do not match (mod 11)" + System.lineSeparator(), run.err());
        assertEquals(0, registered(patients(dir)) , "nothing was sent");
    }

    @Test
    void anotherOrganisationsSystemIsRefusedWithTheReason() throws Exception {
        Path dir = sample("refused", 2, 1);
        Run run = cli("provide", dir.toString(), "--client", "kommune-ehr");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("sykehus: 0 provided, 0 skipped (already provided), 2 failed"), run.err());
        assertTrue(run.err().contains("FAILED docs/00001.txt (manifest.csv line 2): HTTP 403"), run.err());
        assertEquals(0, registered(patients(dir)));
    }

    @Test
    void blockAndUnblockRoundTrip() {
        String fnr = Sample.syntheticId(new java.util.Random());
        Run none = cli("blocks", fnr);
        assertEquals(0, none.exit(), none.err());
        assertEquals("sykehus: " + fnr + " has no blocks\n", none.out());

        assertEquals(0, cli("block", fnr, "--recipient", "hpr:9144897").exit());
        assertEquals(0, cli("block", fnr).exit());
        Run listed = cli("blocks", fnr);
        assertTrue(listed.out().contains("blocked towards") && listed.out().contains("hpr:9144897")
                && listed.out().contains("everyone"), listed.out());

        assertEquals(0, cli("unblock", fnr, "--recipient", "hpr:9144897").exit());
        Run lifted = cli("unblock", fnr, "--recipient", "hpr:9144897");
        assertEquals(1, lifted.exit());
        assertTrue(lifted.err().startsWith("dho org: unblock " + fnr + ": HTTP 404: The patient has no such block"),
                lifted.err());
        assertEquals("sykehus: " + fnr + "'s data is blocked towards everyone\n", cli("blocks", fnr).out());
        assertEquals(0, cli("unblock", fnr).exit());
        assertEquals("sykehus: " + fnr + " has no blocks\n", cli("blocks", fnr).out());

        Run bad = cli("block", "12345");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("dho org: block 12345: HTTP 400: Not a national id"), bad.err());
    }

    @Test
    void verifyReportsAPointerDeletedByHandAndRepairPutsItBack() throws Exception {
        server();
        assumeTrue(registrySchema != null, "the registry runs on PostgreSQL only where it is reachable: "
                + Postgres.unreachableReason());
        Path dir = sample("reconcile", 2, 1);
        String patient = patients(dir).iterator().next();
        assertEquals(0, cli("provide", dir.toString()).exit());
        Run inStep = cli("verify");
        assertEquals(0, inStep.exit(), inStep.out() + inStep.err());
        assertTrue(inStep.out().contains("in step: the registry holds exactly what the adapter published"), inStep.out());

        String line = Files.readAllLines(dir.resolve(Journal.FILE_NAME)).get(0);
        String uniqueId = line.split("\t")[1];
        String entryUuid = ownDocuments(patient).get(uniqueId);
        assertTrue(entryUuid != null && entryUuid.startsWith("urn:uuid:"), ownDocuments(patient).toString());
        deleteByHand(entryUuid);
        assertEquals(1, registered(Set.of(patient)));

        Run verify = cli("verify");
        assertEquals(1, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("missing (published, not in the registry): 1\n  uniqueId=" + uniqueId
                + "  entryUuid=" + entryUuid + "  patient=" + patient), verify.out());
        assertEquals(1, registered(Set.of(patient)), "verify repairs nothing");

        Run repair = cli("repair");
        assertEquals(0, repair.exit(), repair.out() + repair.err());
        assertTrue(repair.out().contains("repaired: 1 registered, 0 deprecated"), repair.out());
        assertEquals(2, registered(Set.of(patient)));
        assertEquals(entryUuid, ownDocuments(patient).get(uniqueId), "put back under the same ids");
        assertEquals(0, cli("verify").exit());
    }

    @Test
    void deprecateApproveAndRemoveADocumentByItsManifestEntryOrItsUniqueId() throws Exception {
        Path dir = sample("lifecycle", 2, 1);
        String patient = patients(dir).iterator().next();
        assertEquals(0, cli("provide", dir.toString()).exit());
        List<String> journal = Files.readAllLines(dir.resolve(Journal.FILE_NAME));
        String[] first = journal.get(0).split("\t");
        String[] second = journal.get(1).split("\t");

        Run deprecated = cli("deprecate", dir.toString(), first[2]);
        assertEquals(0, deprecated.exit(), deprecated.err());
        assertEquals("sykehus: " + first[1] + " deprecated\n", deprecated.out());
        Run status = cli("status", "--patient", patient);
        assertTrue(status.out().contains("(1 Approved, 1 Deprecated)"), status.out());
        Run twice = cli("deprecate", first[1]);
        assertEquals("sykehus: " + first[1] + " is deprecated already\n", twice.out(), twice.err());

        // ITI-57 the other way: the pointer is approved again, at the registry and in the adapter's record.
        Run approved = cli("approve", first[1]);
        assertEquals(0, approved.exit(), approved.err());
        assertEquals("sykehus: " + first[1] + " approved\n", approved.out());
        assertTrue(cli("status", "--patient", patient).out().contains("(2 Approved, 0 Deprecated)"));
        assertEquals(0, cli("verify").exit(), "the adapter's record follows the registry");

        Run removed = cli("remove", second[1]);
        assertEquals(0, removed.exit(), removed.err());
        assertEquals("sykehus: " + second[1] + " removed (3 objects at the registry, the stored document)\n",
                removed.out());
        assertEquals(1, registered(Set.of(patient)));
        Run again = cli("remove", second[1]);
        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("dho org: remove " + second[1] + ": HTTP 404"), again.err());
        // The adapter's record moved with the registry: nothing to put back, nothing extra.
        Run verify = cli("verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
    }

    @Test
    void anotherOrganisationsSystemMayNotRemoveOrDeprecate() throws Exception {
        Path dir = sample("lifecycle-refused", 1, 1);
        String patient = patients(dir).iterator().next();
        assertEquals(0, cli("provide", dir.toString()).exit());
        String uniqueId = Files.readAllLines(dir.resolve(Journal.FILE_NAME)).get(0).split("\t")[1];

        for (String command : List.of("remove", "deprecate", "approve")) {
            Run run = cli(command, uniqueId, "--client", "kommune-ehr");
            assertEquals(1, run.exit(), run.err());
            assertTrue(run.err().startsWith("dho org: " + command + " " + uniqueId + ": HTTP 403"), run.err());
        }
        Run status = cli("status", "--patient", patient);
        assertTrue(status.out().contains("(1 Approved, 0 Deprecated)"), status.out());
    }

    /** uniqueId → entryUUID of the patient's entries the registry lists for sykehus. */
    private static Map<String, String> ownDocuments(String patient) {
        OrgSettings org = OrgSettings.resolve(new java.util.HashMap<>(), String.valueOf(server().port()));
        OrgHttp.Answer answer = new OrgHttp(org).call("GET", java.net.URI.create(org.registryAdmin()
                + "/own/documents?patient=" + java.net.URLEncoder.encode(patient + Reports.NATIONAL_CX_SUFFIX,
                StandardCharsets.UTF_8)), OrgHttp.REGISTER);
        assertEquals(200, answer.status(), answer.body());
        Map<String, String> entries = new java.util.HashMap<>();
        for (Object d : Reports.list(answer.json("test").get("documents"))) {
            Map<?, ?> document = (Map<?, ?>) d;
            entries.put((String) document.get("uniqueId"), (String) document.get("entryUuid"));
        }
        return entries;
    }

    /** An operator's DELETE at the registry: the entry with its codes, authors, references and associations. */
    private static void deleteByHand(String entryUuid) throws Exception {
        try (Connection c = DriverManager.getConnection(Postgres.URL, Postgres.USER, "")) {
            c.setAutoCommit(false);
            for (String table : List.of("association", "document_entry_code", "document_entry_author",
                    "document_entry_reference", "document_entry")) {
                String column = table.equals("association") ? "target_uuid" : "entry_uuid";
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + registrySchema + "." + table
                        + " WHERE " + column + " = ?")) {
                    ps.setString(1, entryUuid);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
