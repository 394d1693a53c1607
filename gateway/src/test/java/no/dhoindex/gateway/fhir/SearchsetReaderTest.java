package no.dhoindex.gateway.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import no.dhoindex.gateway.federation.SearchEntry;
import no.dhoindex.gateway.federation.SearchPage;
import no.dhoindex.shared.fhir.DataDates;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * The cheap read of a source's searchset must see exactly what HAPI's full parse saw: the same
 * entries of the type asked, ids, dates (each way a resource can be dated) and whether there is more;
 * and a kept entry, parsed, is the resource the source sent.
 */
class SearchsetReaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static Observation observation(String id) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        o.setValue(new Quantity(72).setUnit("/min"));
        o.addContained(new org.hl7.fhir.r4.model.Device().setId("d1"));   // a nested object with its own fields
        return o;
    }

    /** Every way the date parameter's element can be given, and none. */
    private static List<Resource> dated() {
        List<Resource> all = new ArrayList<>();
        all.add(observation("o-datetime").setEffective(new DateTimeType("2026-11-30T08:15:00+01:00")));
        all.add(observation("o-day").setEffective(new DateTimeType("2026-11-29")));
        all.add(observation("o-period").setEffective(new Period().setStartElement(new DateTimeType("2026-11-28T10:00:00Z"))));
        all.add(observation("o-period-no-start").setEffective(new Period().setEndElement(new DateTimeType("2026-11-28T11:00:00Z")))
                .setIssuedElement(new InstantType("2026-11-28T12:00:00Z")));
        all.add(observation("o-instant").setEffective(new InstantType("2026-11-27T10:00:00.123Z")));
        all.add(observation("o-issued").setIssuedElement(new InstantType("2026-11-26T10:00:00Z")));
        all.add(observation("o-undated"));
        DateTimeType onlyExtension = new DateTimeType();
        onlyExtension.addExtension(new Extension("http://example.org/why-no-date", new StringType("unknown")));
        all.add(observation("o-extension-only").setEffective(onlyExtension)
                .setIssuedElement(new InstantType("2026-11-25T10:00:00Z")));
        all.add(observation("o-no-id").setEffective(new DateTimeType("2026-11-24T10:00:00Z")).setId((String) null));
        return all;
    }

    private static String searchset(List<? extends Resource> resources, boolean next) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.addLink().setRelation(Bundle.LINK_SELF).setUrl("http://source.test/fhir/Observation?x=1");
        if (next) {
            b.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://source.test/fhir/Observation?x=1&_offset=50");
        }
        for (Resource r : resources) {
            Bundle.BundleEntryComponent e = b.addEntry().setResource(r);
            if (r.hasId()) {
                e.setFullUrl("http://source.test/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart());
            }
        }
        OperationOutcome warning = new OperationOutcome();
        warning.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING).setDiagnostics("a source's note");
        b.addEntry().setResource(warning).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        return FHIR.newJsonParser().encodeResourceToString(b);
    }

    /** What the gateway read before: HAPI's parse of the whole Bundle. */
    private static List<String> byHapi(String json, String type) {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, json);
        List<String> seen = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() != null && type.equals(e.getResource().fhirType())) {
                seen.add(e.getResource().getIdElement().getIdPart() + " " + DataDates.when(e.getResource()));
            }
        }
        return seen;
    }

    private static List<String> byReader(SearchPage<SourceResource> page) {
        return page.entries().stream().map(e -> e.id() + " " + e.when()).toList();
    }

    @Test
    void idsAndDatesAreHapisForEveryWayAnObservationIsDated() throws IOException {
        String json = searchset(dated(), true);
        SearchPage<SourceResource> page = SearchsetReader.read(json, "Observation");
        assertEquals(byHapi(json, "Observation"), byReader(page));
        assertEquals(9, page.entries().size(), "the OperationOutcome entry is not one of them");
        assertTrue(page.more());
    }

    @Test
    void carePlansAndMedicationStatementsAreDatedAsHapiDatesThem() throws IOException {
        List<Resource> plans = List.of(
                new CarePlan().setPeriod(new Period().setStartElement(new DateTimeType("2026-10-01"))).setId("p-start"),
                new CarePlan().setPeriod(new Period().setEndElement(new DateTimeType("2026-10-02")))
                        .setCreatedElement(new DateTimeType("2026-09-01T09:00:00Z")).setId("p-created"),
                new CarePlan().setCreatedElement(new DateTimeType("2026-08-01T09:00:00Z")).setId("p-only-created"));
        String plansJson = searchset(plans, false);
        SearchPage<SourceResource> planPage = SearchsetReader.read(plansJson, "CarePlan");
        assertEquals(byHapi(plansJson, "CarePlan"), byReader(planPage));
        assertFalse(planPage.more());

        List<Resource> statements = List.of(
                new MedicationStatement().setEffective(new DateTimeType("2026-07-01T08:00:00+02:00")).setId("m-dt"),
                new MedicationStatement().setEffective(new Period().setStartElement(new DateTimeType("2026-06-01")))
                        .setId("m-period"),
                new MedicationStatement().setDateAssertedElement(new DateTimeType("2026-05-01T08:00:00Z")).setId("m-asserted"));
        String statementsJson = searchset(statements, false);
        assertEquals(byHapi(statementsJson, "MedicationStatement"),
                byReader(SearchsetReader.read(statementsJson, "MedicationStatement")));
    }

    @Test
    void onlyEntriesOfTheTypeAskedAreRead() throws IOException {
        List<Resource> mixed = List.of(observation("o1").setEffective(new DateTimeType("2026-11-30T08:00:00Z")),
                new CarePlan().setCreatedElement(new DateTimeType("2026-08-01T09:00:00Z")).setId("p1"));
        String json = searchset(mixed, false);
        assertEquals(List.of("o1"), SearchsetReader.read(json, "Observation").entries().stream().map(SearchEntry::id).toList());
        assertEquals(List.of("p1"), SearchsetReader.read(json, "CarePlan").entries().stream().map(SearchEntry::id).toList());
    }

    @Test
    void aKeptEntryParsesToTheResourceTheSourceSent() throws IOException {
        List<Resource> sent = dated();
        String json = searchset(sent, false);
        SearchPage<SourceResource> page = SearchsetReader.read(json, "Observation");
        for (int i = 0; i < sent.size(); i++) {
            Resource parsed = page.entries().get(i).resource().resource();
            Resource alone = (Resource) FHIR.newJsonParser().parseResource(FHIR.newJsonParser().encodeResourceToString(sent.get(i)));
            assertTrue(alone.equalsDeep(parsed), "entry " + i + " differs from what was sent");
        }
    }

    @Test
    void textThatIsNotABundleIsRefused() {
        assertThrows(IOException.class, () -> SearchsetReader.read("{\"resourceType\":\"OperationOutcome\"}", "Observation"));
        assertThrows(IOException.class, () -> SearchsetReader.read("[]", "Observation"));
        assertThrows(IOException.class, () -> SearchsetReader.read("{\"resourceType\":\"Bundle\",\"entry\":[{", "Observation"));
        assertThrows(IOException.class, () -> SearchsetReader.read("<Bundle/>", "Observation"));
    }

    @Test
    void aDateThatIsNotADateFailsTheSourcesAnswerAsHapisParseDid() {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Observation\",\"id\":\"bad\",\"effectiveDateTime\":\"yesterday\"}}]}";
        assertThrows(DataFormatException.class, () -> byHapi(json, "Observation"));
        assertThrows(IOException.class, () -> SearchsetReader.read(json, "Observation"));
    }

    @Test
    void anEntryThatIsNotValidFhirElsewhereFailsWhenItIsKeptAndParsed() throws IOException {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Observation\",\"id\":\"bad\",\"effectiveDateTime\":\"2026-11-30T08:00:00Z\","
                + "\"valueQuantity\":{\"value\":\"seventy\"}}}]}";
        SearchPage<SourceResource> page = SearchsetReader.read(json, "Observation");
        assertEquals("bad", page.entries().get(0).id());
        assertThrows(DataFormatException.class, () -> page.entries().get(0).resource().resource());
    }
}
