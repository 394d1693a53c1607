package no.dhoindex.adapters.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.OnDemandPointers;
import no.dhoindex.adapters.fhir.PatientData;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.jdbc.ManagedDatabase;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registration under way is kept whole (the submission exactly as sent, the pointer), is never
 * served nor counted while pending, and is settled one way or the other in one transaction.
 */
class PendingSubmissionsTest {

    private static final PatientId KARI = PatientId.nationalId("15077510041");
    private static final OnDemandPointers POINTERS = new OnDemandPointers(new Organisation("kommune", "Demo kommune",
            "921234567", Organisation.Kind.FHIR, "urn:oid:2.16.578.1.12.4.1.7.1.3", "2.16.578.1.12.4.1.7.1.3.1",
            "2.16.578.1.12.4.1.7.1.3"), new Code("264362003", "2.16.840.1.113883.6.96", "Home"),
            new Code("394802001", "2.16.840.1.113883.6.96", "General medicine"));

    private ManagedDatabase database;
    private PointerLedger ledger;
    private PendingSubmissions pending;

    @BeforeEach
    void open() {
        database = ManagedDatabase.open("adapter", "jdbc:h2:mem:pending-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "", null, 2, getClass().getClassLoader());
        AdapterDatabase adapterDatabase = new AdapterDatabase() {
            @Override
            public DataSource dataSource() {
                return database.dataSource();
            }
        };
        ledger = new PointerLedger();
        ledger.database = adapterDatabase;
        pending = new PendingSubmissions();
        pending.database = adapterDatabase;
        pending.ledger = ledger;
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static DocumentPointer measurements(String last) {
        return POINTERS.pointer(new PatientData(KARI.id(), DataKind.MEASUREMENTS, "20261101080000", last,
                List.of("8867-4"), 14));
    }

    /** The next version of {@code previous}, its data now ending at {@code last}. */
    private static DocumentPointer nextVersion(DocumentPointer previous, String last) {
        return POINTERS.nextVersion(previous, new PatientData(KARI.id(), DataKind.MEASUREMENTS, "20261101080000",
                last, List.of("8867-4"), 15));
    }

    private Submission keep(DocumentPointer pointer, DocumentPointer replaced) {
        Submission submission = POINTERS.submission(pointer);
        pending.keepPointer(submission, pointer, DataKind.MEASUREMENTS.name(),
                replaced == null ? null : replaced.entryUuid());
        return submission;
    }

    private List<String> served(DocumentPointer pointer) {
        return ledger.byUniqueIds(PatientScope.of(KARI), List.of(pointer.uniqueId())).stream()
                .map(DocumentPointer::uniqueId).toList();
    }

    @Test
    void aPendingPointerIsNeitherServedNorCountedAndIsSentAgainAsItWas() {
        DocumentPointer pointer = measurements("20261114080000");
        Submission sent = keep(pointer, null);

        assertEquals(List.of(), served(pointer));
        assertEquals(List.of(), ledger.ofPatient(KARI));
        assertTrue(ledger.current(KARI, DataKind.MEASUREMENTS.name()).isEmpty());
        String setId = ledger.pendingSubmissionSet(KARI, DataKind.MEASUREMENTS.name()).orElseThrow();
        PendingSubmissions.Pending kept = pending.find(setId).orElseThrow();
        assertEquals(sent.submissionSet().uniqueId(), kept.submission().submissionSet().uniqueId());
        assertEquals(pointer.entryUuid(), kept.submission().documents().get(0).entryUuid(), "the same entryUUID");
        assertEquals(pointer.uniqueId(), kept.submission().documents().get(0).uniqueId(), "the same uniqueId");
        assertEquals(List.of(setId), pending.keptBefore(Instant.now().plusSeconds(1)).stream()
                .map(p -> p.submission().submissionSet().uniqueId()).toList());
    }

    private java.util.Map<String, String> recordedStatuses() {
        java.util.Map<String, String> statuses = new java.util.HashMap<>();
        ledger.recorded().forEach(r -> statuses.put(r.pointer().entryUuid(), r.status()));
        return statuses;
    }

    @Test
    void reconciliationSeesAPointerWhoseReplacementIsUnderWayAsPending() {
        DocumentPointer first = measurements("20261114080000");
        pending.done(keep(first, null).submissionSet().uniqueId());
        assertEquals(java.util.Map.of(first.entryUuid(), "APPROVED"), recordedStatuses());
        DocumentPointer second = nextVersion(first, "20261115080000");
        String setId = keep(second, first).submissionSet().uniqueId();

        assertEquals(java.util.Map.of(first.entryUuid(), "PENDING", second.entryUuid(), "PENDING"), recordedStatuses());
        assertEquals(List.of("PENDING"), ledger.recorded(List.of(first.entryUuid())).stream()
                .map(PointerLedger.Recorded::status).toList());
        pending.done(setId);
        assertEquals(java.util.Map.of(first.entryUuid(), "DEPRECATED", second.entryUuid(), "APPROVED"), recordedStatuses());
    }

    @Test
    void doneServesItAndDeprecatesWhatItReplaces() {
        DocumentPointer first = measurements("20261114080000");
        pending.done(keep(first, null).submissionSet().uniqueId());
        DocumentPointer second = nextVersion(first, "20261115080000");
        pending.done(keep(second, first).submissionSet().uniqueId());

        assertEquals(first.uniqueId(), second.uniqueId(), "a new version keeps the uniqueId");
        assertEquals(second.entryUuid(), ledger.current(KARI, DataKind.MEASUREMENTS.name()).orElseThrow().entryUuid());
        assertEquals(second.entryUuid(), ledger.byUniqueId(PatientScope.of(KARI), second.uniqueId()).orElseThrow()
                .pointer().entryUuid(), "the approved version answers for the uniqueId");
        assertEquals(2, ledger.ofPatient(KARI).size(), "the replaced one stays, deprecated");
        assertTrue(pending.keptBefore(Instant.now().plusSeconds(1)).isEmpty());
    }

    @Test
    void undoLeavesNothingAndSettlingTwiceChangesNothing() {
        DocumentPointer pointer = measurements("20261114080000");
        String setId = keep(pointer, null).submissionSet().uniqueId();
        pending.undo(setId);
        pending.done(setId);

        assertEquals(List.of(), served(pointer));
        assertTrue(ledger.pendingSubmissionSet(KARI, DataKind.MEASUREMENTS.name()).isEmpty());
        assertTrue(pending.find(setId).isEmpty());
    }
}
