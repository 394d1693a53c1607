package no.dhoindex.gateway.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.dhoindex.gateway.federation.SearchAnswer;
import no.dhoindex.gateway.federation.SearchEntry;
import no.dhoindex.gateway.federation.SourceOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * The search's answer with its kept entries passed through: each entry is the source's JSON as sent,
 * with only the id qualified, {@code meta.source} set and the community's tag added — exactly what
 * HAPI wrote before, once both are read; an entry HAPI reads only leniently is HAPI's encoding (what
 * HAPI dropped stays dropped); one HAPI cannot read is an OperationOutcome entry.
 */
class SearchsetPassThroughTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOME = "urn:oid:2.16.578.1.12.4.5.100.1";
    private static final String TAG = "{\"system\":\"" + FederatedData.SOURCE_TAG + "\",\"code\":\"" + HOME
            + "\",\"display\":\"kommune\"}";

    private static final String PLAIN = "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Hjertefrekvens æøå\"}]},"
            + "\"effectiveDateTime\":\"2026-11-30T08:15:00+01:00\","
            + "\"valueQuantity\":{\"value\":72.50,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";

    private static final String WITH_META = "{\"resourceType\":\"Observation\",\"id\":\"o2\",\"meta\":{\"versionId\":\"3\","
            + "\"lastUpdated\":\"2026-11-30T08:16:00.000+01:00\",\"source\":\"#platform\",\"tag\":[{\"system\":"
            + "\"http://example.org/tags\",\"code\":\"a\"}]},\"status\":\"final\",\"code\":{\"text\":\"puls\"},"
            + "\"effectiveDateTime\":\"2026-11-29\",\"valueQuantity\":{\"value\":1.0E2}}";

    private static SearchAnswer.Found<SourceResource> found(String id, String json) {
        return new SearchAnswer.Found<>(new SearchEntry<>(null, id, SourceResource.unparsed(json)), "kommune", HOME);
    }

    private static Bundle page(List<SearchAnswer.Found<SourceResource>> entries, List<SourceOutcome> sources) {
        return FederatedData.page("Observation", "http://gw.test/gateway/fhir", "http://gw.test/gateway/fhir/Observation?x=1",
                "http://gw.test/gateway/fhir/Observation?x=1&_cursor=c", new SearchAnswer<>(entries, sources, Map.of()));
    }

    private static String passedThrough(Bundle bundle) throws IOException {
        assertTrue(SearchsetPassThrough.passes(bundle));
        StringWriter out = new StringWriter();
        SearchsetPassThrough.write(bundle, FHIR, out);
        return out.toString();
    }

    @Test
    void aPassedEntryIsTheSourcesJsonWithOnlyTheIdQualifiedAndTheSourceTagged() throws IOException {
        String answer = passedThrough(page(List.of(found("o1", PLAIN)), List.of()));
        String expected = PLAIN.replace("\"id\":\"o1\"", "\"id\":\"kommune-o1\"").replaceAll("}$", "")
                + ",\"meta\":{\"tag\":[" + TAG + "],\"source\":\"" + HOME + "\"}}";
        assertTrue(answer.contains("{\"fullUrl\":\"http://gw.test/gateway/fhir/Observation/kommune-o1\",\"resource\":"
                + expected + ",\"search\":{\"mode\":\"match\"}}"), answer);
        assertTrue(answer.contains("\"value\":72.50"), "a decimal keeps its precision as sent");
    }

    @Test
    void aSourcesMetaKeepsItsFieldsAndTagsAndGetsTheGatewaysSourceAndTag() throws IOException {
        String answer = passedThrough(page(List.of(found("o2", WITH_META)), List.of()));
        String expected = WITH_META.replace("\"id\":\"o2\"", "\"id\":\"kommune-o2\"")
                .replace("\"source\":\"#platform\",", "")
                .replace("\"code\":\"a\"}]}", "\"code\":\"a\"}," + TAG + "],\"source\":\"" + HOME + "\"}");
        assertTrue(answer.contains("\"resource\":" + expected + ","), answer);
    }

    @Test
    void theAnswerReadsAsExactlyWhatHapiWroteBefore() throws IOException {
        OperationOutcome gap = new OperationOutcome();
        gap.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setDiagnostics("fjellbygd did not answer");
        Bundle bundle = page(List.of(found("o1", PLAIN), found("o2", WITH_META)), List.of());
        bundle.addEntry().setResource(gap).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);

        String byHapi = FHIR.newJsonParser().encodeResourceToString(bundle);
        String passed = passedThrough(bundle);
        assertEquals(FHIR.newJsonParser().encodeResourceToString(FHIR.newJsonParser().parseResource(Bundle.class, byHapi)),
                FHIR.newJsonParser().encodeResourceToString(FHIR.newJsonParser().parseResource(Bundle.class, passed)));
        assertTrue(passed.startsWith("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":["), passed);
    }

    @Test
    void anEntryHapiReadsOnlyLenientlyIsHapisEncodingWithoutWhatItDropped() throws IOException {
        String unknownElement = PLAIN.replace("\"id\":\"o1\"", "\"id\":\"o3\"").replace("\"status\"",
                "\"colour\":\"blue\",\"status\"");
        Bundle bundle = page(List.of(found("o1", PLAIN), found("o3", unknownElement)), List.of());
        String answer = passedThrough(bundle);
        assertFalse(answer.contains("colour"), answer);
        assertTrue(answer.contains("\"id\":\"kommune-o3\""), answer);
        assertEquals(2, FHIR.newJsonParser().parseResource(Bundle.class, answer).getEntry().size());
    }

    @Test
    void anEntryHapiCannotReadIsAnOperationOutcomeAndNothingIsPassedOn() {
        String invalid = "{\"resourceType\":\"Observation\",\"id\":\"o4\",\"status\":\"final\","
                + "\"effectiveDateTime\":\"yesterday\"}";
        Bundle bundle = page(List.of(found("o4", invalid)), List.of());
        assertEquals(1, bundle.getEntry().size());
        Bundle.BundleEntryComponent only = bundle.getEntryFirstRep();
        assertTrue(only.getResource() instanceof OperationOutcome, () -> only.getResource().fhirType());
        assertEquals(Bundle.SearchEntryMode.OUTCOME, only.getSearch().getMode());
        assertTrue(((OperationOutcome) only.getResource()).getIssueFirstRep().getDiagnostics().contains("entry o4"));
        assertFalse(SearchsetPassThrough.passes(bundle), "nothing to pass on: HAPI writes it");
    }

    @Test
    void theSearchsetsTypeAndLinksAreWrittenExactlyAsHapiWritesThem() throws IOException {
        Bundle bundle = FederatedData.page("Observation", "http://gw.test/gateway/fhir",
                "http://gw.test/gateway/fhir/Observation?code=a%7Cb&name=\"Ærlig\"\\x\u2028",
                "http://gw.test/gateway/fhir/Observation?x=1&_cursor=c+/=", new SearchAnswer<>(
                        List.of(found("o1", PLAIN)), List.of(), Map.of()));
        assertTrue(SearchsetPassThrough.onlyTypeAndLinks(bundle));
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        bundle.setEntry(new ArrayList<>());
        String shellByHapi = FHIR.newJsonParser().encodeResourceToString(bundle);
        bundle.setEntry(entries);

        String passed = passedThrough(bundle);
        assertTrue(passed.startsWith(shellByHapi.substring(0, shellByHapi.lastIndexOf('}')) + ",\"entry\":[{"), passed);
    }

    @Test
    void aSearchsetWithMoreThanTypeAndLinksHasHapisEncodingAroundItsEntries() throws IOException {
        Bundle bundle = page(List.of(found("o1", PLAIN)), List.of());
        bundle.setTotal(7).setId("page-1");
        bundle.getLinkFirstRep().setId("l1");
        assertFalse(SearchsetPassThrough.onlyTypeAndLinks(bundle));

        String byHapi = FHIR.newJsonParser().encodeResourceToString(bundle);
        String passed = passedThrough(bundle);
        assertTrue(passed.contains("\"total\":7"), passed);
        assertEquals(FHIR.newJsonParser().encodeResourceToString(FHIR.newJsonParser().parseResource(Bundle.class, byHapi)),
                FHIR.newJsonParser().encodeResourceToString(FHIR.newJsonParser().parseResource(Bundle.class, passed)));
    }

    @Test
    void keptEntriesParsedTogetherAreEachReadAsAloneStrictLenientOrNotFhir() {
        List<SourceResource> kept = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            kept.add(SourceResource.unparsed(PLAIN.replace("\"o1\"", "\"o" + i + "\"")));
        }
        SourceResource lenient = SourceResource.unparsed(PLAIN.replace("\"status\"", "\"colour\":\"red\",\"status\""));
        SourceResource notFhir = SourceResource.unparsed("{\"resourceType\":\"Observation\",\"status\":[}");
        kept.add(7, lenient);
        kept.add(notFhir);

        // The helper takes up the offer late, after this thread has taken every entry, as a busy machine has it.
        List<Runnable> late = new ArrayList<>();
        SourceResource.parseAll(kept, late::add);
        assertTrue(kept.stream().allMatch(SourceResource::tried), "every one read before the helper started");
        late.forEach(Runnable::run);
        List<SourceResource> again = List.of(SourceResource.unparsed(PLAIN), SourceResource.unparsed(WITH_META));
        // A helper that refuses the work leaves it all to this thread.
        SourceResource.parseAll(again, work -> {
            throw new java.util.concurrent.RejectedExecutionException("busy");
        });
        assertTrue(again.stream().allMatch(SourceResource::tried));
        // Two threads at once, each entry taken by one.
        List<SourceResource> fresh = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fresh.add(SourceResource.unparsed(PLAIN.replace("\"o1\"", "\"f" + i + "\"")));
        }
        java.util.concurrent.ExecutorService helper = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            SourceResource.parseAll(fresh, helper);
        } finally {
            helper.shutdown();
        }
        assertTrue(fresh.stream().allMatch(SourceResource::tried));
        for (int i = 0; i < fresh.size(); i++) {
            assertTrue(fresh.get(i).exact().isPresent(), "entry " + i);
            assertEquals("f" + i, fresh.get(i).resource().getIdElement().getIdPart());
        }

        for (int i = 0; i < kept.size(); i++) {
            SourceResource r = kept.get(i);
            if (r == notFhir) {
                assertThrows(DataFormatException.class, r::resource);
                assertThrows(DataFormatException.class, r::resource, "and again, not parsed anew as something else");
            } else if (r == lenient) {
                assertTrue(r.exact().isEmpty());
                assertEquals("o1", r.resource().getIdElement().getIdPart());
            } else {
                assertTrue(r.exact().isPresent(), "entry " + i);
                assertEquals("o" + (i > 7 ? i - 1 : i), r.resource().getIdElement().getIdPart());
            }
        }
    }

    @Test
    void aBundleWithoutPassedEntriesOrWithEntryFieldsThisWriterDoesNotWriteIsLeftToHapi() {
        assertFalse(SearchsetPassThrough.passes(page(new ArrayList<>(), List.of())));
        Bundle withScore = page(List.of(found("o1", PLAIN)), List.of());
        withScore.getEntryFirstRep().getSearch().setScore(1);
        assertFalse(SearchsetPassThrough.passes(withScore));
    }
}
