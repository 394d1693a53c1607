package no.dhoindex.adapters.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.util.List;
import no.dhoindex.shared.fhir.Searchset;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The platform's resources passed on as it sent them: the answer is the searchset HAPI wrote before
 * (same Bundle, same resources), and what must never leave still never does — another patient's
 * resource, a NORS-labelled one, and one whose subject or labels cannot be told for certain.
 */
class PassedOnSearchsetTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    private static final String KARI = "15077510041";

    private static Observation heartRate(String id, String patient, String when) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        o.setSubject(new Reference().setIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(patient)));
        o.setEffective(new DateTimeType(when));
        o.setValue(new Quantity(61.0).setUnit("/min"));
        return o;
    }

    private static Searchset.Entry entry(String resourceJson) throws IOException {
        return Searchset.read("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + resourceJson + "}]}",
                "Observation").entries().get(0);
    }

    @Test
    void theAnswerIsTheSearchsetHapiWroteBefore() throws IOException {
        List<Resource> page = List.of(heartRate("o2", KARI, "2026-11-30T08:00:00Z"),
                heartRate("o1", KARI, "2026-11-29T08:00:00+01:00"));
        String base = "http://127.0.0.1:8080/adapters/kommune/fhir";
        String self = base + "/Observation?patient.identifier=x&_count=2&_offset=0";
        String next = base + "/Observation?patient.identifier=x&_count=2&_offset=2";

        String passed = DataSearchResource.searchset(base, self, next, SourceSearchTest.sent(page), "Observation");

        // What the adapter wrote before: HAPI's Bundle of the parsed resources.
        Bundle before = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        before.addLink().setRelation(Bundle.LINK_SELF).setUrl(self);
        before.addLink().setRelation(Bundle.LINK_NEXT).setUrl(next);
        for (Resource r : page) {
            before.addEntry().setFullUrl(base + "/Observation/" + r.getIdElement().getIdPart()).setResource(r)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        String hapi = FHIR.newJsonParser().encodeResourceToString(before);
        assertEquals(hapi, passed, "the same text, character for character");
        assertTrue(FHIR.newJsonParser().parseResource(Bundle.class, hapi)
                .equalsDeep(FHIR.newJsonParser().parseResource(Bundle.class, passed)));
    }

    @Test
    void anEmptyPageIsAnEmptySearchset() throws IOException {
        String passed = DataSearchResource.searchset("http://a/fhir", "http://a/fhir/Observation?x", null, List.of(),
                "Observation");
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, passed);
        assertEquals(0, b.getEntry().size());
        assertEquals(null, b.getLink(Bundle.LINK_NEXT));
        assertEquals("http://a/fhir/Observation?x", b.getLink(Bundle.LINK_SELF).getUrl());
    }

    @Test
    void onlyThePatientsOwnResourcesArePassedOn() throws IOException {
        String subject = "\"subject\":{\"identifier\":{\"system\":\"" + NATIONAL_ID + "\",\"value\":\"%s\"}}";
        assertTrue(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"a\","
                + subject.formatted(KARI) + "}"), KARI));
        assertFalse(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"b\","
                + subject.formatted("23059110047") + "}"), KARI));
        assertFalse(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"c\","
                + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:other\",\"value\":\"" + KARI + "\"}}}"), KARI));
        assertFalse(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"d\","
                + "\"subject\":{\"reference\":\"Patient/1\"}}"), KARI));
        assertFalse(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"e\"}"), KARI));
        // Named twice, the second another patient's: which one counts is not for the adapter to guess.
        assertFalse(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"f\","
                + subject.formatted(KARI) + "," + subject.formatted("23059110047") + "}"), KARI));
        assertFalse(PlatformSearch.ofPatient(entry("{\"resourceType\":\"Observation\",\"id\":\"g\","
                + subject.formatted("23059110047") + "," + subject.formatted(KARI) + "}"), KARI));
    }

    @Test
    void aNorsLabelOrLabelsThatCannotBeToldForCertainNeverLeave() throws IOException {
        String nors = "{\"system\":\"urn:oid:2.16.578.1.12.4.1.1.9603\",\"code\":\"NORS\"}";
        assertFalse(SourceSearch.blocked(entry("{\"resourceType\":\"Observation\",\"id\":\"a\"}")));
        assertFalse(SourceSearch.blocked(entry("{\"resourceType\":\"Observation\",\"id\":\"b\",\"meta\":{\"security\":"
                + "[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-Confidentiality\",\"code\":\"N\"}]}}")));
        assertTrue(SourceSearch.blocked(entry("{\"resourceType\":\"Observation\",\"id\":\"c\",\"meta\":{\"security\":["
                + nors + "]}}")));
        assertTrue(SourceSearch.blocked(entry("{\"resourceType\":\"Observation\",\"id\":\"d\",\"meta\":{\"security\":"
                + "[{\"code\":\"NORS\"}]}}")), "a NORS code without a system is withheld, as before");
        assertTrue(SourceSearch.blocked(entry("{\"resourceType\":\"Observation\",\"id\":\"e\",\"meta\":{\"security\":["
                + nors + "]},\"meta\":{}}")));
        assertTrue(SourceSearch.blocked(entry("{\"resourceType\":\"Observation\",\"id\":\"f\",\"meta\":{\"security\":["
                + nors + "],\"security\":[]}}")));
    }
}
