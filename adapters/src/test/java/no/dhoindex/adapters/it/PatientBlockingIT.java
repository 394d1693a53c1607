package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.KOMMUNE_REPOSITORY;
import static no.dhoindex.adapters.it.AdapterStack.SYKEHUS_REPOSITORY;
import static no.dhoindex.adapters.it.RespondingGatewayIT.KOMMUNE;
import static no.dhoindex.adapters.it.RespondingGatewayIT.SYKEHUS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/**
 * A patient's blocking (sperring) of an organisation's data, honoured at the source: set and
 * lifted through the adapter's admin API, applied to ITI-38, ITI-39 and ITI-43 on a repository
 * organisation (sykehus) and a FHIR organisation (kommune).
 */
class PatientBlockingIT {

    private static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> admin(String method, String org, String authority, String id,
                                              String recipient) throws Exception {
        return AdapterStack.admin(org, method, "/blocks/" + authority + "/" + id
                + (recipient == null ? "" : "?recipient=" + recipient));
    }

    private static HttpResponse<String> admin(String method, String org, String fnr, String recipient)
            throws Exception {
        return admin(method, org, Samples.NATIONAL_ID_OID, fnr, recipient);
    }

    private static Soap.Reply crossGatewayQuery(String org, String fnr, String type) {
        Soap.Reply reply = RespondingGatewayIT.asGateway(org, XdsActions.ITI_38,
                StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                        .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                        .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                        .slot("$XDSDocumentEntryType", "('" + type + "')").build(), fnr);
        assertTrue(reply.isSuccess(), reply::toString);
        return reply;
    }

    /** ITI-43 at the organisation's repository, for the tests' clinician (HPR 9144897) vouched for by XUA about {@code fnr}. */
    private static Soap.Reply retrieve(String org, String repository, String uniqueId, String fnr) {
        return AdapterStack.retrieveFromRepository(org, RespondingGatewayIT.home(org),
                Samples.retrieve(null, repository, uniqueId), fnr);
    }

    /** ITI-39 for a clinician whose assertion names {@code fnr}, the patient the document is about. */
    private static Soap.Reply crossGatewayRetrieve(String org, String community, String repository, String uniqueId,
                                                   String fnr) {
        return RespondingGatewayIT.asGateway(org, XdsActions.ITI_39, Samples.retrieve(community, repository, uniqueId),
                fnr);
    }

    /** Refused as if the document did not exist: nothing tells the requester it does. */
    private static void refusedAsUnknown(Soap.Reply reply) {
        assertEquals(Soap.FAILURE, reply.status(), reply::toString);
        assertEquals(List.of("XDSDocumentUniqueIdError"), reply.errorCodes(), reply::toString);
        assertTrue(Mtom.documents(reply).isEmpty(), reply::toString);
    }

    @Test
    void hospitalWithholdsABlockedPatientsDocumentsUntilTheBlockIsLifted() throws Exception {
        byte[] content = "<notat>sperres av pasienten</notat>".getBytes(StandardCharsets.UTF_8);
        String uniqueId = RespondingGatewayIT.provided(Samples.PATIENT_C, "N", content);
        assertTrue(crossGatewayQuery("sykehus", Samples.PATIENT_C, STABLE).text().contains(uniqueId));

        assertEquals(204, admin("PUT", "sykehus", Samples.PATIENT_C, null).statusCode());
        try {
            Soap.Reply found = crossGatewayQuery("sykehus", Samples.PATIENT_C, STABLE);
            assertEquals(0, found.count("ExtrinsicObject"), "nothing of the patient is shared: " + found);
            assertTrue(found.errorCodes().isEmpty(), found::toString);
            refusedAsUnknown(retrieve("sykehus", SYKEHUS_REPOSITORY, uniqueId, Samples.PATIENT_C));
            refusedAsUnknown(crossGatewayRetrieve("sykehus", SYKEHUS, SYKEHUS_REPOSITORY, uniqueId, Samples.PATIENT_C));
            assertTrue(admin("GET", "sykehus", Samples.PATIENT_C, null).body().contains("\"everyone\""));
        } finally {
            assertEquals(204, admin("DELETE", "sykehus", Samples.PATIENT_C, null).statusCode());
        }
        assertTrue(crossGatewayQuery("sykehus", Samples.PATIENT_C, STABLE).text().contains(uniqueId));
        Soap.Reply retrieved = retrieve("sykehus", SYKEHUS_REPOSITORY, uniqueId, Samples.PATIENT_C);
        assertTrue(retrieved.isSuccess(), retrieved::toString);
        assertArrayEquals(content, Mtom.documents(retrieved).get(uniqueId));
        assertEquals(404, admin("DELETE", "sykehus", Samples.PATIENT_C, null).statusCode(), "already lifted");
    }

    @Test
    void municipalityWithholdsABlockedPatientsPlatformDataUntilTheBlockIsLifted() throws Exception {
        Soap.Reply shared = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> crossGatewayQuery("kommune", Samples.PATIENT_B, RegistryPointers.ON_DEMAND),
                r -> r.count("ExtrinsicObject") == 3);
        assertEquals(3, shared.count("ExtrinsicObject"), shared::toString);
        String uniqueId = RegistryPointers.pointers(shared).get(0).uniqueId();

        assertEquals(204, admin("PUT", "kommune", Samples.PATIENT_B, null).statusCode());
        try {
            Soap.Reply found = crossGatewayQuery("kommune", Samples.PATIENT_B, RegistryPointers.ON_DEMAND);
            assertEquals(0, found.count("ExtrinsicObject"), "nothing of the patient is shared: " + found);
            refusedAsUnknown(retrieve("kommune", KOMMUNE_REPOSITORY, uniqueId, Samples.PATIENT_B));
            refusedAsUnknown(crossGatewayRetrieve("kommune", KOMMUNE, KOMMUNE_REPOSITORY, uniqueId, Samples.PATIENT_B));
        } finally {
            assertEquals(204, admin("DELETE", "kommune", Samples.PATIENT_B, null).statusCode());
        }
        assertEquals(3, crossGatewayQuery("kommune", Samples.PATIENT_B, RegistryPointers.ON_DEMAND)
                .count("ExtrinsicObject"));
        Soap.Reply live = crossGatewayRetrieve("kommune", KOMMUNE, KOMMUNE_REPOSITORY, uniqueId, Samples.PATIENT_B);
        assertTrue(live.isSuccess(), live::toString);
        assertTrue(new String(Mtom.documents(live).get(uniqueId), StandardCharsets.UTF_8).contains("\"Bundle\""));
    }

    /**
     * Across communities the requester is known from the gateway's XUA assertion: a block towards that
     * health professional hides the patient's data from them, and only from them.
     */
    @Test
    void blockTowardsTheAskingProfessionalHidesTheDataFromThem() throws Exception {
        byte[] content = "<notat>sperret for Anne Lege</notat>".getBytes(StandardCharsets.UTF_8);
        String uniqueId = RespondingGatewayIT.provided(Samples.PATIENT_C, "N", content);
        assertEquals(204, admin("PUT", "sykehus", Samples.PATIENT_C, "hpr:9144897").statusCode());
        try {
            // XuaCaller's clinician is HPR 9144897.
            assertFalse(crossGatewayQuery("sykehus", Samples.PATIENT_C, STABLE).text().contains(uniqueId));
            refusedAsUnknown(crossGatewayRetrieve("sykehus", SYKEHUS, SYKEHUS_REPOSITORY, uniqueId, Samples.PATIENT_C));
        } finally {
            assertEquals(204, admin("DELETE", "sykehus", Samples.PATIENT_C, "hpr:9144897").statusCode());
        }
        assertTrue(crossGatewayQuery("sykehus", Samples.PATIENT_C, STABLE).text().contains(uniqueId));
    }

    /** A block towards one health professional hides nothing from another (the XUA assertion says who asks). */
    @Test
    void blockTowardsAnotherProfessionalHidesNothingFromThisOne() throws Exception {
        byte[] content = "<notat>sperret for én lege</notat>".getBytes(StandardCharsets.UTF_8);
        String uniqueId = RespondingGatewayIT.provided(Samples.PATIENT_C, "N", content);

        assertEquals(204, admin("PUT", "sykehus", Samples.PATIENT_C, "hpr:9144889").statusCode());
        try {
            assertEquals(204, admin("PUT", "sykehus", Samples.PATIENT_C, "hpr:9144889").statusCode(), "idempotent");
            String listed = admin("GET", "sykehus", Samples.PATIENT_C, null).body();
            assertTrue(listed.contains("\"hpr:9144889\"") && !listed.contains("everyone"), listed);
            assertTrue(crossGatewayQuery("sykehus", Samples.PATIENT_C, STABLE).text().contains(uniqueId));
            Soap.Reply retrieved = retrieve("sykehus", SYKEHUS_REPOSITORY, uniqueId, Samples.PATIENT_C);
            assertTrue(retrieved.isSuccess(), retrieved::toString);
            assertEquals(404, admin("DELETE", "sykehus", Samples.PATIENT_C, null).statusCode(),
                    "no block towards everyone to lift");
        } finally {
            assertEquals(204, admin("DELETE", "sykehus", Samples.PATIENT_C, "hpr:9144889").statusCode());
        }
        assertFalse(admin("GET", "sykehus", Samples.PATIENT_C, null).body().contains("hpr:9144889"));
    }

    @Test
    void badBlockRequestsAreRefusedWith400AndAProblem() throws Exception {
        List<HttpResponse<String>> bad = List.of(
                admin("PUT", "sykehus", "not-an-oid", Samples.PATIENT_C, null),
                admin("PUT", "sykehus", "1505751004", null),
                admin("PUT", "sykehus", Samples.PATIENT_C, "email:lege@example.org"),
                admin("PUT", "sykehus", Samples.PATIENT_C, "orgnr:12"),
                admin("DELETE", "kommune", Samples.PATIENT_C, "hpr:12a"));
        for (HttpResponse<String> response : bad) {
            assertEquals(400, response.statusCode(), response::body);
            assertTrue(response.body().contains("\"detail\""), response::body);
            assertFalse(response.body().contains("Exception"), response::body);
        }
        assertFalse(admin("GET", "sykehus", Samples.PATIENT_C, null).body().contains("hpr:"));
    }

    @Test
    void onlyTheOrganisationsOwnSystemsManageBlocks() throws Exception {
        URI uri = AdapterStack.uri("/adapters/sykehus/admin/blocks/" + Samples.NATIONAL_ID_OID + "/" + Samples.PATIENT_C);
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous::body);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP"));

        // The municipality's EHR may manage the municipality's blocks, not the hospital's.
        var request = HttpRequest.newBuilder(uri).method("PUT", HttpRequest.BodyPublishers.noBody());
        AdapterStack.system("kommune-ehr", no.dhoindex.testsupport.SystemCaller.ADMIN).headers("PUT", uri)
                .forEach(request::header);
        HttpResponse<String> stranger = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, stranger.statusCode(), stranger::body);
        assertFalse(admin("GET", "sykehus", Samples.PATIENT_C, null).body().contains("everyone"));
    }
}
