package no.dhoindex.gateway.it;

import static no.dhoindex.gateway.it.Clinician.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.testsupport.Samples;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** "Who has seen my data": the gateway's access log over FHIR, and who may read it. */
class GatewayAccessLogIT extends StackTest {

    private static final String ANNE_HPR = "9144897";

    private static URI search(String what, String fnr) {
        return GatewayStack.uri("/gateway/fhir/" + what + "?patient.identifier=" + q("urn:oid:2.16.578.1.12.4.1.4.1|" + fnr));
    }

    /** A token without attestation: an auditor's, or a citizen's for their own log. */
    private static String token(String scope, String pid) {
        TokenMinter minter = Clinician.issuersMinter();
        return minter.sign(minter.claims("nhn:dho-index", Clinician.ANNE.key, Duration.ofMinutes(5)).subject(pid)
                .claim("scope", scope).claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, pid).build());
    }

    private static HttpResponse<byte[]> log(String fnr, String token) {
        URI uri = search("AuditEvent", fnr);
        Map<String, String> headers = new java.util.HashMap<>(Clinician.ANNE.credentials("GET", uri, token));
        headers.put("Accept", "application/fhir+json");
        return Clinician.get(uri, headers);
    }

    private static List<AuditEvent> events(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                new String(response.body(), StandardCharsets.UTF_8));
        // Every source's log was read: no OperationOutcome for one that could not be.
        bundle.getEntry().forEach(e -> assertTrue(e.getResource() instanceof AuditEvent,
                () -> FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e.getResource())));
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    @Test
    void theLogListsEachAccessAndRefusalWithWhoAndWhy() {
        // Until the municipalities have answered once with measurements (a cold stack may miss its deadline).
        no.dhoindex.testsupport.Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> Clinician.ANNE.get(search("Observation", Samples.PATIENT_C), Samples.PATIENT_C),
                r -> r.statusCode() == 200 && new String(r.body(), StandardCharsets.UTF_8).contains("\"Observation\""));
        // A token attested for another patient, used about this one: refused, and the patient sees the attempt.
        String forB = Clinician.ANNE.token(Samples.PATIENT_B, "TREAT");
        URI aboutC = search("Observation", Samples.PATIENT_C);
        assertEquals(403, Clinician.get(aboutC, Clinician.ANNE.credentials("GET", aboutC, forB)).statusCode());

        // Anne also asks where the patient's documents are (ITI-18 through the gateway): the registry answers that.
        no.dhoindex.testsupport.Soap.Reply found = Clinician.ANNE.soap(GatewayStack.uri("/gateway/services/xca"),
                no.dhoindex.testsupport.XdsActions.ITI_18, GatewayIT.findDocuments(Samples.PATIENT_C), Samples.PATIENT_C);
        assertTrue(found.status().endsWith("Success"), found::toString);

        List<AuditEvent> events = events(log(Samples.PATIENT_C, token("nhn:dho-index/audit", "13116900216")));
        AuditEvent granted = events.stream().filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0
                && e.getOutcomeDesc().startsWith("FHIR Observation search")).findFirst().orElseThrow(
                () -> new AssertionError("no granted access in " + events.size() + " events"));
        assertEquals(ANNE_HPR, granted.getAgentFirstRep().getWho().getIdentifier().getValue(), "who");
        assertEquals("TREAT", granted.getPurposeOfEventFirstRep().getCodingFirstRep().getCode(), "why");
        assertEquals(Samples.PATIENT_C, granted.getEntityFirstRep().getWhat().getIdentifier().getValue(), "whose");
        assertTrue(events.stream().anyMatch(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4
                && e.getOutcomeDesc().contains("not bound to the patient")), "the refused attempt is listed too");
        // The municipality's own log, read by the gateway for this search: it gave the measurements to Anne (the
        // gateway forwards the FHIR search to the municipality's adapter).
        AuditEvent atSource = events.stream().filter(e -> "Demo kommune".equals(e.getSource().getObserver().getDisplay())
                        && e.getOutcomeDesc().startsWith("Observation search")).findFirst()
                .orElseThrow(() -> new AssertionError("the municipality's own log is not in " + events.size() + " events"));
        assertEquals(ANNE_HPR, atSource.getAgentFirstRep().getWho().getIdentifier().getValue(), "who, as the source saw it");
        assertEquals("TREAT", atSource.getPurposeOfEventFirstRep().getCodingFirstRep().getCode(), "why");
        // And the registry's: it told Anne where the patient's documents are.
        assertTrue(events.stream().anyMatch(e -> "DHO Index registry".equals(e.getSource().getObserver().getDisplay())
                && e.getOutcomeDesc().startsWith("ITI-18 FindDocuments")
                && ANNE_HPR.equals(e.getAgentFirstRep().getWho().getIdentifier().getValue())), "the registry's own record");
    }

    @Test
    void aPatientReadsTheirOwnLogButNoOneElses() {
        assertEquals(200, log(Samples.PATIENT_A, token("nhn:dho-index/own-log", Samples.PATIENT_A)).statusCode());
        assertEquals(403, log(Samples.PATIENT_B, token("nhn:dho-index/own-log", Samples.PATIENT_A)).statusCode());
        // The same digits under another authority are someone else's log.
        URI elsewhere = GatewayStack.uri("/gateway/fhir/AuditEvent?patient.identifier="
                + q("urn:oid:2.16.578.1.12.4.1.4.2|" + Samples.PATIENT_A));
        Map<String, String> headers = new java.util.HashMap<>(Clinician.ANNE.credentials("GET", elsewhere,
                token("nhn:dho-index/own-log", Samples.PATIENT_A)));
        headers.put("Accept", "application/fhir+json");
        assertEquals(403, Clinician.get(elsewhere, headers).statusCode());
    }

    @Test
    void aClinicianTokenDoesNotOpenTheLog() {
        HttpResponse<byte[]> response = log(Samples.PATIENT_A, Clinician.ANNE.token(Samples.PATIENT_A, "TREAT"));
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
    }
}
