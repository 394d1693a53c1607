package no.dhoindex.registry.infrastructure.jdbc;

import static no.dhoindex.registry.infrastructure.jdbc.StoredFormSamples.DISCHARGE;
import static no.dhoindex.registry.infrastructure.jdbc.StoredFormSamples.HOSPITAL;
import static no.dhoindex.registry.infrastructure.jdbc.StoredFormSamples.PATIENT;
import static no.dhoindex.registry.infrastructure.jdbc.StoredFormSamples.SET_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import no.dhoindex.registry.application.PatientPolicy;
import no.dhoindex.registry.application.RegisterSubmission;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.testsupport.Postgres;
import org.junit.jupiter.api.Test;

/**
 * What an ITI-42 costs the database (issue 17: registration in sets of 10 was bound by the database's work per
 * entry): a set of 10 documents, each with codes, an author and a reference id, takes two connections (the look-up
 * of its identifiers, the transaction) and as many round trips as a set of 1: one look-up, one batched insert per
 * table, one commit. A statement or round trip per entry, or a look-up per kind of identifier, fails the bound.
 */
class RegistrationRoundTripsTest {

    /** The look-up, set, set author, documents, codes, authors, reference ids, associations, commit. */
    private static final int ROUND_TRIPS = 9;

    private static final AtomicLong NEXT = new AtomicLong();

    @Test
    void h2() {
        counted(TestDatabases.h2Url("round-trips"), null);
    }

    @Test
    void postgres() throws Exception {
        String reason = Postgres.unreachableReason();
        assertNull(reason, () -> "PostgreSQL (the production database) is needed: " + reason);
        String schema = Postgres.freshSchema("i17_round_trips");
        try {
            counted(Postgres.URL, schema);
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    private static void counted(String url, String schema) {
        RegistryDatabase real = TestDatabases.open(url, schema);
        try {
            RecordingDataSource recorder = new RecordingDataSource();
            DataSource recorded = recorder.wrap(real.dataSource());
            RegisterSubmission register = new RegisterSubmission(new JdbcPointerStore(new RegistryDatabase() {
                @Override
                public DataSource dataSource() {
                    return recorded;
                }
            }), new PatientPolicy(null, new RegistrySettings()));

            register.register(submission(1), Registrant.UNCHECKED); // warm: nothing is counted before this returns
            RecordingDataSource.Counts before = recorder.counts();
            register.register(submission(10), Registrant.UNCHECKED);
            RecordingDataSource.Counts ten = minus(recorder.counts(), before);
            before = recorder.counts();
            register.register(submission(1), Registrant.UNCHECKED);
            RecordingDataSource.Counts one = minus(recorder.counts(), before);

            assertEquals(2, ten.connections(), "connections per registration of a set of 10");
            assertEquals(ROUND_TRIPS, ten.roundTrips(), "round trips per registration of a set of 10");
            assertEquals(one.roundTrips(), ten.roundTrips(), "round trips grow with the entries of a set");
            // Rows as JDBC hands them to the driver: 1 look-up, 1 set, 1 set author, per entry 1 document, 3 codes
            // (2 event codes, 1 confidentiality code), 1 author, 1 reference id and 1 association (on PostgreSQL the
            // driver sends each batch as multi-row INSERTs: RegistryDatabase.batchedInserts).
            assertEquals(1 + 1 + 1 + 10 * (1 + 3 + 1 + 1 + 1), ten.statements(), "statements of a set of 10");
        } finally {
            real.close();
        }
    }

    private static RecordingDataSource.Counts minus(RecordingDataSource.Counts a, RecordingDataSource.Counts b) {
        return new RecordingDataSource.Counts(a.connections() - b.connections(), a.roundTrips() - b.roundTrips(),
                a.statements() - b.statements());
    }

    /** A set of {@code n} new documents of the sample patient, each a member of the set, as a source sends it. */
    static Submission submission(int n) {
        String setUuid = "urn:uuid:" + UUID.randomUUID();
        SubmissionSet set = new SubmissionSet(new RegistryObjectId(setUuid, HOSPITAL + ".3." + NEXT.incrementAndGet(), null, null, null), AvailabilityStatus.APPROVED, PATIENT, HOSPITAL,
                "20261202120000", SET_1.contentTypeCode(), List.of(DISCHARGE.provenance().authors().get(0)), List.of(),
                null, null, Map.of());
        List<DocumentPointer> documents = new ArrayList<>();
        List<Association> associations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uuid = "urn:uuid:" + UUID.randomUUID();
            documents.add(new DocumentPointer(new RegistryObjectId(uuid, HOSPITAL + ".4." + NEXT.incrementAndGet(), null, null, null), AvailabilityStatus.APPROVED,
                    DISCHARGE.type(), PATIENT, DISCHARGE.codes(), DISCHARGE.provenance(), DISCHARGE.location(),
                    DISCHARGE.title(), null, DISCHARGE.referenceIds(), Map.of()));
            associations.add(new Association("urn:uuid:" + UUID.randomUUID(), AssociationType.HAS_MEMBER, setUuid, uuid,
                    AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
        }
        return new Submission(set, documents, List.of(), associations);
    }
}
