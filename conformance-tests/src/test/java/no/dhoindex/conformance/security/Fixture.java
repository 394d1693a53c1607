package no.dhoindex.conformance.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;

/**
 * Two patients with the same kinds of data, provided through the real interfaces: at the hospital
 * (ITI-41 under its EHR's own token) a document with a reference id in a folder, in a submission set,
 * and a second document appended to it (APND); at the municipality the on-demand entries its adapter
 * publishes from the demo platform. Each source's holdings are then read with that patient's own
 * credential, so the matrix knows every object it must never see under the other patient's.
 */
final class Fixture {

    static final String A = Samples.PATIENT_A;
    static final String B = Samples.PATIENT_B;
    /** A's digits under another assigning authority: another person. */
    static final String OTHER_AUTHORITY = "2.16.578.1.12.4.1.4.2";

    private static Fixture instance;

    /** Holdings by source ("registry", "sykehus", "kommune") and patient. */
    private final Map<String, Map<String, Holdings>> holdings;

    private Fixture(Map<String, Map<String, Holdings>> holdings) {
        this.holdings = holdings;
    }

    static synchronized Fixture get() {
        if (instance == null) {
            SecurityStack.server();
            provide(A);
            provide(B);
            instance = new Fixture(Map.of(
                    "registry", Map.of(A, registryHoldings(A), B, registryHoldings(B)),
                    "sykehus", Map.of(A, sourceHoldings("sykehus", A), B, sourceHoldings("sykehus", B)),
                    "kommune", Map.of(A, sourceHoldings("kommune", A), B, sourceHoldings("kommune", B))));
        }
        return instance;
    }

    Holdings at(String source, String patient) {
        return holdings.get(source).get(patient);
    }

    /** Everything any source holds about {@code patient}: none of it may reach another patient's caller. */
    Set<String> markers(String patient) {
        Set<String> all = new LinkedHashSet<>();
        holdings.values().forEach(byPatient -> all.addAll(byPatient.get(patient).markers()));
        return all;
    }

    /** An XUA header vouching for a clinician asking about {@code fnr} (national authority), for {@code audience}. */
    static String xuaFor(String fnr, String audience) {
        return xuaForCx(fnr + "^^^&2.16.578.1.12.4.1.4.1&ISO", audience);
    }

    static String xuaForCx(String cx, String audience) {
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT", "LE",
                cx, audience);
        return XuaCaller.header(SecurityStack.xua().assertion(claims, audience, Duration.ofMinutes(5)));
    }

    private static void provide(String fnr) {
        String first = "urn:uuid:" + UUID.randomUUID();
        byte[] content = padded("<epikrise><pasient>" + fnr + "</pasient></epikrise>");
        SubmissionBuilder.Document document = SubmissionBuilder.document().set("title", "Epikrise " + fnr)
                .set("hash", sha1(content)).set("authorInstitution", INSTITUTION)
                .referenceId("R-" + fnr + "^^^&amp;2.16.578.1.12.4.1.4.102&amp;ISO^urn:ihe:iti:xds:2013:accession");
        SubmissionBuilder submission = SubmissionBuilder.forPatient(fnr).add(first, document)
                .folder("Folder1", Samples.uniqueId(), "A00-1").associate("HasMember", "Folder1", first);
        provide(submission.build(), first, content);

        String second = "urn:uuid:" + UUID.randomUUID();
        byte[] addendum = padded("<tillegg><pasient>" + fnr + "</pasient></tillegg>");
        SubmissionBuilder appended = SubmissionBuilder.forPatient(fnr)
                .add(second, SubmissionBuilder.document().set("title", "Tillegg " + fnr).set("hash", sha1(addendum))
                        .set("authorInstitution", INSTITUTION))
                .relate("urn:ihe:iti:2007:AssociationType:APND", second, first);
        provide(appended.build(), second, addendum);
    }

    private static final String INSTITUTION = "Sykehuset Demo^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^974589095";

    private static void provide(String submitObjects, String documentId, byte[] content) {
        String cid = "doc-" + UUID.randomUUID() + "@dhoindex.no";
        String body = "<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">" + submitObjects
                + "<xdsb:Document id=\"" + documentId + "\">" + no.dhoindex.testsupport.Mtom.include(cid)
                + "</xdsb:Document></xdsb:ProvideAndRegisterDocumentSetRequest>";
        Soap.Reply reply = SecurityStack.hospitalEhr().provide(SecurityStack.repository("sykehus"), body,
                Map.of(cid, content));
        if (!reply.isSuccess()) {
            throw new IllegalStateException("The fixture's ITI-41 failed: " + reply);
        }
    }

    /** The registry's view, once the municipality's on-demand entries for the patient are there too. */
    private static Holdings registryHoldings(String fnr) {
        return Holdings.of(fnr, Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> Soap.callWithHeader(SecurityStack.registry(), XdsActions.ITI_18,
                        QueryCatalogue.getAll(fnr).build(), xuaFor(fnr, XuaCaller.REGISTRY)),
                r -> r.isSuccess() && Holdings.of(fnr, r).documentIn(SecurityStack.KOMMUNE_REPOSITORY).isPresent()
                        && Holdings.of(fnr, r).documentIn(SecurityStack.SYKEHUS_REPOSITORY).isPresent()));
    }

    private static Holdings sourceHoldings(String organisation, String fnr) {
        String home = SecurityStack.home(organisation);
        return Holdings.of(fnr, Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> Soap.callWithHeader(SecurityStack.xca(organisation), XdsActions.ITI_38,
                        QueryCatalogue.getAll(fnr).home(home).build(), xuaFor(fnr, home)),
                r -> r.isSuccess() && Holdings.of(fnr, r).document().isPresent()));
    }

    /** The fixture's documents are 1024 bytes: the size the submission states. */
    private static byte[] padded(String xml) {
        StringBuilder s = new StringBuilder(xml);
        s.append("<!--");
        while (s.length() < 1024 - 3) {
            s.append(' ');
        }
        s.append("-->");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
