package no.dhoindex.adapters.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.OnDemandPointers;
import no.dhoindex.adapters.fhir.PatientData;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.reconciliation.PublishedHere.Published;
import no.dhoindex.adapters.reconciliation.Reconciliation.Difference;
import no.dhoindex.adapters.reconciliation.Reconciliation.Report;
import no.dhoindex.adapters.reconciliation.Reconciliation.Repair;
import no.dhoindex.adapters.registry.OwnDocument;
import no.dhoindex.adapters.registry.RegistryUnreachable;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import org.junit.jupiter.api.Test;

/** The comparison and its repairs, with the record here and the registry as fakes. */
class ReconciliationTest {

    private static final String REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    private static final Organisation KOMMUNE = new Organisation("kommune", "Demo kommune", "921234567",
            Organisation.Kind.FHIR, "urn:oid:2.16.578.1.12.4.1.7.1.3", REPOSITORY, "2.16.578.1.12.4.1.7.1.3");
    private static final OnDemandPointers POINTERS = new OnDemandPointers(KOMMUNE, null, null);
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    private final Ledger here = new Ledger();
    private final Registry registry = new Registry();

    private static DocumentPointer pointer() {
        DocumentPointer p = POINTERS.pointer(new PatientData("15077510041", DataKind.MEASUREMENTS, "20261101080000",
                "20261114080000", List.of("8867-4"), 14));
        return p.withLocation(new DocumentLocation(REPOSITORY, "text/xml", null, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                1024L, null, null));
    }

    /** The registry's entry for the pointer exactly as published. */
    private static OwnDocument held(DocumentPointer p, String status) {
        return new OwnDocument(p.entryUuid(), p.uniqueId(), p.patientId().toCx(), p.codes().classCode().code(),
                p.codes().typeCode().code(), p.location().hash(), p.location().size(), status,
                "urn:oid:" + p.location().repositoryUniqueId(), p.id().homeCommunityId(), "2.25.1",
                p.provenance().serviceStartTime(), p.provenance().serviceStopTime());
    }

    private Report run(boolean repair) {
        return new Reconciliation("kommune", REPOSITORY, here, registry, Clock.fixed(NOW, ZoneOffset.UTC), 3).run(repair);
    }

    private void assertNoDifferenceAndNothingDone(Report report) {
        assertEquals(List.of(), report.missing());
        assertEquals(List.of(), report.extra());
        assertEquals(List.of(), report.stale());
        assertEquals(List.of(), registry.registered);
        assertEquals(List.of(), registry.deprecated);
    }

    private static List<String> entryUuids(List<Difference> differences) {
        return differences.stream().map(Difference::entryUuid).toList();
    }

    @Test
    void theSameOnBothSidesIsNoDifference() {
        DocumentPointer p = pointer();
        here.put(p, "APPROVED");
        registry.put(held(p, "APPROVED"));
        Report report = run(true);
        assertEquals(NOW, report.checkedAt());
        assertEquals(1, report.published());
        assertEquals(1, report.registered());
        assertNoDifferenceAndNothingDone(report);
    }

    @Test
    void aPointerPublishedHereAndAbsentAtTheRegistryIsMissingAndRegisteredAgainWithTheSameIds() {
        DocumentPointer p = pointer();
        here.put(p, "APPROVED");

        Report verified = run(false);
        assertEquals(List.of(p.entryUuid()), entryUuids(verified.missing()));
        assertEquals(p.uniqueId(), verified.missing().get(0).uniqueId());
        assertEquals(p.patientId().toCx(), verified.missing().get(0).patient());
        assertEquals(Repair.REGISTER, verified.missing().get(0).repair());
        assertEquals(List.of(), registry.registered, "verifying repairs nothing");

        Report repaired = run(true);
        assertEquals(1, repaired.reRegistered());
        assertEquals(List.of(p.entryUuid()), registry.registered.stream().map(DocumentPointer::entryUuid).toList());
        assertEquals(List.of(p.uniqueId()), registry.registered.stream().map(DocumentPointer::uniqueId).toList());
        assertEquals(List.of(), run(false).missing(), "once repaired, nothing is missing");
    }

    @Test
    void aDeprecatedPointerAbsentAtTheRegistryIsNotMissing() {
        here.put(pointer(), "DEPRECATED");
        assertEquals(List.of(), run(true).missing());
        assertEquals(List.of(), registry.registered);
    }

    @Test
    void anApprovedEntryAtTheRegistryUnknownHereIsExtraAndDeprecated() {
        DocumentPointer stranger = pointer();
        registry.put(held(stranger, "APPROVED"));
        DocumentPointer deprecatedStranger = pointer();
        registry.put(held(deprecatedStranger, "DEPRECATED"));

        Report verified = run(false);
        assertEquals(List.of(stranger.entryUuid()), entryUuids(verified.extra()), "a deprecated one is no longer shared");
        assertEquals(Repair.DEPRECATE, verified.extra().get(0).repair());
        assertEquals(List.of(), registry.deprecated);

        Report repaired = run(true);
        assertEquals(1, repaired.deprecated());
        assertEquals(List.of(stranger.entryUuid()), registry.deprecated);
        assertEquals(List.of(), run(false).extra());
    }

    @Test
    void anEntryUnderAnotherOfTheOrganisationsRepositoriesIsAnotherAdaptersToReconcile() {
        DocumentPointer p = pointer();
        OwnDocument elsewhere = held(p, "APPROVED");
        registry.put(new OwnDocument(elsewhere.entryUuid(), elsewhere.uniqueId(), elsewhere.patient(),
                elsewhere.classCode(), elsewhere.typeCode(), elsewhere.hash(), elsewhere.size(), "APPROVED",
                REPOSITORY + ".9", null, null, null, null));
        Report report = run(true);
        assertEquals(0, report.registered());
        assertEquals(List.of(), report.extra());
        assertEquals(List.of(), registry.deprecated);
    }

    @Test
    void aDifferentHashOrServiceTimeIsStaleAndReportedNotRepaired() {
        DocumentPointer p = pointer();
        here.put(p, "APPROVED");
        OwnDocument same = held(p, "APPROVED");
        registry.put(new OwnDocument(same.entryUuid(), same.uniqueId(), same.patient(), same.classCode(), same.typeCode(),
                "0000000000000000000000000000000000000000", 1024L, "APPROVED", same.repositoryUniqueId(),
                same.homeCommunityId(), same.submissionSetUniqueId(), same.serviceStartTime(), "20261201080000"));

        Report report = run(true);
        assertEquals(List.of(p.entryUuid()), entryUuids(report.stale()));
        Difference stale = report.stale().get(0);
        assertEquals(2, stale.differences().size(), stale::toString);
        assertTrue(stale.differences().get(0).startsWith("hash: here da39a3ee"), stale::toString);
        assertTrue(stale.differences().get(1).startsWith("serviceStopTime: here 20261114080000, registry 20261201080000"),
                stale::toString);
        assertEquals(Repair.NONE, stale.repair());
        assertEquals(List.of(), registry.registered);
        assertEquals(List.of(), registry.deprecated);
        assertEquals(List.of(), report.missing());
        assertEquals(List.of(), report.extra());
    }

    @Test
    void aHashDifferingOnlyInCaseIsTheSame() {
        DocumentPointer p = pointer();
        here.put(p, "APPROVED");
        OwnDocument same = held(p, "APPROVED");
        registry.put(new OwnDocument(same.entryUuid(), same.uniqueId(), same.patient(), same.classCode(), same.typeCode(),
                same.hash().toUpperCase(), same.size(), "APPROVED", same.repositoryUniqueId(), same.homeCommunityId(),
                same.submissionSetUniqueId(), same.serviceStartTime(), same.serviceStopTime()));
        assertEquals(List.of(), run(false).stale());
    }

    @Test
    void aPointerDeprecatedHereAndApprovedAtTheRegistryIsStaleAndDeprecated() {
        DocumentPointer p = pointer();
        here.put(p, "DEPRECATED");
        registry.put(held(p, "APPROVED"));
        Report report = run(true);
        assertEquals(List.of("status: here DEPRECATED, registry APPROVED"), report.stale().get(0).differences());
        assertEquals(Repair.DEPRECATE, report.stale().get(0).repair());
        assertEquals(List.of(p.entryUuid()), registry.deprecated);
        assertEquals(1, report.deprecated());
    }

    @Test
    void pendingPointersAreLeftAloneOnBothSides() {
        DocumentPointer notYetRegistered = pointer();
        here.put(notYetRegistered, "PENDING");
        DocumentPointer registeredNotYetSettled = pointer();
        here.put(registeredNotYetSettled, "PENDING");
        registry.put(held(registeredNotYetSettled, "APPROVED"));

        Report report = run(true);
        assertEquals(0, report.published(), "pending ones are not counted as published");
        assertNoDifferenceAndNothingDone(report);
    }

    @Test
    void aRegistrationDuringTheRunIsNotTakenForAnExtraOne() {
        // Kept here (pending) after the first read, registered before the registry is listed.
        DocumentPointer during = pointer();
        registry.put(held(during, "APPROVED"));
        here.onFreshRead = () -> here.put(during, "PENDING");
        // And one replaced during the run: deprecated here after the first read, gone from the registry's listing.
        DocumentPointer replaced = pointer();
        here.put(replaced, "APPROVED");
        here.onFreshRead = chain(here.onFreshRead, () -> here.put(replaced, "DEPRECATED"));

        assertNoDifferenceAndNothingDone(run(true));
    }

    @Test
    void everyPageOfTheListingIsCompared() {
        List<DocumentPointer> pointers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            DocumentPointer p = pointer();
            pointers.add(p);
            here.put(p, "APPROVED");
            registry.put(held(p, "APPROVED"));
        }
        DocumentPointer last = pointers.stream().max(java.util.Comparator.comparing(DocumentPointer::entryUuid)).orElseThrow();
        registry.entries.remove(last.entryUuid());

        Report report = run(false);
        assertEquals(7, report.published());
        assertEquals(6, report.registered());
        assertEquals(List.of(last.entryUuid()), entryUuids(report.missing()), "the one past the first pages");
        assertEquals(2, registry.pagesAsked, "two pages of three");
    }

    @Test
    void aRepairThatFailsIsAnErrorAndTheOthersGoOn() {
        DocumentPointer refused = pointer();
        here.put(refused, "APPROVED");
        DocumentPointer stranger = pointer();
        registry.put(held(stranger, "APPROVED"));
        registry.refuseRegistrations = true;

        Report report = run(true);
        assertEquals(0, report.reRegistered());
        assertEquals(1, report.deprecated());
        assertEquals(1, report.errors().size(), report.errors()::toString);
        assertTrue(report.errors().get(0).startsWith("register " + refused.entryUuid() + ": "), report.errors()::toString);
    }

    private static Runnable chain(Runnable first, Runnable second) {
        return () -> {
            first.run();
            second.run();
        };
    }

    /** The record here; {@link #onFreshRead} changes it just before a difference is confirmed. */
    private static final class Ledger implements PublishedHere {
        final Map<String, Published> entries = new LinkedHashMap<>();
        Runnable onFreshRead = () -> { };

        void put(DocumentPointer p, String status) {
            entries.put(p.entryUuid(), new Published(p, status));
        }

        @Override
        public List<Published> all() {
            return List.copyOf(entries.values());
        }

        @Override
        public List<Published> byEntryUuids(Collection<String> entryUuids) {
            onFreshRead.run();
            onFreshRead = () -> { };
            return entryUuids.stream().filter(entries::containsKey).map(entries::get).toList();
        }
    }

    /** The registry: entries by entryUUID, listed in pages; records the repairs asked of it. */
    private static final class Registry implements RegistryHolds {
        final TreeMap<String, OwnDocument> entries = new TreeMap<>();
        final List<DocumentPointer> registered = new ArrayList<>();
        final List<String> deprecated = new ArrayList<>();
        int pagesAsked;
        boolean refuseRegistrations;

        void put(OwnDocument d) {
            entries.put(d.entryUuid(), d);
        }

        @Override
        public OwnDocument.Page documents(String after, int limit) {
            pagesAsked++;
            List<OwnDocument> page = (after == null ? entries : entries.tailMap(after, false)).values().stream()
                    .limit(limit + 1L).toList();
            boolean more = page.size() > limit;
            List<OwnDocument> shown = more ? page.subList(0, limit) : page;
            return new OwnDocument.Page(shown, more ? shown.get(shown.size() - 1).entryUuid() : null);
        }

        @Override
        public void register(DocumentPointer pointer) {
            if (refuseRegistrations) {
                throw new RegistryUnreachable("connection refused", false);
            }
            registered.add(pointer);
            put(held(pointer, "APPROVED"));
        }

        @Override
        public boolean deprecate(String entryUuid) {
            OwnDocument d = entries.get(entryUuid);
            if (d == null) {
                return false;
            }
            deprecated.add(entryUuid);
            put(new OwnDocument(d.entryUuid(), d.uniqueId(), d.patient(), d.classCode(), d.typeCode(), d.hash(),
                    d.size(), "DEPRECATED", d.repositoryUniqueId(), d.homeCommunityId(), d.submissionSetUniqueId(),
                    d.serviceStartTime(), d.serviceStopTime()));
            return true;
        }
    }
}
