package no.dhoindex.adapters.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.sharing.Requester;
import no.dhoindex.adapters.sharing.SharingRules;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.fhir.DataDates;
import no.dhoindex.shared.fhir.Searchset;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The adapter's FHIR search: the caller's patient only, the sharing rules first, NORS-labelled data never, one page. */
class SourceSearchTest {

    private static final PatientId KARI = PatientId.nationalId("15077510041");
    private static final PatientId OLA = PatientId.nationalId("23059110047");
    private static final Caller ANNE = Caller.healthPersonnel("05076600324", "Anne Lege", "9144897", "974589095", "LE",
            "TREAT", KARI);
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    private boolean mayLeave = true;
    private final List<Resource> onPlatform = new ArrayList<>();
    private final List<String> platformAsked = new ArrayList<>();
    private final SourceSearch search = new SourceSearch();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private final Runnable grant = () -> recorded.add("granted");

    SourceSearchTest() {
        search.ledger = new PointerLedger() {
            @Override
            public Optional<DocumentPointer> current(PatientId patient, String dataKind) {
                return Optional.of(new DocumentPointer(new RegistryObjectId("urn:uuid:" + patient.id(), "1." + patient.id(),
                        null, null, null), AvailabilityStatus.APPROVED, DocumentEntryType.ON_DEMAND, patient,
                        new DocumentCodes(null, null, null, null, null, List.of(), List.of()), null, null, null, null,
                        List.of(), Map.of()));
            }
        };
        search.sharing = new SharingRules() {
            @Override
            public boolean mayLeave(DocumentPointer pointer, Optional<Requester> requester) {
                return mayLeave;
            }
        };
        search.platform = new PlatformSearch() {
            @Override
            public List<Searchset.Entry> search(DataKind kind, String nationalId, SourceQuery query) {
                platformAsked.add(nationalId + " offset " + query.offset() + " count " + query.count());
                // As a FHIR server asked _sort=-date&_count=<count + 1>&_offset=<offset> does (it honours no
                // _security:not here: the adapter must still withhold what is labelled NORS).
                return sent(onPlatform.stream().sorted(DataDates.order(query.newestFirst())).skip(query.offset())
                        .limit(query.count() + 1L).toList());
            }

            @Override
            public Optional<Resource> read(DataKind kind, String id, String nationalId) {
                platformAsked.add(nationalId + " read " + id);
                return onPlatform.stream().filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst();
            }
        };
    }

    private void measured(int... hours) {
        for (int h : hours) {
            Observation o = new Observation();
            o.setId("o" + h);
            o.setEffective(new DateTimeType(Date.from(T0.plusSeconds(3600L * h))));
            onPlatform.add(o);
        }
    }

    private static SourceQuery newest(int count, int offset) {
        return new SourceQuery(List.of(), List.of(), List.of(), true, count, offset);
    }

    private static List<String> ids(SourceSearch.Page page) {
        return page.resources().stream().map(Searchset.Entry::id).toList();
    }

    /** The resources as a platform's searchset sends them, read as the adapter reads its platform's answer. */
    static List<Searchset.Entry> sent(List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        resources.forEach(r -> bundle.addEntry().setResource(r));
        try {
            return Searchset.read(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle),
                    resources.isEmpty() ? "Observation" : resources.get(0).fhirType()).entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aSearchAboutAnotherPatientThanTheAssertionsIsRefusedBeforeThePlatformIsAsked() {
        assertThrows(AccessDenied.class, () -> search.search(ANNE, DataKind.MEASUREMENTS, OLA, newest(5, 0), grant));
        assertEquals(List.of(), platformAsked);
        assertEquals(List.of(), recorded, "a refused search is not recorded as granted");
    }

    @Test
    void dataTheSharingRulesWithholdIsAnEmptyPageNotARefusal() {
        measured(1, 2);
        mayLeave = false;
        SourceSearch.Page page = search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(5, 0), grant);
        assertEquals(List.of(), page.resources());
        assertFalse(page.more());
        assertEquals(List.of(), platformAsked);
        assertTrue(search.read(ANNE, DataKind.MEASUREMENTS, "o1").isEmpty());
    }

    @Test
    void aPageIsTheNewestFromItsOffsetAndThePlatformIsAskedForThatPageOnly() {
        measured(3, 1, 7, 5, 2, 6, 4);
        SourceSearch.Page first = search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(3, 0), grant);
        assertEquals(List.of("o7", "o6", "o5"), ids(first));
        assertTrue(first.more());
        SourceSearch.Page middle = search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(3, 3), grant);
        assertEquals(List.of("o4", "o3", "o2"), ids(middle));
        assertTrue(middle.more());
        SourceSearch.Page last = search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(3, 6), grant);
        assertEquals(List.of("o1"), ids(last));
        assertFalse(last.more());
        // The offset is the platform's to apply: no page is fetched from the start.
        assertEquals(List.of("15077510041 offset 0 count 3", "15077510041 offset 3 count 3",
                "15077510041 offset 6 count 3"), platformAsked);
    }

    @Test
    void aResourceLabelledNorsNeverLeaves() {
        measured(1, 2);
        onPlatform.get(1).getMeta().addSecurity("urn:oid:2.16.578.1.12.4.1.1.9603", "NORS", "Sperret");
        assertEquals(List.of("o1"), ids(search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(5, 0), grant)));
        assertTrue(search.read(ANNE, DataKind.MEASUREMENTS, "o2").isEmpty());
        assertTrue(search.read(ANNE, DataKind.MEASUREMENTS, "o1").isPresent());
    }

    @Test
    void theGrantIsRecordedWhileThePlatformIsAskedAndThePageWaitsForTheRecord() throws Exception {
        measured(1, 2);
        CountDownLatch recordStarted = new CountDownLatch(1);
        CountDownLatch platformAnswered = new CountDownLatch(1);
        PlatformSearch answering = search.platform;
        search.platform = new PlatformSearch() {
            @Override
            public List<Searchset.Entry> search(DataKind kind, String nationalId, SourceQuery query) {
                try {
                    // Were the record written before the platform is asked, in this thread, this would wait in vain.
                    assertTrue(recordStarted.await(10, TimeUnit.SECONDS), "the record is written while the platform is asked");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                List<Searchset.Entry> found = answering.search(kind, nationalId, query);
                platformAnswered.countDown();
                return found;
            }
        };
        SourceSearch.Page page = search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(5, 0), () -> {
            recordStarted.countDown();
            try {
                assertTrue(platformAnswered.await(10, TimeUnit.SECONDS));
                Thread.sleep(50);   // a slow commit: the page must still wait for it
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            recorded.add("granted");
        });
        assertEquals(List.of("granted"), recorded, "the page is given only once its record is stored");
        assertEquals(List.of("o2", "o1"), ids(page));
    }

    @Test
    void aGrantThatCannotBeRecordedFailsTheSearch() {
        measured(1);
        IllegalStateException notStored = new IllegalStateException("The access could not be logged, so it is not given");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> search.search(ANNE,
                DataKind.MEASUREMENTS, KARI, newest(5, 0), () -> {
                    throw notStored;
                }));
        assertEquals(notStored, thrown);
    }

    @Test
    void aGrantedSearchIsRecordedOnceEvenWhenTheDataIsWithheld() {
        measured(1);
        mayLeave = false;
        search.search(ANNE, DataKind.MEASUREMENTS, KARI, newest(5, 0), grant);
        assertEquals(List.of("granted"), recorded);
    }
}
