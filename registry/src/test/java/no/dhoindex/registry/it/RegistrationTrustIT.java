package no.dhoindex.registry.it;

import static no.dhoindex.registry.it.RegistryClient.documentUniqueIds;
import static no.dhoindex.registry.it.RegistryClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SubmissionBuilder.Document;
import no.dhoindex.testsupport.SyntheticIds;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registrations come from an organisation's own system under its HelseID client-credentials token,
 * and an organisation registers pointers to its own data only: every other case is a SOAP Fault
 * with 401/403 and nothing is stored.
 */
class RegistrationTrustIT {

    private static final String KOMMUNE_SOURCE = "2.16.578.1.12.4.1.7.1.3";
    private static final String KOMMUNE_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";

    private PayaraMicroProcess server;
    private URI endpoint;
    private RegistryClient hospital;
    private SystemCaller municipality;
    /** Each test's patient: what it registers is looked for as that patient's. */
    private String patient;

    @BeforeEach
    void connect() {
        server = RegistryServers.h2();
        endpoint = server.uri("/registry/services/registry");
        hospital = new RegistryClient(endpoint, RegistryServers.dataDir(server), RegistryServers.hospital(server));
        municipality = new SystemCaller(RegistryServers.trustAnchor(server), "kommune-adapter", SystemCaller.REGISTER);
        patient = SyntheticIds.next();
    }

    /** The document if it is stored for {@code patient}. */
    private Set<String> stored(String patient, Document document) {
        return documentUniqueIds(hospital.about(patient).found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId()))));
    }

    private static void assertRefused(int status, String reason, Soap.Reply reply) {
        assertTrue(reply.isFault(), reply::toString);
        assertEquals(status, reply.httpStatus(), reply::toString);
        assertTrue(reply.text().contains(reason), reply::toString);
    }

    @Test
    void anOrganisationsOwnSystemRegistersItsOwnPointers() {
        Document document = SubmissionBuilder.document();
        Soap.Reply reply = municipality.register(endpoint, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", document).build());
        assertTrue(reply.isSuccess(), reply::toString);
        assertEquals(Set.of(document.uniqueId()), stored(patient, document));
    }

    @Test
    void aRegistrationWithoutATokenIsRefused() {
        Document document = SubmissionBuilder.document();
        Soap.Reply reply = Soap.call(endpoint, XdsActions.ITI_42,
                SubmissionBuilder.forPatient(patient).add("Doc1", document).build());
        assertRefused(401, "no access token", reply);
        assertEquals(Set.of(), stored(patient, document));
    }

    @Test
    void aTokenWithoutTheRegisterScopeIsRefused() {
        SystemCaller ehr = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.KOMMUNE_EHR,
                SystemCaller.PROVIDE);
        Document document = SubmissionBuilder.document();
        Soap.Reply reply = ehr.register(endpoint, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", document).build());
        assertRefused(403, "scope", reply);
        assertEquals(Set.of(), stored(patient, document));
    }

    @Test
    void anotherOrganisationsPointersAreNeverRegistered() {
        Document document = SubmissionBuilder.document();
        // The municipality's system sends the hospital's submission (source and repository the hospital's).
        Soap.Reply reply = municipality.register(endpoint,
                SubmissionBuilder.forPatient(patient).add("Doc1", document).build());
        assertRefused(403, "921234567", reply);
        assertEquals(Set.of(), stored(patient, document));

        Document ownRepositoryOtherSource = SubmissionBuilder.document();
        Soap.Reply mixed = municipality.register(endpoint, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, "2.16.578.1.12.4.1.7.1.2.1").add("Doc1", ownRepositoryOtherSource).build());
        assertRefused(403, "repository", mixed);
        assertEquals(Set.of(), stored(patient, ownRepositoryOtherSource));
    }

    @Test
    void anotherOrganisationAsAuthorIsRefused() {
        Document document = SubmissionBuilder.document()
                .set("authorInstitution", "Demo sykehus^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^974589095");
        Soap.Reply reply = municipality.register(endpoint, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", document).build());
        assertRefused(403, "author organisation 974589095", reply);
        assertEquals(Set.of(), stored(patient, document));
    }

    @Test
    void anotherOrganisationsDocumentIsNeverReplaced() {
        String patient = SyntheticIds.next();
        Document original = SubmissionBuilder.document();
        hospital.registered(SubmissionBuilder.forPatient(patient).add("Doc1", original).build());
        String originalUuid = hospital.about(patient).uuidOf(original.uniqueId());

        Document replacement = SubmissionBuilder.document();
        Soap.Reply reply = municipality.register(endpoint, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc2", replacement)
                .relate(StoredQueryContract.RPLC, "Doc2", originalUuid).build());
        assertRefused(403, "another organisation", reply);
        assertEquals(Set.of(), stored(patient, replacement));
        Soap.Reply still = hospital.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(original.uniqueId())));
        assertEquals(java.util.List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"),
                RegistryClient.statuses(still), still::toString);
    }

    @Test
    void aReplayedProofIsRefused() {
        Map<String, String> headers = municipality.headers("POST", endpoint);
        Document first = SubmissionBuilder.document();
        Soap.Reply accepted = Soap.call(endpoint, XdsActions.ITI_42, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", first).build(), headers);
        assertTrue(accepted.isSuccess(), accepted::toString);
        Document second = SubmissionBuilder.document();
        Soap.Reply replayed = Soap.call(endpoint, XdsActions.ITI_42, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", second).build(), headers);
        assertRefused(401, "DPoP", replayed);
        assertEquals(Set.of(), stored(patient, second));
    }

    @Test
    void aTokenSignedByAnyoneButTheIssuerIsRefused() {
        // Every claim right, the signature an impostor's.
        ECKey dpop = TokenMinter.newDpopKey();
        TokenMinter impostor = new TokenMinter(TokenMinter.newSigningKey(), RegistryServers.trustAnchor(server).toString(),
                Clock.systemUTC());
        String token = impostor.sign(impostor.claims("nhn:dho-index", dpop, Duration.ofMinutes(5))
                .subject("kommune-adapter").claim("scope", SystemCaller.REGISTER).claim(Claims.CLIENT_ID, "kommune-adapter")
                .claim(Claims.ORGNR_PARENT, "921234567").build());
        Document document = SubmissionBuilder.document();
        Soap.Reply reply = Soap.call(endpoint, XdsActions.ITI_42, SubmissionBuilder.forPatient(patient)
                        .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", document).build(),
                Map.of("Authorization", "DPoP " + token,
                        "DPoP", TokenMinter.dpopProof(dpop, "POST", endpoint, token, Instant.now())));
        assertRefused(401, "signing key", reply);
        assertEquals(Set.of(), stored(patient, document));
    }

    @Test
    void thePatientFeedAnswersOrganisationsSystemsOnly() throws Exception {
        URI feed = server.uri("/registry/admin/patients/1.3.6.1.4.1.21367.13.20.1000/TRUST" + System.nanoTime());
        java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(feed).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP"));
        var request = java.net.http.HttpRequest.newBuilder(feed).PUT(java.net.http.HttpRequest.BodyPublishers.noBody());
        municipality.headers("PUT", feed).forEach(request::header);
        assertEquals(201, java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private java.net.http.HttpResponse<String> own(SystemCaller caller, String uniqueId) throws Exception {
        URI uri = server.uri("/registry/admin/own/submission-sets/" + uniqueId);
        var request = java.net.http.HttpRequest.newBuilder(uri).GET();
        if (caller != null) {
            caller.headers("GET", uri).forEach(request::header);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOrganisationReadsItsOwnSubmissionSetAndNoOneElses() throws Exception {
        Document document = SubmissionBuilder.document();
        SubmissionBuilder submission = SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", document);
        String setUniqueId = submission.submissionSetUniqueId();
        assertEquals(404, own(municipality, setUniqueId).statusCode(), "not registered yet");
        assertTrue(municipality.register(endpoint, submission.build()).isSuccess());

        var found = own(municipality, setUniqueId);
        assertEquals(200, found.statusCode(), found::body);
        String body = found.body().replace(" ", "");
        assertTrue(body.contains("\"uniqueId\":\"" + setUniqueId + "\""), body);
        assertTrue(body.contains("\"status\":\"APPROVED\""), body);
        assertTrue(body.contains("\"patient\":\"" + patient + "^^^"), body);
        assertTrue(body.contains("\"documents\":[{\"uniqueId\":\"" + document.uniqueId() + "\",\"entryUuid\":\"urn:uuid:"),
                body);
        assertTrue(body.contains("\"hash\":\"4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e\",\"size\":1024}]"), body);

        // Another organisation's set is absent exactly like a missing one; without a token: 401.
        SystemCaller hospitalSystem = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.SYKEHUS_ADAPTER,
                SystemCaller.REGISTER);
        var foreign = own(hospitalSystem, setUniqueId);
        assertEquals(404, foreign.statusCode(), foreign::body);
        assertEquals(401, own(null, setUniqueId).statusCode());
    }
}
