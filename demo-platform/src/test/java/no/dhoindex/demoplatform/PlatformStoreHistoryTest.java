package no.dhoindex.demoplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The platform keeps every version as a versioning FHIR server does: history since an instant, deletions, vread. */
class PlatformStoreHistoryTest {

    private final PlatformStore store = new PlatformStore();

    private Observation measured(String patient, double value) {
        return DemoSeries.vital(new Reference().setIdentifier(new Identifier().setSystem(DemoSeries.NATIONAL_ID)
                .setValue(patient)), new Date(), "8867-4", "Heart rate").setValue(
                new org.hl7.fhir.r4.model.Quantity().setValue(value));
    }

    private static List<String> versions(List<? extends IBaseResource> history) {
        return history.stream().map(r -> ((Resource) r).getIdElement().toUnqualified().getValue()
                + (PlatformStore.isDeletion((Resource) r) ? " deleted" : "")).toList();
    }

    /** A measurement of 61, corrected to 62, then deleted: versions 1, 2 and the deletion 3. */
    private String measuredCorrectedDeleted() {
        String id = store.change(measured("15077510041", 61)).getIdElement().getIdPart();
        Observation corrected = measured("15077510041", 62);
        corrected.setId(id);
        store.change(corrected);
        assertTrue(store.delete(new IdType("Observation", id)));
        return id;
    }

    @Test
    void historySinceAnInstantHasEveryVersionSinceNewestFirstDeletionsIncluded() {
        Observation before = store.change(measured("15077510041", 60));
        long since = before.getMeta().getLastUpdated().getTime() + 1;
        String id = measuredCorrectedDeleted();

        assertEquals(List.of("Observation/" + id + "/_history/3 deleted", "Observation/" + id + "/_history/2",
                "Observation/" + id + "/_history/1"), versions(store.history("Observation", since)));
        assertEquals(4, store.history("Observation", null).size(), "without _since: every version");
        assertEquals(List.of(), store.history("CarePlan", since));
    }

    @Test
    void earlierVersionsAreReadByVersionAndADeletedOneIsGone() {
        String id = measuredCorrectedDeleted();

        Observation one = ResourceVersions.read(store, new IdType("Observation", id, "1"), Observation.class);
        assertEquals(61, one.getValueQuantity().getValue().intValue());
        assertEquals(62, ResourceVersions.read(store, new IdType("Observation", id, "2"), Observation.class)
                .getValueQuantity().getValue().intValue());
        assertThrows(ResourceGoneException.class,
                () -> ResourceVersions.read(store, new IdType("Observation", id, "3"), Observation.class));
        assertNull(store.read(new IdType("Observation", id)), "deleted: in no read or search");
        assertFalse(store.history("Observation", null).isEmpty());
    }

    @Test
    void theHistoryAnswerSaysHowEachVersionCameAndLeavesTheStoredResourcesAsTheyAre() {
        String id = measuredCorrectedDeleted();

        List<IBaseResource> history = ResourceVersions.history(store, "Observation", new InstantType(new Date(0)));
        assertEquals(List.of(BundleEntryTransactionMethodEnum.DELETE, BundleEntryTransactionMethodEnum.PUT,
                BundleEntryTransactionMethodEnum.POST), history.stream()
                .map(r -> ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.get((Resource) r)).toList());
        assertNull(ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.get(store.readVersion(new IdType("Observation", id,
                "2"))), "the stored resource gets no request method (it is answered in searches too)");
    }
}
