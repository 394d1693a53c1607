package no.dhoindex.shared.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of a searchset must see what HAPI's full parse sees of what a passer-on decides
 * by: the subject's identifier, the security labels, the date, the next link; and the entry's text
 * must be exactly the resource that was sent. What it cannot tell for certain (a field named twice) it says so.
 */
class SearchsetTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    private static final String CONFIDENTIALITY = "urn:oid:2.16.578.1.12.4.1.1.9603";

    private static Observation heartRate(String id, String patient) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        o.setSubject(new Reference().setIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(patient)));
        o.setEffective(new DateTimeType("2026-11-30T08:15:00+01:00"));
        o.setValue(new Quantity(72.50).setUnit("/min"));
        return o;
    }

    private static String searchset(Bundle b) {
        return FHIR.newJsonParser().encodeResourceToString(b);
    }

    @Test
    void anEntrysTextIsTheResourceSentAndItsSubjectLabelsAndDateAreHapis() throws IOException {
        Observation plain = heartRate("o1", "15077510041");
        Observation labelled = heartRate("o2", "23059110047");
        labelled.getMeta().addSecurity(CONFIDENTIALITY, "NORS", "Sperret");
        labelled.getMeta().addSecurity(null, "R", null);
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.addLink().setRelation(Bundle.LINK_SELF).setUrl("http://platform.test/fhir/Observation?x=1");
        b.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://platform.test/fhir/Observation?x=1&_offset=51");
        b.addEntry().setFullUrl("http://platform.test/fhir/Observation/o1").setResource(plain);
        b.addEntry().setResource(labelled);
        b.addEntry().setResource(new org.hl7.fhir.r4.model.CarePlan().setId("p1"));

        Searchset.Page page = Searchset.read(searchset(b), "Observation");

        assertEquals(Optional.of("http://platform.test/fhir/Observation?x=1&_offset=51"), page.next());
        assertEquals(List.of("o1", "o2"), page.entries().stream().map(Searchset.Entry::id).toList(),
                "the CarePlan is not of the type asked");
        Searchset.Entry first = page.entries().get(0);
        Searchset.Entry second = page.entries().get(1);
        assertEquals(Optional.of(new Searchset.Token(NATIONAL_ID, "15077510041")), first.subject());
        assertEquals(Optional.of(new Searchset.Token(NATIONAL_ID, "23059110047")), second.subject());
        assertEquals(List.of(), first.security());
        assertEquals(List.of(new Searchset.Token(CONFIDENTIALITY, "NORS"), new Searchset.Token(null, "R")),
                second.security());
        assertEquals(DataDates.when(plain), first.when());
        assertFalse(first.ambiguous() || second.ambiguous());
        // The text is the resource as sent: parsed, it is the same resource.
        assertTrue(FHIR.newJsonParser().parseResource(Observation.class, FHIR.newJsonParser().encodeResourceToString(plain))
                .equalsDeep(FHIR.newJsonParser().parseResource(Observation.class, first.json())));
        assertEquals(FHIR.newJsonParser().encodeResourceToString(plain), first.json(), "not one character changed");
    }

    @Test
    void theAnswersBytesReadAsItsTextDoesEachEntryDecodedExactly() throws IOException {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://platform.test/fhir/Observation?x=æ&_offset=51");
        for (int i = 0; i < 5; i++) {
            Observation o = heartRate("o" + i, "15077510041");
            // Characters of two, three and four UTF-8 bytes before, inside and after each entry's text.
            o.getCode().setText("Hjertefrekvens æøå \u20ac \ud83d\udc93 \"sitert\" \\ " + i);
            b.addEntry().setFullUrl("http://platform.test/fhir/Observation/o" + i + "/æ").setResource(o);
        }
        String text = searchset(b);

        Searchset.Page fromText = Searchset.read(text, "Observation");
        Searchset.Page fromBytes = Searchset.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Observation");

        assertEquals(fromText, fromBytes);
        assertEquals(5, fromBytes.entries().size());
        assertEquals(FHIR.newJsonParser().encodeResourceToString(b.getEntry().get(4).getResource()),
                fromBytes.entries().get(4).json(), "not one character changed");
    }

    @Test
    void withoutANextLinkThereIsNoNextAndASubjectByReferenceOnlyHasNoIdentifier() throws IOException {
        Observation byReference = heartRate("o1", "15077510041").setSubject(new Reference("Patient/p1"));
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.addLink().setRelation(Bundle.LINK_SELF).setUrl("http://platform.test/fhir/Observation");
        b.addEntry().setResource(byReference);
        b.addEntry().setResource(heartRate("o2", "15077510041").setSubject(null));
        Searchset.Page page = Searchset.read(searchset(b), "Observation");
        assertEquals(Optional.empty(), page.next());
        assertEquals(Optional.empty(), page.entries().get(0).subject());
        assertEquals(Optional.empty(), page.entries().get(1).subject());
    }

    @Test
    void aSubjectOrLabelsNamedTwiceAreAmbiguous() throws IOException {
        String twoSubjects = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"id\":\"a\",\"subject\":{\"identifier\":{\"system\":\"" + NATIONAL_ID + "\",\"value\":\"15077510041\"}},"
                + "\"subject\":{\"identifier\":{\"system\":\"" + NATIONAL_ID + "\",\"value\":\"23059110047\"}}}}]}";
        String twoValues = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"id\":\"b\",\"subject\":{\"identifier\":{\"system\":\"" + NATIONAL_ID + "\",\"value\":\"15077510041\","
                + "\"value\":\"23059110047\"}}}}]}";
        String twoMetas = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"id\":\"c\",\"meta\":{\"security\":[{\"system\":\"" + CONFIDENTIALITY + "\",\"code\":\"NORS\"}]},"
                + "\"meta\":{}}}]}";
        String twoLabelLists = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"id\":\"d\",\"meta\":{\"security\":[{\"code\":\"NORS\"}],\"security\":[]}}}]}";
        String twoIds = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"id\":\"e\",\"id\":\"f\"}}]}";
        String twoDates = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"id\":\"g\",\"effectiveDateTime\":\"2026-01-01\",\"effectiveDateTime\":\"2026-02-01\"}}]}";
        for (String json : List.of(twoSubjects, twoValues, twoMetas, twoLabelLists, twoIds, twoDates)) {
            assertTrue(Searchset.read(json, "Observation").entries().get(0).ambiguous(), json);
        }
    }

    @Test
    void textThatIsNotABundleOrADateThatIsNotADateIsRefused() {
        assertThrows(IOException.class, () -> Searchset.read("{\"resourceType\":\"OperationOutcome\"}", "Observation"));
        assertThrows(IOException.class, () -> Searchset.read("[]", "Observation"));
        assertThrows(IOException.class, () -> Searchset.read("{\"resourceType\":\"Bundle\",\"entry\":[{", "Observation"));
        assertThrows(IOException.class, () -> Searchset.read("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Observation\",\"effectiveDateTime\":\"yesterday\"}}]}", "Observation"));
    }

    @Test
    void aPlainDateTimeIsReadWithoutHapiAsTheInstantHapiReads() {
        java.util.Random random = new java.util.Random(15);
        String[] offsets = {"Z", "+00:00", "-00:00", "+01:00", "-05:30", "+14:00", "-12:00", "+05:45"};
        for (int i = 0; i < 5000; i++) {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(1900, 1, 1, 0, 0)
                    .plusSeconds((long) (random.nextDouble() * 200 * 365.25 * 86400));
            String text = t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"))
                    + (random.nextBoolean() ? String.format(java.util.Locale.ROOT, ".%03d", random.nextInt(1000)) : "")
                    + offsets[random.nextInt(offsets.length)];
            assertEquals(new DateTimeType(text).getValue(), Searchset.plainInstant(text), text);
            assertEquals(new org.hl7.fhir.r4.model.InstantType(text).getValue(), Searchset.plainInstant(text), text);
        }
        // Anything else is left to HAPI: other precisions and forms, impossible days, Julian years, odd offsets.
        for (String other : List.of("2026-11-30", "2026-11", "2026", "2026-11-30T08:15:00", "2026-11-30T08:15Z",
                "2026-11-30T08:15:00.5Z", "2026-11-30T08:15:00.1234Z", "2026-02-30T08:15:00Z", "2026-11-30T24:00:00Z",
                "2026-11-30T08:15:60Z", "1581-11-30T08:15:00Z", "2026-11-30T08:15:00+15:00", "2026-11-30T08:15:00+01:60",
                "2026-11-30t08:15:00z", "2026-11-30T08:15:00+0100", "２026-11-30T08:15:00Z", "2026-11-30T08:15:00.12aZ")) {
            assertEquals(null, Searchset.plainInstant(other), other);
        }
    }
}
