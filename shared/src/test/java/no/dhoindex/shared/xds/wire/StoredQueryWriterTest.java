package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.XCA;

/** A stored query written as ITI-38 and read back (validated as the responding gateway does) is the same query. */
class StoredQueryWriterTest {

    private static final PatientId PATIENT = PatientId.nationalId("15077510041");
    // Query codes travel as code^^^&scheme&ISO: a query names no display names.
    private static final Code VITAL_SIGNS = new Code("8716-3", "2.16.840.1.113883.6.1", null);
    private static final Code NORN = new Code("NORN_FFP", "2.16.578.1.12.4.1.1.9603", null);
    private static final Code EPIKRISE = new Code("A00-1", "2.16.578.1.12.4.1.1.9602", null);
    private static final String HOME = "urn:oid:2.16.578.1.12.4.1.7.1.2";

    private static StoredQuery roundTrip(StoredQuery query) {
        StoredQueryRequest read = XdsMessages.readQuery(XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, HOME),
                XCA.Interactions.ITI_38);
        assertEquals(HOME, read.homeCommunityId());
        assertEquals(ReturnType.LEAF_CLASS, read.returnType());
        return read.query();
    }

    @Test
    void findDocumentsWithEveryFilterKeepsThem() {
        DocumentFilter filter = new DocumentFilter(Set.of(AvailabilityStatus.APPROVED),
                Set.of(DocumentEntryType.ON_DEMAND, DocumentEntryType.STABLE), CodeFilter.anyOf(List.of(VITAL_SIGNS)),
                CodeFilter.anyOf(List.of(EPIKRISE)), CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY,
                new CodeFilter(List.of(List.of(NORN))), CodeFilter.ANY, new TimeRange("20260101", "20261231"),
                TimeRange.ANY, new TimeRange(null, "2026120112"), List.of("%Lege%"), List.of());
        StoredQuery query = new StoredQuery.FindDocuments(PATIENT, filter);
        assertEquals(query, roundTrip(query));
    }

    @Test
    void findDocumentsByReferenceIdKeepsTheReferenceIds() {
        DocumentFilter filter = new DocumentFilter(Set.of(AvailabilityStatus.APPROVED), Set.of(DocumentEntryType.STABLE),
                CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY,
                CodeFilter.ANY, TimeRange.ANY, TimeRange.ANY, TimeRange.ANY, List.of(), List.of("4711^^^&1.2.3&ISO"));
        StoredQuery query = new StoredQuery.FindDocuments(PATIENT, filter);
        assertEquals(query, roundTrip(query));
    }

    @Test
    void findSubmissionSetsAndFoldersKeepTheirFilters() {
        StoredQuery sets = new StoredQuery.FindSubmissionSets(PATIENT, Set.of(AvailabilityStatus.APPROVED),
                List.of("1.2.3"), new TimeRange("2026", null), null, CodeFilter.ANY);
        assertEquals(sets, roundTrip(sets));
        StoredQuery folders = new StoredQuery.FindFolders(PATIENT, Set.of(AvailabilityStatus.APPROVED,
                AvailabilityStatus.DEPRECATED), TimeRange.ANY, CodeFilter.anyOf(List.of(EPIKRISE)));
        assertEquals(folders, roundTrip(folders));
    }

    @Test
    void getAllKeepsItsStatuses() {
        StoredQuery query = new StoredQuery.GetAll(PATIENT, DocumentFilter.contents(Set.of(AvailabilityStatus.APPROVED),
                Set.of(DocumentEntryType.STABLE), CodeFilter.ANY, CodeFilter.ANY), Set.of(AvailabilityStatus.APPROVED),
                Set.of(AvailabilityStatus.APPROVED));
        assertEquals(query, roundTrip(query));
    }

    @Test
    void queriesByIdKeepTheirIds() {
        String uuid = "urn:uuid:6a2a4e1c-2a8f-4b3e-9a55-1f0d0f1f2a3b";
        for (StoredQuery query : List.of(
                new StoredQuery.GetDocuments(new ObjectSelector(List.of(), List.of("1.2.3.4"))),
                new StoredQuery.GetDocuments(ObjectSelector.byUuids(List.of(uuid))),
                new StoredQuery.GetFolders(ObjectSelector.byUuids(List.of(uuid))),
                new StoredQuery.GetAssociations(ObjectSelector.byUuids(List.of(uuid))),
                new StoredQuery.GetDocumentsAndAssociations(new ObjectSelector(List.of(), List.of("1.2.3.4"))),
                new StoredQuery.GetSubmissionSets(ObjectSelector.byUuids(List.of(uuid))),
                new StoredQuery.GetFoldersForDocument(ObjectSelector.byUuids(List.of(uuid))),
                new StoredQuery.GetRelatedDocuments(ObjectSelector.byUuids(List.of(uuid)),
                        Set.of(AssociationType.APPEND, AssociationType.REPLACE), Set.of(DocumentEntryType.STABLE)))) {
            assertEquals(query, roundTrip(query));
        }
    }
}
