package no.dhoindex.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import no.dhoindex.conformance.kit.TestKit;
import no.dhoindex.conformance.report.ResultTable;
import no.dhoindex.conformance.run.DhoTarget;
import no.dhoindex.conformance.run.KitRunner;
import no.dhoindex.conformance.run.SectionResult;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XuaCaller;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import org.junit.jupiter.api.Test;

/**
 * Holds DHO Index against the NIST kit over SOAP: the registry against every Document Registry test,
 * the {@code sykehus} adapter against the Document Repository and XCA Responding Gateway tests; one
 * Payara Micro with both WARs. Writes conformance-tests/RESULTS.md and fails on any section that
 * neither passes nor is explained below.
 */
class KitConformanceIT {

    static final String ORGANISATION = "sykehus";
    static final String HOME = "urn:oid:2.16.578.1.12.4.1.7.1.2";

    /** Feeds and data loads first: the query tests use their patients and documents. */
    static final List<String> REGISTRY = List.of(
            "15817", "15817b", "15818", "15823", "12346", "12374",
            // register, lifecycle, folders
            "11990", "11991", "11992", "11993", "11994", "11995", "11996", "11997", "11998", "11998a", "11999",
            "12000", "12000.1a", "12001", "12002", "12004", "12084", "12370", "12379", "15806", "12022", "12323",
            "12326", "12327",
            // stored queries
            "11897", "11898", "11899", "11901", "11902", "11903", "11904", "11905", "11906", "11907", "11908",
            "11909", "15803", "12368",
            // metadata update (ITI-57) and restricted update (ITI-92), after the queries: they add versions to
            // the patient of 15817 that the stored-query tests count
            "15800", "15800b", "15800c", "15800d", "15800e", "15801", "15802", "15802b",
            "20000", "20000b", "20000c", "20000d", "20000e", "20000f", "20001", "20002b", "20007", "20008",
            "20100a", "20100b", "21000", "21001", "21002", "21003", "21004",
            "40000", "40000b", "40000c", "40000d", "40000e", "40001", "40001b", "40007", "40037", "12319");
    /** Provide and register, retrieve, then the responding gateway over the data 12318 provides. */
    static final List<String> REPOSITORY_AND_GATEWAY = List.of(
            "11966", "11979", "11981", "11983", "11986", "12021", "12029", "12360", "12369", "15816",
            "ReposAcceptanceTest-1111", "ReposAcceptanceTest-1112", "ReposAcceptanceTest-1113",
            "12318", "12309", "12310", "12311", "12312", "12313",
            // restricted update through a responding gateway (RMU XCA Persistence Option): explained below
            "40030", "40030b", "40030c", "40030d", "40030e", "40031", "12320");

    /** Whole tests that exercise an option DHO Index does not offer, every section explained alike. */
    static final Map<String, String> EXPLAINED_TESTS = new LinkedHashMap<>();

    /** Sections that fail by design, with the reason; anything else failing fails this test. */
    /** The OID arcs of the sources and repositories the kit's submissions name. */
    static final String KIT_ARCS = "1.3.6.1.4.1.21367,129.6.58.92,1.19.6.24.109.42,1.1.1.1,1.2.2.3.4.5,"
            + "1.2.456.786.3.2.4.56.1";

    static final Map<String, String> EXPLAINED = new LinkedHashMap<>();

    static {
        EXPLAINED.put("12029/retrieve", "the kit is inconsistent: its submit step provides `readme.txt` as Document01 "
                + "but the retrieve step's ReferenceDocument is `submit/my_document.pdf`. The runner also checks the "
                + "retrieved bytes against what was provided, and those match.");
        EXPLAINED.put("12313/retrieve_two", "the kit is inconsistent: 12318 provides Document02 as `summary.xml` "
                + "(text/xml) but 12313 expects `my_document2.txt` and text/plain for both documents. The runner "
                + "also checks the retrieved bytes against what was provided, and those match.");
        // 12368 asks, in one query by id, for the objects of two patients.
        String onePatient = "the section asks, in one query by id, for objects of two patients. A user is vouched "
                + "for about one patient (the XUA assertion's resource-id, ITI TF-2b 3.40.4.1.2.2), and the registry "
                + "selects only that patient's objects: another patient's object is answered exactly as one that does "
                + "not exist (issue 11). So LeafClass answers the one patient's objects instead of "
                + "XDSResultNotSinglePatient (ITI TF-2a 3.18.4.1.3), and ObjectRef only that patient's references. "
                + "The runner's assertion names the patient of the first submission the step uses.";
        for (String section : List.of("doc_leafclass", "doc_objectref", "ss_leafclass", "ss_objectref",
                "fol_leafclass", "fol_objectref")) {
            EXPLAINED.put("12368/" + section, onePatient);
        }
        // 21002 / 21003 move an entry to another patient, then ask by uniqueId for both versions at once.
        EXPLAINED.put("21002/query_leaf", onePatient);
        EXPLAINED.put("21002/query_ref", onePatient);
        EXPLAINED.put("21003/query_leaf", onePatient);
        String xcaPersistence = "the test holds a Responding Gateway to RMU's XCA Persistence Option (ITI TF-2 3.92: the "
                + "Update Responder is a Responding Gateway that persists updates in its community's registry, read back "
                + "with ITI-38). DHO Index does not offer that option: an organisation's responding gateway answers from "
                + "the pointers its own adapter published, the regional registry is not behind it, and it takes no "
                + "ITI-92. The registry is the Update Responder with the XDS Persistence Option (40000-40007, 40037, "
                + "12319).";
        for (String test : List.of("40030", "40030b", "40030c", "40030d", "40030e", "40031", "12320")) {
            EXPLAINED_TESTS.put(test, xcaPersistence);
        }
    }

    private static Map<String, String> settings(String base, Path work) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(DemoConfiguration.oneJvm(base,
                work.resolve("data").toAbsolutePath(), DemoOrganisations.demo().only(ORGANISATION)));
        // The kit's submissions name the kit's own sources and repositories: in this run they are
        // the hospital's, whose systems send them (an organisation registers only its own pointers).
        settings.put("dho.registry.organisation.974589095.oids", "2.16.578.1.12.4.1.7.1.2," + KIT_ARCS);
        return settings;
    }

    @Test
    void dhoIndexPassesTheKit() throws Exception {
        Path work = fresh(Path.of("target", "conformance"));
        Path stack = Path.of(System.getProperty("stack.dir", "target/it-stack"));
        int port = PayaraMicroProcess.freePort();
        String base = "http://127.0.0.1:" + port;
        try (PayaraMicroProcess server = PayaraMicroProcess.start(stack.resolve("payara-micro.jar"), List.of(
                        new Deployment(stack.resolve("registry.war"), "/registry"),
                        new Deployment(stack.resolve("adapters-" + ORGANISATION + ".war"), "/adapters/" + ORGANISATION),
                        new Deployment(stack.resolve("trust-anchor.war"), "/trust")),
                settings(base, work),
                work, List.of("/registry/services/registry?wsdl", "/adapters/" + ORGANISATION + "/services/repository?wsdl",
                        "/trust/jwks"),
                Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port)) {
            URI root = server.uri("/");
            TestKit kit = new TestKit(Path.of(System.getProperty("nist.kit", "nist-testkit")));
            EXPLAINED_TESTS.forEach((test, reason) -> kit.sections(test)
                    .forEach(section -> EXPLAINED.put(test + "/" + section, reason)));
            // Queries go to the registry and the responding gateway as a trusted gateway sends them: with XUA.
            XuaCaller xua = new XuaCaller(Path.of("target", "conformance-xua"), work.resolve("data").resolve("xua-trusted"));
            // Submissions come from the hospital's EHR system, under its own client-credentials token.
            KitRunner runner = new KitRunner(kit, new DhoTarget(root, ORGANISATION, HOME, xua,
                    new SystemCaller(server.uri("/trust"), SystemCaller.SYKEHUS_EHR,
                            SystemCaller.REGISTER + " " + SystemCaller.PROVIDE)));
            List<SectionResult> registry = runner.run(REGISTRY);
            List<SectionResult> repository = runner.run(REPOSITORY_AND_GATEWAY);

            List<SectionResult> all = new ArrayList<>(registry);
            all.addAll(repository);
            ResultTable total = new ResultTable(all);
            System.out.println(total.table());
            System.out.println(total.summary());
            String report = "# NIST XDS test kit results\n\n"
                    + "Run by `./dho test` (`conformance-tests`, KitConformanceIT): one Payara Micro with the registry "
                    + "WAR (embedded H2) and the adapters WAR as organisation `" + ORGANISATION + "` (document "
                    + "repository and XCA responding gateway, homeCommunityId `" + HOME + "`). The kit's plans from "
                    + "`conformance-tests/nist-testkit` are executed over SOAP 1.2 (MTOM for provide and register): ebRIM 2.1 "
                    + "submissions translated to 3.0, ids and reports carried between steps, patients fed through "
                    + "`PUT /registry/admin/patients/{authority}/{id}`; stored queries and the responding-gateway steps "
                    + "carry an XUA assertion from a test gateway the stack trusts, naming the query's patient or, for "
                    + "a query or retrieve by id, the patient of the submissions whose ids the step uses (a user is "
                    + "vouched for about one patient and is shown only that patient's objects); "
                    + "submissions and feeds come from the hospital's EHR system under its own client-credentials token "
                    + "from the stack's trust anchor (the kit's source and repository ids are registered as the "
                    + "hospital's, since an organisation registers only its own pointers). The kit subset holds no XUA "
                    + "test plans: the assertion variants it would check (expired, not yet valid, unsigned, unknown "
                    + "audience, second role, second purpose of use) are tested by XuaAssertionsTest and the "
                    + "integration tests instead. A section passes when every step's status, "
                    + "error codes, contents, documents and assertions match the plan; for steps the plan expects "
                    + "to fail, the table shows what the server answered.\n\n**Total: " + total.summary() + "**\n\n"
                    + new ResultTable(registry).markdown("Document Registry (register, lifecycle, folders, stored queries)",
                            EXPLAINED)
                    + new ResultTable(repository).markdown("Document Repository and XCA Responding Gateway", EXPLAINED);
            Files.writeString(Path.of(System.getProperty("results.file", "RESULTS.md")), report);

            Map<String, String> unexpected = new TreeMap<>();
            for (SectionResult r : all) {
                if (r.verdict() != SectionResult.Verdict.PASS && !EXPLAINED.containsKey(r.id().toString())) {
                    unexpected.put(r.id().toString(), r.verdict() + ": " + r.detail());
                }
            }
            assertEquals(Map.of(), unexpected, "kit sections that do not pass and are not explained");
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
