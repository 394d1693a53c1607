package no.dhoindex.registry.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import org.junit.jupiter.api.Test;

/**
 * A registration looks up in the registry only the entryUUIDs its submitter chose (issue 17): those the registry gave
 * to symbolically named objects are new, and asking four tables for each was most of a set's index reads. A taken
 * entryUUID the submitter chose is still refused.
 */
class NewIdentifiersTest {

    private static final PatientId PATIENT = PatientId.nationalId("15077510041");

    private final InMemoryPointerStore memory = new InMemoryPointerStore();
    private final List<String> lookedUp = new ArrayList<>();
    private final RegisterSubmission register = new RegisterSubmission(recorded(memory, lookedUp),
            new PatientPolicy(new EveryoneKnown(), new RegistrySettings()));

    @Test
    void uuidsTheRegistryAssignedAreNotLookedUp() {
        register.register(submission("SubmissionSet01", "Document01", "as01", "1"), Registrant.UNCHECKED);

        assertEquals(List.of(), lookedUp);
        assertEquals(1, memory.documents.size());
    }

    @Test
    void uuidsTheSubmitterChoseAreLookedUp() {
        String set = "urn:uuid:a0000000-0000-4000-8000-000000000001";
        String document = "urn:uuid:d0000000-0000-4000-8000-000000000001";
        String association = "urn:uuid:e0000000-0000-4000-8000-000000000001";
        register.register(submission(set, document, association, "1"), Registrant.UNCHECKED);

        assertEquals(List.of(set, document, association), lookedUp);
    }

    @Test
    void aTakenUuidTheSubmitterChoseIsRefused() {
        String document = "urn:uuid:d0000000-0000-4000-8000-000000000002";
        register.register(submission("SubmissionSet01", document, "as01", "1"), Registrant.UNCHECKED);

        XdsRefusal refused = assertThrows(XdsRefusal.class, () -> register.register(
                submission("SubmissionSet01", document, "as01", "2"), Registrant.UNCHECKED));
        assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refused.errorCode());
        assertEquals(1, memory.documents.size());
    }

    /** A set of one document and its HasMember association; {@code n} makes the uniqueIds new. */
    private static Submission submission(String set, String document, String association, String n) {
        SubmissionSet s = new SubmissionSet(new RegistryObjectId(set, "2.25.1" + n, null, null, null),
                AvailabilityStatus.APPROVED, PATIENT, "2.16.578.1.12.4.1.7.1.2", "20261203010000", null, List.of(),
                List.of(), null, null, Map.of());
        DocumentPointer d = new DocumentPointer(new RegistryObjectId(document, "2.25.2" + n, null, null, null),
                AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, PATIENT,
                new DocumentCodes(null, null, null, null, null, List.of(), List.of()), null, null, null, null,
                List.of(), Map.of());
        Association a = new Association(association, AssociationType.HAS_MEMBER, set, document,
                AvailabilityStatus.APPROVED, "Original", null, Map.of(), null);
        return new Submission(s, List.of(d), List.of(), List.of(a));
    }

    /** The store, noting the entryUUIDs each registration's look-up of new identifiers asks for. */
    private static PointerStore recorded(PointerStore store, List<String> lookedUp) {
        return (PointerStore) Proxy.newProxyInstance(NewIdentifiersTest.class.getClassLoader(),
                new Class<?>[] {PointerStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("clashes")) {
                        @SuppressWarnings("unchecked")
                        Collection<String> uuids = (Collection<String>) args[0];
                        lookedUp.addAll(uuids);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
