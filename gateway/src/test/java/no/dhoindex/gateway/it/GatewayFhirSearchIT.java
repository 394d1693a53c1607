package no.dhoindex.gateway.it;

import static no.dhoindex.gateway.it.GatewayStack.FJELLBYGD;
import static no.dhoindex.gateway.it.GatewayStack.KOMMUNE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FHIR search forwarded to the sources over HTTP: two municipalities' adapters (kommune and
 * fjellbygd) answer their FHIR searches from their platforms; the gateway merges them in one
 * global order, pages with its sealed cursor, and refuses another patient's cursor.
 */
class GatewayFhirSearchIT extends StackTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PATIENT = "urn:oid:2.16.578.1.12.4.1.4.1|" + Samples.PATIENT_A;
    private static final String HEART_RATE = "http://loinc.org|8867-4";

    /** Both municipalities asked their FHIR searches (kommune's and fjellbygd's fhirUrl in the directory). */
    @BeforeEach
    void bothMunicipalitiesAnswerFhirSearches() throws Exception {
        String base = "http://127.0.0.1:" + GatewayStack.uri("/").getPort();
        GatewayStack.directory("fjellbygd", "dho.gateway.community.kommune.fhirUrl=" + base + "/adapters/kommune/fhir\n"
                + "dho.gateway.community.fjellbygd.homeCommunityId=" + FJELLBYGD + "\n"
                + "dho.gateway.community.fjellbygd.url=" + base + "/adapters/fjellbygd/services/xca\n"
                + "dho.gateway.community.fjellbygd.repositoryUniqueIds=" + GatewayStack.FJELLBYGD_REPOSITORY + "\n"
                + "dho.gateway.community.fjellbygd.fhirUrl=" + base + "/adapters/fjellbygd/fhir\n");
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(URI uri, String fnr) {
        return Clinician.ANNE.get(uri, fnr);
    }

    private static Bundle bundle(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return FHIR.newJsonParser().parseResource(Bundle.class, new String(response.body(), StandardCharsets.UTF_8));
    }

    private static Bundle search(String pathAndQuery) {
        return bundle(get(GatewayStack.uri("/gateway/fhir/" + pathAndQuery), Samples.PATIENT_A));
    }

    private static List<Observation> observations(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
    }

    private static Set<String> sources(Bundle bundle) {
        return observations(bundle).stream().map(o -> o.getMeta().getSource()).collect(Collectors.toSet());
    }

    private static boolean noOutcomes(Bundle bundle) {
        return bundle.getEntry().stream().noneMatch(e -> e.getResource() instanceof OperationOutcome);
    }

    /** The whole history at once, once both sources answer (their pointers are published after start). */
    private static Bundle everything(String sort) {
        return Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> search("Observation?patient.identifier=" + q(PATIENT) + "&code=" + q(HEART_RATE)
                        + "&_sort=" + sort + "&_count=500"),
                b -> noOutcomes(b) && sources(b).containsAll(Set.of(KOMMUNE, FJELLBYGD)));
    }

    private static List<Date> dates(List<Observation> observations) {
        return observations.stream().map(o -> o.getEffectiveDateTimeType().getValue()).toList();
    }

    @Test
    void theNewestComeFirstAcrossBothOrganisationsAndCountIsHeld() {
        Bundle all = everything("-date");
        Bundle page = search("Observation?patient.identifier=" + q(PATIENT) + "&code=" + q(HEART_RATE)
                + "&_sort=-date&_count=5");
        List<Observation> first = observations(page);
        assertEquals(5, first.size());
        assertEquals(observations(all).subList(0, 5).stream().map(o -> o.getIdElement().getIdPart()).toList(),
                first.stream().map(o -> o.getIdElement().getIdPart()).toList());
        List<Date> dates = dates(observations(all));
        assertEquals(dates.stream().sorted(Comparator.reverseOrder()).toList(), dates, "newest first");
        assertTrue(first.stream().allMatch(o -> o.getMeta().getTag().stream()
                .anyMatch(t -> t.getCode().equals(o.getMeta().getSource()))), "each tagged with its organisation");
        assertNotNull(page.getLink(Bundle.LINK_NEXT), "more to page");
    }

    @Test
    void oldestFirstIsTheSameHistoryTheOtherWayRound() {
        List<Date> newest = dates(observations(everything("-date")));
        List<Date> oldest = dates(observations(everything("date")));
        List<Date> reversed = new ArrayList<>(newest);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, oldest);
    }

    @Test
    void pagingWithTheCursorWalksTheWholeHistoryOnceInOrder() {
        List<String> all = observations(everything("-date")).stream().map(o -> o.getIdElement().getIdPart()).toList();
        List<String> paged = new ArrayList<>();
        Bundle page = search("Observation?patient.identifier=" + q(PATIENT) + "&code=" + q(HEART_RATE) + "&_count=4");
        for (int i = 0; i < 50; i++) {
            observations(page).forEach(o -> paged.add(o.getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = bundle(get(URI.create(page.getLink(Bundle.LINK_NEXT).getUrl()), Samples.PATIENT_A));
        }
        assertEquals(all, paged);
        assertTrue(all.size() > 4, "more than one page: " + all.size());
    }

    @Test
    void anotherPatientsCursorDoesNotOpenAndAChangedOneIsRefused() {
        everything("-date");
        Bundle page = search("Observation?patient.identifier=" + q(PATIENT) + "&code=" + q(HEART_RATE) + "&_count=2");
        String next = page.getLink(Bundle.LINK_NEXT).getUrl();
        String cursor = next.substring(next.indexOf("_cursor=") + "_cursor=".length());
        URI gateway = GatewayStack.uri("/gateway/fhir/Observation");
        // A clinician bound to patient B, with A's cursor: alone it names A (403); with B named it is no cursor of B's (400).
        HttpResponse<byte[]> alone = get(URI.create(gateway + "?_cursor=" + cursor + "&code=" + q(HEART_RATE)
                + "&_count=2"), Samples.PATIENT_B);
        assertEquals(403, alone.statusCode(), () -> new String(alone.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> asB = get(URI.create(gateway + "?patient.identifier=" + q("urn:oid:2.16.578.1.12.4.1.4.1|"
                + Samples.PATIENT_B) + "&code=" + q(HEART_RATE) + "&_count=2&_cursor=" + cursor), Samples.PATIENT_B);
        assertEquals(400, asB.statusCode(), () -> new String(asB.body(), StandardCharsets.UTF_8));
        // One character of the MAC changed (a whole 6-bit character inside it, not the last one's padding bits).
        int at = cursor.indexOf('.') + 3;
        String changed = cursor.substring(0, at) + (cursor.charAt(at) == 'A' ? 'B' : 'A') + cursor.substring(at + 1);
        HttpResponse<byte[]> forged = get(URI.create(gateway + "?patient.identifier=" + q(PATIENT) + "&code="
                + q(HEART_RATE) + "&_count=2&_cursor=" + changed), Samples.PATIENT_A);
        assertEquals(400, forged.statusCode(), () -> new String(forged.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aSecondPatientParameterIsRefused() {
        HttpResponse<byte[]> response = get(GatewayStack.uri("/gateway/fhir/Observation?patient.identifier=" + q(PATIENT)
                + "&patient.identifier=" + q("urn:oid:2.16.578.1.12.4.1.4.1|" + Samples.PATIENT_B)), Samples.PATIENT_A);
        assertEquals(400, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theSelfManagementPlanAndTheMedicationListComeFromBothOrganisations() {
        Bundle plans = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> search("CarePlan?patient.identifier=" + q(PATIENT)), b -> noOutcomes(b) && b.getEntry().stream()
                        .filter(e -> e.getResource() instanceof CarePlan).map(e -> e.getResource().getMeta().getSource())
                        .collect(Collectors.toSet()).containsAll(Set.of(KOMMUNE, FJELLBYGD)));
        assertTrue(plans.getEntry().stream().filter(e -> e.getResource() instanceof CarePlan)
                .allMatch(e -> ((CarePlan) e.getResource()).getTitle().startsWith("Egenbehandlingsplan")));
        Bundle medications = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> search("MedicationStatement?patient.identifier=" + q(PATIENT)),
                b -> noOutcomes(b) && b.getEntry().stream().anyMatch(e -> e.getResource() instanceof MedicationStatement));
        assertFalse(medications.getEntry().isEmpty());
    }

    @Test
    void anOrganisationsFhirSearchRefusesACallWithoutTheGatewaysAssertion() {
        HttpResponse<byte[]> response = Clinician.get(GatewayStack.uri("/adapters/kommune/fhir/Observation?patient.identifier="
                + q(PATIENT)), java.util.Map.of());
        assertEquals(401, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> unknown = Clinician.get(GatewayStack.uri("/adapters/kommune/fhir/Observation?patient.identifier="
                + q(PATIENT) + "&_elements=id"), java.util.Map.of());
        assertEquals(400, unknown.statusCode());
        assertTrue(new String(unknown.body(), StandardCharsets.UTF_8).contains("_elements"));
    }

    @Test
    void aParameterASearchDoesNotTakeIsRefusedNamingIt() {
        HttpResponse<byte[]> unknown = get(GatewayStack.uri("/gateway/fhir/Observation?patient.identifier=" + q(PATIENT)
                + "&flavour=sweet"), Samples.PATIENT_A);
        assertEquals(400, unknown.statusCode(), () -> new String(unknown.body(), StandardCharsets.UTF_8));
        String body = new String(unknown.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("OperationOutcome") && body.contains("flavour"), body);
        // CarePlan takes no code: refused, not ignored.
        HttpResponse<byte[]> code = get(GatewayStack.uri("/gateway/fhir/CarePlan?patient.identifier=" + q(PATIENT)
                + "&code=" + q(HEART_RATE)), Samples.PATIENT_A);
        assertEquals(400, code.statusCode(), () -> new String(code.body(), StandardCharsets.UTF_8));
        assertTrue(new String(code.body(), StandardCharsets.UTF_8).contains("code"));
    }

    @Test
    void theGatewaysOpenApiDocumentIsServed() {
        HttpResponse<byte[]> response = Clinician.get(GatewayStack.uri("/gateway/openapi"), java.util.Map.of());
        assertEquals(200, response.statusCode());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"/fhir/Observation\"") && body.contains("urn:ihe:iti:2007:RegistryStoredQuery"), body);
    }

    @Test
    void theCapabilityStatementListsTheSearchesServedTheSecurityAndTheProfile() {
        HttpResponse<byte[]> response = Clinician.get(GatewayStack.uri("/gateway/fhir/metadata?_format=json"), java.util.Map.of());
        assertEquals(200, response.statusCode());
        org.hl7.fhir.r4.model.CapabilityStatement statement = FHIR.newJsonParser().parseResource(
                org.hl7.fhir.r4.model.CapabilityStatement.class, new String(response.body(), StandardCharsets.UTF_8));
        var rest = statement.getRestFirstRep();
        assertTrue(rest.getSecurity().getDescription().contains("DPoP"), rest.getSecurity()::getDescription);
        assertTrue(statement.hasInstantiates("https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentResponder"));
        var observation = rest.getResource().stream().filter(r -> "Observation".equals(r.getType())).findFirst().orElseThrow();
        Set<String> parameters = observation.getSearchParam().stream().map(p -> p.getName()).collect(Collectors.toSet());
        assertTrue(parameters.containsAll(Set.of("patient", "code", "category", "date")), parameters::toString);
        Set<String> types = rest.getResource().stream().map(r -> r.getType()).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("Observation", "CarePlan", "MedicationStatement", "DocumentReference", "Binary")),
                types::toString);
    }
}
