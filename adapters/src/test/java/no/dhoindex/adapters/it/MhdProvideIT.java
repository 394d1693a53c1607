package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.SYKEHUS_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.dhoindex.adapters.mhd.MhdSamples;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SystemCaller;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * MHD ITI-65 at the hospital's repository adapter over HTTP: a Provide Document Bundle from the
 * hospital's own system is stored, registered (the registry's ITI-18 finds it) and retrieved byte for
 * byte (ITI-43); every refusal stores nothing. Also the FHIR endpoint's CapabilityStatement and OpenAPI.
 */
class MhdProvideIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * The FHIR application answers before the tests' first proof is made: its first request on a
     * loaded machine initialises JAX-RS and HAPI, longer than a DPoP proof's acceptance window.
     */
    @org.junit.jupiter.api.BeforeAll
    static void theFhirEndpointAnswers() {
        HttpResponse<String> metadata = Eventually.await(Duration.ofMinutes(2), Duration.ofMillis(500), () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(fhir() + "/metadata")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.statusCode() == 200);
        assertEquals(200, metadata.statusCode());
    }

    private static URI fhir() {
        return AdapterStack.uri("/adapters/sykehus/fhir");
    }

    private static byte[] content(String text) {
        return ("<epikrise>" + text + "</epikrise>").getBytes(StandardCharsets.UTF_8);
    }

    private static Bundle bundle(String documentUniqueId, byte[] content) {
        return MhdSamples.provide(Samples.PATIENT_A, MhdSamples.SYKEHUS_SOURCE, documentUniqueId, Samples.uniqueId(),
                content);
    }

    private static HttpResponse<String> post(Bundle bundle, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fhir()).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(bundle)));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the hospital's EHR provides: its own DPoP-bound client-credentials token with the provide scope. */
    private static HttpResponse<String> provide(Bundle bundle) throws Exception {
        return post(bundle, AdapterStack.system("sykehus-ehr", SystemCaller.PROVIDE).headers("POST", fhir()));
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private static int registered(String uniqueId) {
        Soap.Reply reply = AdapterStack.xua().query(AdapterStack.uri("/registry/services/registry"), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')")
                .build());
        assertTrue(reply.isSuccess(), reply::toString);
        return reply.count("ExtrinsicObject");
    }

    private static Soap.Reply retrieve(String uniqueId) {
        return AdapterStack.retrieveFromRepository("sykehus", RespondingGatewayIT.SYKEHUS,
                Samples.retrieve(null, SYKEHUS_REPOSITORY, uniqueId), Samples.PATIENT_A);
    }

    private static void nothingStored(String uniqueId) {
        assertEquals(0, registered(uniqueId), "nothing registered");
        assertEquals(List.of("XDSDocumentUniqueIdError"), retrieve(uniqueId).errorCodes(), "nothing served");
    }

    @Test
    void aProvidedBundleIsFoundAtTheRegistryAndRetrievedByteIdentical() throws Exception {
        String uniqueId = Samples.uniqueId();
        byte[] document = content("Levert med MHD ITI-65. Æ Ø Å.");
        HttpResponse<String> response = provide(bundle(uniqueId, document));
        assertEquals(200, response.statusCode(), response.body());
        Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, answer.getType());
        assertEquals(3, answer.getEntry().size());
        assertTrue(answer.getEntry().stream().allMatch(e -> e.getResponse().getStatus().startsWith("201")));
        assertTrue(answer.getEntry().get(1).getResponse().getLocation().startsWith("DocumentReference/"));

        Soap.Reply found = AdapterStack.xua().query(AdapterStack.uri("/registry/services/registry"), StoredQueryBuilder
                .query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')")
                .build());
        assertEquals(1, found.count("ExtrinsicObject"), found::toString);
        assertTrue(found.text().contains(SYKEHUS_REPOSITORY), "the repository stamped its id");
        Soap.Reply retrieved = retrieve(uniqueId);
        assertTrue(retrieved.isSuccess(), retrieved::toString);
        assertArrayEquals(document, Mtom.documents(retrieved).get(uniqueId));
    }

    @Test
    void aBadBundleIs400WithAnOperationOutcomeAndNothingIsStored() throws Exception {
        String uniqueId = Samples.uniqueId();
        Bundle withoutBinary = bundle(uniqueId, content("uten Binary"));
        withoutBinary.getEntry().remove(2);
        HttpResponse<String> response = provide(withoutBinary);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(outcome(response).getIssueFirstRep().getDiagnostics().contains("Binary"), response.body());
        nothingStored(uniqueId);

        HttpResponse<String> unauthenticated = post(bundle(uniqueId, content("x")), Map.of());
        assertEquals(401, unauthenticated.statusCode(), "the token is checked before the body is read");
        HttpResponse<String> garbage = HTTP.send(HttpRequest.newBuilder(fhir()).header("Content-Type",
                "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\": \"Bundle\", ["))
                .headers(flat(AdapterStack.system("sykehus-ehr", SystemCaller.PROVIDE).headers("POST", fhir())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, garbage.statusCode(), garbage.body());
        assertTrue(garbage.body().contains("OperationOutcome") && !garbage.body().contains("Exception"), garbage.body());
    }

    @Test
    void metadataXdsRefusesIsTheRepositorysMetadataErrorThroughTheOneTable() throws Exception {
        String uniqueId = Samples.uniqueId();
        byte[] document = content("feil hash");
        Bundle wrongHash = bundle(uniqueId, document);
        ((org.hl7.fhir.r4.model.DocumentReference) wrongHash.getEntry().get(1).getResource()).getContentFirstRep()
                .getAttachment().setHash(MhdSamples.sha1("noe annet".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = provide(wrongHash);
        assertEquals(422, response.statusCode(), response.body());
        OperationOutcome outcome = outcome(response);
        assertEquals(List.of("XDSRepositoryMetadataError", "XDSNonIdenticalHash"), outcome.getIssue().stream()
                .map(i -> i.getDetails().getText()).toList());
        assertEquals(OperationOutcome.IssueType.INVALID, outcome.getIssueFirstRep().getCode());
        nothingStored(uniqueId);
    }

    @Test
    void withoutATokenWithAUsersTokenOrAnotherOrganisationsSystemNothingIsStored() throws Exception {
        String uniqueId = Samples.uniqueId();
        Bundle bundle = bundle(uniqueId, content("uten rett"));
        HttpResponse<String> anonymous = post(bundle, Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP"));
        assertEquals(OperationOutcome.IssueType.LOGIN, outcome(anonymous).getIssueFirstRep().getCode());

        HttpResponse<String> user = post(bundle, userToken());
        assertTrue(user.statusCode() == 401 || user.statusCode() == 403, user.statusCode() + " " + user.body());

        HttpResponse<String> kommune = post(bundle, AdapterStack.system("kommune-ehr", SystemCaller.PROVIDE)
                .headers("POST", fhir()));
        assertEquals(403, kommune.statusCode(), kommune.body());
        nothingStored(uniqueId);
    }

    @Test
    void anotherOrganisationsSourceIdIsRefusedAndNothingIsStored() throws Exception {
        String uniqueId = Samples.uniqueId();
        Bundle bundle = MhdSamples.provide(Samples.PATIENT_A, "2.16.578.1.12.4.1.7.1.3", uniqueId, Samples.uniqueId(),
                content("kommunens kilde"));
        HttpResponse<String> response = provide(bundle);
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(OperationOutcome.IssueType.FORBIDDEN, outcome(response).getIssueFirstRep().getCode());
        nothingStored(uniqueId);
    }

    @Test
    void aRegistryThatIsDownLeavesNothingHalfStored() throws Exception {
        String uniqueId = Samples.uniqueId();
        byte[] document = content("registeret nede");
        Bundle bundle = bundle(uniqueId, document);
        AdapterStack.registryProxy().dropRequests("RegisterDocumentSet-b", 1000);
        HttpResponse<String> response;
        int dropped;
        try {
            response = provide(bundle);
        } finally {
            dropped = AdapterStack.registryProxy().dropped();
            AdapterStack.registryProxy().dropRequests("RegisterDocumentSet-b", 0);
        }
        assertTrue(dropped > 0, "the registration never reached the registry");
        assertEquals(500, response.statusCode(), response.body());
        assertEquals("XDSRegistryError", outcome(response).getIssueFirstRep().getDetails().getText(), response.body());
        nothingStored(uniqueId);
        // Once the registry is back, the same bundle is taken whole (the adapter has settled what it kept pending).
        HttpResponse<String> again = Eventually.await(Duration.ofSeconds(90), Duration.ofSeconds(2), () -> {
            try {
                return provide(bundle);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.statusCode() == 200);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(1, registered(uniqueId), "registered once");
        assertArrayEquals(document, Mtom.documents(retrieve(uniqueId)).get(uniqueId));
    }

    @Test
    void theCapabilityStatementAndOpenApiSayWhatIsServed() throws Exception {
        HttpResponse<String> metadata = HTTP.send(HttpRequest.newBuilder(URI.create(fhir() + "/metadata")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metadata.statusCode(), metadata.body());
        CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
        assertTrue(statement.hasInstantiates("https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentRecipient"));
        var rest = statement.getRestFirstRep();
        assertTrue(rest.getInteraction().stream().anyMatch(i -> i.getCode()
                == CapabilityStatement.SystemRestfulInteraction.TRANSACTION));
        assertTrue(rest.getSecurity().getDescription().contains("DPoP"));
        var carePlan = rest.getResource().stream().filter(r -> "CarePlan".equals(r.getType())).findFirst().orElseThrow();
        assertEquals(List.of("patient.identifier", "category"), carePlan.getSearchParam().stream()
                .map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName).toList());

        HttpResponse<String> openapi = HTTP.send(HttpRequest.newBuilder(AdapterStack.uri("/adapters/sykehus/openapi"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("\"/fhir/Observation\"") && openapi.body().contains("ITI-65"));
    }

    /** A user's token (a citizen's, signed by the stack's anchor) that even names the provide scope. */
    private static Map<String, String> userToken() throws Exception {
        RSAKey key = RSAKey.parse(Files.readString(Path.of("target", "it-adapters", "data", "trust-anchor",
                "signing-key.json")));
        TokenMinter minter = new TokenMinter(key, AdapterStack.uri("/trust").toString(), Clock.systemUTC());
        ECKey dpop = TokenMinter.newDpopKey();
        String token = minter.sign(minter.claims("nhn:dho-index", dpop, Duration.ofMinutes(5)).subject(Samples.PATIENT_A)
                .claim("scope", SystemCaller.PROVIDE).claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, Samples.PATIENT_A)
                .build());
        return Map.of("Authorization", "DPoP " + token, "DPoP", TokenMinter.dpopProof(dpop, "POST", fhir(), token,
                Instant.now()));
    }

    private static String[] flat(Map<String, String> headers) {
        return headers.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }
}
