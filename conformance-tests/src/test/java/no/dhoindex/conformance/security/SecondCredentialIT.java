package no.dhoindex.conformance.security;

import static no.dhoindex.conformance.security.Fixture.A;
import static no.dhoindex.conformance.security.Fixture.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.dhoindex.testsupport.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A valid call for patient A with a second credential header beside it (the other patient's token, or
 * another proof): refused before either is read, since which one a component would use is not defined.
 * The same call without the second header is answered, so each case can fail.
 */
class SecondCredentialIT {

    @BeforeAll
    static void data() {
        Fixture.get();
    }

    private static URI observations(String fnr) {
        return SecurityStack.uri("/gateway/fhir/Observation?patient.identifier="
                + URLEncoder.encode("urn:oid:" + Samples.NATIONAL_ID_OID + "|" + fnr, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> searchForA(String extraHeader, String extraValue) {
        URI uri = observations(A);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/fhir+json");
        Clinician.ANNE.credentials("GET", uri, A).forEach(request::header);
        if (extraHeader != null) {
            request.header(extraHeader, extraValue);
        }
        return Clinician.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCallAloneIsAnswered() {
        HttpResponse<String> answer = searchForA(null, null);
        assertEquals(200, answer.statusCode(), answer::body);
    }

    @Test
    void aSecondAuthorizationHeaderIsRefused() {
        URI other = observations(B);
        Map<String, String> forB = Clinician.ANNE.credentials("GET", other, B);
        HttpResponse<String> answer = searchForA("Authorization", forB.get("Authorization"));
        assertEquals(400, answer.statusCode(), answer::body);
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_request"),
                () -> answer.headers().map().toString());
        assertTrue(answer.body().contains("OperationOutcome") && !answer.body().contains("\"Observation\""),
                answer::body);
    }

    @Test
    void aSecondDpopProofIsRefused() {
        URI uri = observations(A);
        String secondProof = Clinician.ANNE.credentials("GET", uri, A).get("DPoP");
        HttpResponse<String> answer = searchForA("DPoP", secondProof);
        assertEquals(401, answer.statusCode(), answer::body);
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_dpop_proof"),
                () -> answer.headers().map().toString());
    }
}
