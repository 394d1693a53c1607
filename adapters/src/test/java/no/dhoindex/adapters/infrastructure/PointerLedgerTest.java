package no.dhoindex.adapters.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.sql.DataSource;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.OnDemandPointers;
import no.dhoindex.adapters.fhir.PatientData;
import no.dhoindex.adapters.lifecycle.PublishedPointers;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.jdbc.ManagedDatabase;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's look-ups by id select only the scope's patient, authority and id together, in the SQL. */
class PointerLedgerTest {

    private static final PatientId KARI = PatientId.nationalId("15077510041");
    private static final PatientId OLA = PatientId.nationalId("23059110047");
    /** Ola's digits under another assigning authority: another person. */
    private static final PatientId OLA_ELSEWHERE = new PatientId("23059110047", "2.16.578.1.12.4.1.4.2");

    private static final OnDemandPointers POINTERS = new OnDemandPointers(new Organisation("kommune", "Demo kommune",
            "921234567", Organisation.Kind.FHIR, "urn:oid:2.16.578.1.12.4.1.7.1.3", "2.16.578.1.12.4.1.7.1.3.1",
            "2.16.578.1.12.4.1.7.1.3"), new Code("264362003", "2.16.840.1.113883.6.96", "Home"),
            new Code("394802001", "2.16.840.1.113883.6.96", "General medicine"));

    private ManagedDatabase database;
    private PointerLedger ledger;
    private DocumentPointer karis;
    private DocumentPointer olas;

    @BeforeEach
    void ledgerWithTwoPatients() {
        database = ManagedDatabase.open("adapter", "jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "", null, 2, getClass().getClassLoader());
        ledger = new PointerLedger();
        ledger.database = new AdapterDatabase() {
            @Override
            public DataSource dataSource() {
                return database.dataSource();
            }
        };
        karis = measurements(KARI);
        olas = measurements(OLA);
        ledger.record(karis, DataKind.MEASUREMENTS.name(), null);
        ledger.record(olas, DataKind.MEASUREMENTS.name(), null);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static DocumentPointer measurements(PatientId patient) {
        return POINTERS.pointer(new PatientData(patient.id(), DataKind.MEASUREMENTS, "20261101080000",
                "20261114080000", List.of("8867-4"), 14));
    }

    private static List<String> uniqueIds(List<DocumentPointer> pointers) {
        return pointers.stream().map(DocumentPointer::uniqueId).toList();
    }

    @Test
    void anotherPatientsPointerIsNotFoundByUniqueIdOrEntryUuid() {
        PatientScope kari = PatientScope.of(KARI);
        assertEquals(List.of(), ledger.byUniqueIds(kari, List.of(olas.uniqueId())));
        assertEquals(List.of(), ledger.byEntryUuids(kari, List.of(olas.entryUuid())));
        assertTrue(ledger.byUniqueId(kari, olas.uniqueId()).isEmpty());
        assertEquals(List.of(olas.uniqueId()), uniqueIds(ledger.byUniqueIds(PatientScope.of(OLA), List.of(olas.uniqueId()))));
        assertEquals(olas.uniqueId(), ledger.byUniqueId(PatientScope.of(OLA), olas.uniqueId()).orElseThrow()
                .pointer().uniqueId());
    }

    @Test
    void aMixedRequestGivesOnlyTheBoundPatientsPointers() {
        List<String> both = List.of(karis.uniqueId(), olas.uniqueId());
        assertEquals(List.of(karis.uniqueId()), uniqueIds(ledger.byUniqueIds(PatientScope.of(KARI), both)));
        assertEquals(List.of(karis.entryUuid()), ledger.byEntryUuids(PatientScope.of(KARI),
                List.of(karis.entryUuid(), olas.entryUuid())).stream().map(DocumentPointer::entryUuid).toList());
    }

    @Test
    void theSameDigitsUnderAnotherAuthorityAreAnotherPatient() {
        PatientScope elsewhere = PatientScope.of(OLA_ELSEWHERE);
        assertEquals(List.of(), ledger.byUniqueIds(elsewhere, List.of(olas.uniqueId())));
        assertEquals(List.of(), ledger.byEntryUuids(elsewhere, List.of(olas.entryUuid())));
        assertTrue(ledger.byUniqueId(elsewhere, olas.uniqueId()).isEmpty());
    }

    @Test
    void aScopeBoundToNobodySelectsNothingAndOnlyAnUncheckedCallerSelectsAll() {
        assertEquals(List.of(), ledger.byUniqueIds(PatientScope.none(), List.of(karis.uniqueId(), olas.uniqueId())));
        assertTrue(ledger.byUniqueId(PatientScope.none(), karis.uniqueId()).isEmpty());
        PatientScope unchecked = Caller.unchecked("PointerLedgerTest").patients();
        assertEquals(2, ledger.byUniqueIds(unchecked, List.of(karis.uniqueId(), olas.uniqueId())).size());
    }

    @Test
    void aPublishedPointerIsFoundByEntryUuidAsByDocumentAndFollowsItsStatus() {
        assertEquals(ledger.byDocument(karis.uniqueId()), ledger.byEntryUuid(karis.entryUuid()));
        assertEquals("APPROVED", ledger.byEntryUuid(karis.entryUuid()).orElseThrow().status());
        assertTrue(ledger.byEntryUuid("urn:uuid:not-published-here").isEmpty());
        ledger.deprecated(karis.entryUuid());
        assertEquals("DEPRECATED", ledger.byEntryUuid(karis.entryUuid()).orElseThrow().status());
        ledger.approved(karis.entryUuid());
        assertEquals("APPROVED", ledger.byEntryUuid(karis.entryUuid()).orElseThrow().status());
    }

    @Test
    void aPublishedPointersMetadataIsFoundByItsDocumentWithItsStatusHere() {
        DocumentPointer found = ledger.metadata(karis.uniqueId()).orElseThrow();
        assertEquals(karis.entryUuid(), found.entryUuid());
        assertEquals(KARI, found.patientId());
        ledger.deprecated(karis.entryUuid());
        assertEquals(AvailabilityStatus.DEPRECATED, ledger.metadata(karis.uniqueId()).orElseThrow().status());
        assertTrue(ledger.metadata("2.25.404").isEmpty());
    }

    @Test
    void aPointerBeingRemovedIsNeitherPublishedNorMissingUntilForgottenOrRefused() {
        java.time.Instant before = java.time.Instant.now().minusSeconds(60);
        ledger.removing(List.of(karis.entryUuid()), PublishedPointers.Removal.DOCUMENT);

        // Reconciliation sees it as pending: never registered again, whatever the registry holds of it now.
        assertEquals(List.of("PENDING"), ledger.recorded(List.of(karis.entryUuid())).stream()
                .map(PointerLedger.Recorded::status).toList());
        assertEquals(List.of("APPROVED"), ledger.recorded(List.of(olas.entryUuid())).stream()
                .map(PointerLedger.Recorded::status).toList());
        List<PublishedPointers.Unfinished> unfinished = ledger.unfinishedRemovals(java.time.Instant.now().plusSeconds(1));
        assertEquals(1, unfinished.size());
        assertEquals(karis.entryUuid(), unfinished.get(0).pointer().entryUuid());
        assertEquals(karis.uniqueId(), unfinished.get(0).documentUniqueId());
        assertEquals(PublishedPointers.Removal.DOCUMENT, unfinished.get(0).removal());
        assertEquals(List.of(), ledger.unfinishedRemovals(before), "one still being removed is not overtaken");

        ledger.removalRefused(List.of(karis.entryUuid()));
        assertEquals(List.of(), ledger.unfinishedRemovals(java.time.Instant.now().plusSeconds(1)));
        assertEquals(List.of("APPROVED"), ledger.recorded(List.of(karis.entryUuid())).stream()
                .map(PointerLedger.Recorded::status).toList());

        ledger.removing(List.of(karis.entryUuid()), PublishedPointers.Removal.POINTER);
        ledger.forget(List.of(karis.entryUuid()));
        assertEquals(List.of(), ledger.unfinishedRemovals(java.time.Instant.now().plusSeconds(1)));
        assertEquals(List.of(), ledger.recorded(List.of(karis.entryUuid())));
    }
}
