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
        // Its HasMember association's id too, so that the organisation can remove the entry with it (ITI-62).
        assertTrue(body.contains("\"hash\":\"4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e\",\"size\":1024,"
                + "\"membership\":\"urn:uuid:"), body);

        // Another organisation's set is absent exactly like a missing one; without a token: 401.
        SystemCaller hospitalSystem = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.SYKEHUS_ADAPTER,
                SystemCaller.REGISTER);
        var foreign = own(hospitalSystem, setUniqueId);
        assertEquals(404, foreign.statusCode(), foreign::body);
        assertEquals(401, own(null, setUniqueId).statusCode());
    }

    private java.net.http.HttpResponse<String> ownCall(SystemCaller caller, String method, String pathAndQuery)
            throws Exception {
        URI uri = server.uri("/registry/admin/own/" + pathAndQuery);
        var request = java.net.http.HttpRequest.newBuilder(uri).method(method,
                java.net.http.HttpRequest.BodyPublishers.noBody());
        if (caller != null) {
            caller.headers(method, uri).forEach(request::header);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String patientQuery(String fnr) {
        return "patient=" + java.net.URLEncoder.encode(fnr + "^^^&2.16.578.1.12.4.1.4.1&ISO",
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static jakarta.json.JsonObject json(java.net.http.HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject();
    }

    private static java.util.List<String> uniqueIds(jakarta.json.JsonObject page) {
        return page.getJsonArray("documents").getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(d -> d.getString("uniqueId")).toList();
    }

    @Test
    void anOrganisationListsItsOwnDocumentsPageByPageAndNoOneElses() throws Exception {
        Document first = SubmissionBuilder.document();
        Document second = SubmissionBuilder.document();
        Document third = SubmissionBuilder.document();
        SubmissionBuilder submission = SubmissionBuilder.forPatient(patient).fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY)
                .add("Doc1", first).add("Doc2", second).add("Doc3", third);
        String setUniqueId = submission.submissionSetUniqueId();
        assertTrue(municipality.register(endpoint, submission.build()).isSuccess());
        Document hospitals = SubmissionBuilder.document();
        hospital.registered(SubmissionBuilder.forPatient(patient).add("Doc1", hospitals).build());

        // The municipality's EHR (admin scope) reads what the municipality registered, two at a time.
        SystemCaller ehr = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.KOMMUNE_EHR,
                SystemCaller.ADMIN);
        jakarta.json.JsonObject page1 = json(ownCall(ehr, "GET", "documents?" + patientQuery(patient) + "&limit=2"));
        assertEquals(2, page1.getJsonArray("documents").size(), page1::toString);
        String next = page1.getString("next");
        jakarta.json.JsonObject page2 = json(ownCall(ehr, "GET", "documents?" + patientQuery(patient) + "&limit=2&after="
                + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(page2.isNull("next"), page2::toString);
        java.util.List<String> listed = new java.util.ArrayList<>(uniqueIds(page1));
        listed.addAll(uniqueIds(page2));
        assertEquals(Set.of(first.uniqueId(), second.uniqueId(), third.uniqueId()), Set.copyOf(listed));
        assertEquals(3, listed.size(), "each once");
        java.util.List<String> entryUuids = java.util.stream.Stream.concat(
                page1.getJsonArray("documents").getValuesAs(jakarta.json.JsonObject.class).stream(),
                page2.getJsonArray("documents").getValuesAs(jakarta.json.JsonObject.class).stream())
                .map(d -> d.getString("entryUuid")).toList();
        assertEquals(entryUuids.stream().sorted().toList(), entryUuids, "ordered by entryUUID");
        jakarta.json.JsonObject one = page1.getJsonArray("documents").getJsonObject(0);
        assertEquals(patient + "^^^&2.16.578.1.12.4.1.4.1&ISO", one.getString("patient"));
        assertEquals("APPROVED", one.getString("status"));
        assertEquals(KOMMUNE_REPOSITORY, one.getString("repositoryUniqueId"));
        assertEquals(setUniqueId, one.getString("submissionSetUniqueId"));
        assertEquals("4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e", one.getString("hash"));
        assertEquals(1024, one.getInt("size"));

        // The hospital's adapter (register scope) sees its own document only, never the municipality's.
        SystemCaller hospitalSystem = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.SYKEHUS_ADAPTER,
                SystemCaller.REGISTER);
        assertEquals(java.util.List.of(hospitals.uniqueId()),
                uniqueIds(json(ownCall(hospitalSystem, "GET", "documents?" + patientQuery(patient)))));
        // Bad input and missing credentials.
        assertEquals(400, ownCall(ehr, "GET", "documents?limit=1001").statusCode());
        assertEquals(400, ownCall(ehr, "GET", "documents?patient=nonsense").statusCode());
        assertEquals(401, ownCall(null, "GET", "documents").statusCode());
        SystemCaller providing = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.KOMMUNE_EHR,
                SystemCaller.PROVIDE);
        assertEquals(403, ownCall(providing, "GET", "documents").statusCode());
    }

    @Test
    void anOrganisationDeprecatesItsOwnDocumentOnly() throws Exception {
        Document document = SubmissionBuilder.document();
        assertTrue(municipality.register(endpoint, SubmissionBuilder.forPatient(patient)
                .fromSource(KOMMUNE_SOURCE, KOMMUNE_REPOSITORY).add("Doc1", document).build()).isSuccess());
        String entryUuid = hospital.about(patient).uuidOf(document.uniqueId());
        String path = "documents/" + java.net.URLEncoder.encode(entryUuid, java.nio.charset.StandardCharsets.UTF_8)
                + "/deprecate";

        // Another organisation's document is answered exactly as an unknown one, and left as it is.
        SystemCaller hospitalSystem = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.SYKEHUS_ADAPTER,
                SystemCaller.REGISTER);
        var foreign = ownCall(hospitalSystem, "POST", path);
        var unknown = ownCall(hospitalSystem, "POST", "documents/urn:uuid:" + java.util.UUID.randomUUID() + "/deprecate");
        assertEquals(404, foreign.statusCode(), foreign::body);
        assertEquals(404, unknown.statusCode(), unknown::body);
        assertEquals(unknown.body().replaceAll("urn:uuid:[0-9a-f-]+", "?"),
                foreign.body().replaceAll("urn:uuid:[0-9a-f-]+", "?"));
        assertEquals(401, ownCall(null, "POST", path).statusCode());
        assertEquals(java.util.List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"), RegistryClient.statuses(
                hospital.about(patient).found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                        .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId())))));

        SystemCaller ehr = new SystemCaller(RegistryServers.trustAnchor(server), SystemCaller.KOMMUNE_EHR,
                SystemCaller.ADMIN);
        var deprecated = ownCall(ehr, "POST", path);
        assertEquals(200, deprecated.statusCode(), deprecated::body);
        assertEquals(200, ownCall(municipality, "POST", path).statusCode(), "again: the same");
        assertEquals(java.util.List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"), RegistryClient.statuses(
                hospital.about(patient).found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                        .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId())))));
        assertEquals("DEPRECATED", json(ownCall(ehr, "GET", "documents?" + patientQuery(patient)))
                .getJsonArray("documents").getJsonObject(0).getString("status"));
    }
}
