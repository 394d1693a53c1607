package no.dhoindex.gateway.it;

import static no.dhoindex.gateway.it.GatewayStack.KOMMUNE;
import static no.dhoindex.gateway.it.GatewayStack.SYKEHUS;
import static no.dhoindex.gateway.it.GatewayStack.SYKEHUS_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The federated gateway over HTTP: one ITI-18 / ITI-43 in, the registry and both demo organisations asked. */
class GatewayIT extends StackTest {

    private static final String CID = "document01@dhoindex.no";

    private static URI gateway() {
        return GatewayStack.uri("/gateway/services/xca");
    }

    /** A document provided to the hospital's repository (ITI-41) by its EHR; its uniqueId. */
    static String provided(String fnr, byte[] content) throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(fnr);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply reply = GatewayStack.hospitalEhr().provide(GatewayStack.uri("/adapters/sykehus/services/repository"),
                Samples.provideAndRegister(values, hash, content.length, CID), Map.of(CID, content));
        assertTrue(reply.isSuccess(), reply::toString);
        return values.get("documentUniqueId");
    }

    /** ITI-18 FindDocuments (approved, stable and on-demand) about a patient, as a clinician's system asks. */
    static String findDocuments(String fnr) {
        return StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryType", "('urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',"
                        + "'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')").build();
    }

    /** home attribute → uniqueIds of the DocumentEntries in an answer. */
    private static Map<String, Set<String>> byCommunity(Soap.Reply reply) {
        return reply.elements(Soap.RIM, "ExtrinsicObject").stream().collect(Collectors.groupingBy(
                e -> e.getAttribute("home"), Collectors.mapping(GatewayIT::uniqueId, Collectors.toSet())));
    }

    private static String uniqueId(Element entry) {
        for (var n = entry.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "ExternalIdentifier".equals(e.getLocalName())
                    && "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab".equals(e.getAttribute("identificationScheme"))) {
                return e.getAttribute("value");
            }
        }
        return null;
    }

    @Test
    void oneQueryReturnsTheMergedPointersOfBothOrganisations() throws Exception {
        String hospitalDocument = provided(Samples.PATIENT_A, "<epikrise>gateway</epikrise>".getBytes(StandardCharsets.UTF_8));
        // The municipality's adapter publishes its on-demand pointers for the demo patient by itself.
        Soap.Reply reply = Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(500),
                () -> Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, findDocuments(Samples.PATIENT_A), Samples.PATIENT_A),
                r -> byCommunity(r).containsKey(KOMMUNE) && byCommunity(r).containsKey(GatewayStack.FJELLBYGD));
        assertEquals(Soap.SUCCESS, reply.status(), reply::toString);
        Map<String, Set<String>> found = byCommunity(reply);
        assertTrue(found.get(SYKEHUS).contains(hospitalDocument), reply::toString);
        assertEquals(Set.of(KOMMUNE, SYKEHUS, GatewayStack.FJELLBYGD), found.keySet(),
                "every entry carries its community: " + found.keySet());
        List<String> ids = reply.elements(Soap.RIM, "ExtrinsicObject").stream().map(GatewayIT::uniqueId).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size(), "the registry's copies are merged with the communities' own");
    }

    @Test
    void aBlockedEntryNeverReachesTheClinicianNotEvenAsTheRegistrysCopy() throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_B);
        values.put("confidentialityCode", "NORS");
        byte[] content = "<notat>sperret</notat>".getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply provided = GatewayStack.hospitalEhr().provide(GatewayStack.uri("/adapters/sykehus/services/repository"),
                Samples.provideAndRegister(values, hash, content.length, CID), Map.of(CID, content));
        assertTrue(provided.isSuccess(), provided::toString);
        String visible = provided(Samples.PATIENT_B, "<notat>synlig</notat>".getBytes(StandardCharsets.UTF_8));

        Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, findDocuments(Samples.PATIENT_B),
                Samples.PATIENT_B);
        assertTrue(reply.text().contains(visible), reply::toString);
        assertTrue(!reply.text().contains(values.get("documentUniqueId")), "the NORS entry is not in " + reply);
    }

    @Test
    void aSourceThatNeverAnswersCostsItsDeadlineAndIsReported() throws Exception {
        provided(Samples.PATIENT_C, "<notat>partial</notat>".getBytes(StandardCharsets.UTF_8));
        String silent = "urn:oid:2.16.578.1.12.4.1.7.9.9";
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Added to by the acceptor while the test closes them: the gateway's HttpURLConnection sends a POST again
            // on a connection that breaks (the held one, closed below), so one more may arrive during the loop.
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());   // accepts, reads nothing, answers never
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            GatewayStack.directory("nordnorge", "dho.gateway.community.nordnorge.homeCommunityId=" + silent + "\n"
                    + "dho.gateway.community.nordnorge.url=http://127.0.0.1:" + blackHole.getLocalPort() + "/xca\n"
                    + "dho.gateway.community.nordnorge.deadlineMillis=1500\n"
                    + "dho.gateway.community.nordnorge.alwaysAsked=true\n");

            long started = System.nanoTime();
            Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, findDocuments(Samples.PATIENT_C), Samples.PATIENT_C);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess", reply.status(), reply::toString);
            List<Element> errors = reply.elements(Soap.RS, "RegistryError");
            assertEquals(1, errors.size(), reply::toString);
            assertEquals("XDSUnavailableCommunity", errors.get(0).getAttribute("errorCode"));
            assertEquals(silent, errors.get(0).getAttribute("location"));
            assertTrue(byCommunity(reply).containsKey(SYKEHUS), "the others' answers are kept: " + reply);
            // Functional, not a speed test: the gateway gave up on the silent source instead of waiting on it.
            assertTrue(millis < GatewayStack.OVERALL_DEADLINE_MILLIS + 3000, "answered after " + millis + " ms");
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aSourceThatKeepsFailingIsSkippedByItsBreakerAndStillReported() throws Exception {
        String broken = "urn:oid:2.16.578.1.12.4.1.7.9.8";
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = closed.getLocalPort();
        }
        GatewayStack.directory("vestland", "dho.gateway.community.vestland.homeCommunityId=" + broken + "\n"
                + "dho.gateway.community.vestland.url=http://127.0.0.1:" + deadPort + "/xca\n"
                + "dho.gateway.community.vestland.alwaysAsked=true\n");
        List<String> contexts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, findDocuments(Samples.PATIENT_C), Samples.PATIENT_C);
            assertEquals("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess", reply.status(), reply::toString);
            Element error = reply.elements(Soap.RS, "RegistryError").get(0);
            assertEquals(broken, error.getAttribute("location"));
            contexts.add(error.getAttribute("codeContext"));
        }
        // Five failed calls open the breaker (dho.gateway.breaker.failures=5): the sixth does not call at all.
        assertTrue(contexts.subList(0, 5).stream().noneMatch(c -> c.contains("circuit open")), contexts::toString);
        assertTrue(contexts.get(5).contains("circuit open"), contexts::toString);
    }

    @Test
    void aRetrieveIsRoutedToTheOrganisationThatHoldsTheDocument() throws Exception {
        byte[] content = "<epikrise>hentes via gateway</epikrise>".getBytes(StandardCharsets.UTF_8);
        String uniqueId = provided(Samples.PATIENT_B, content);
        Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_43,
                Samples.retrieve(SYKEHUS, SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_B);
        assertTrue(reply.isSuccess(), reply::toString);
        assertArrayEquals(content, Mtom.documents(reply).get(uniqueId));
        assertEquals(SYKEHUS, reply.elements("urn:ihe:iti:xds-b:2007", "HomeCommunityId").get(0).getTextContent());
    }

    @Test
    void aRetrieveForAnUnknownCommunityIsRefusedWithThatCommunityNamed() throws Exception {
        String uniqueId = provided(Samples.PATIENT_B, "<notat>ukjent fellesskap</notat>".getBytes(StandardCharsets.UTF_8));
        Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_43,
                Samples.retrieve("urn:oid:1.2.3.4.5", SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_B);
        assertEquals(Soap.FAILURE, reply.status(), reply::toString);
        assertEquals(List.of("XDSUnknownCommunity"), reply.errorCodes());
    }

    @Test
    void eachSourceIsMeasuredAtMetrics() throws Exception {
        Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, findDocuments(Samples.PATIENT_A),
                Samples.PATIENT_A);
        assertTrue(reply.status().endsWith("Success"), reply::toString);
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                GatewayStack.uri("/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        for (String source : List.of("registry", "sykehus")) {
            assertTrue(response.body().contains("gateway_source_latency_millis_count{mp_scope=\"application\",source=\""
                    + source + "\"}"), "latency of " + source + " at /metrics");
        }
    }

    @Test
    void aBadQueryIsRefusedBeforeAnyoneIsAsked() {
        Soap.Reply reply = Clinician.ANNE.soap(gateway(), XdsActions.ITI_18, StoredQueryBuilder.query(
                StoredQueryBuilder.FIND_DOCUMENTS).slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .build(), Samples.PATIENT_A);
        assertEquals(Soap.FAILURE, reply.status(), reply::toString);
        assertEquals(List.of("XDSStoredQueryMissingParam"), reply.errorCodes());
    }
}
