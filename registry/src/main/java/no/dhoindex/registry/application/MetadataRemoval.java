package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RemovableMetadata;
import no.dhoindex.registry.domain.StoredObject;
import no.dhoindex.registry.domain.StoredObject.Kind;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;

/**
 * ITI-62 Remove Metadata, the registry's side (ITI TF-2b 3.62.4.1.3): removes submission sets,
 * document entries, folders and associations by entryUUID, all of them or none. Refused, with
 * nothing removed, when an object is unknown (UnresolvedReferenceException), is another
 * organisation's ({@link NotOwnPointers}), or the objects are of more than one patient
 * (XDSPatientIdDoesNotMatch); and where the removal would break the metadata model: an association
 * that stays references a removed object (ReferencesExistException), a removed association leaves an
 * object that nothing references (XDSUnreferencedObjectException), or a document relationship goes
 * while the documents it relates stay and its source is approved (XDSMetadataModelException).
 */
@ApplicationScoped
public class MetadataRemoval {

    private final RemovableMetadata store;

    /** For the CDI proxy only. */
    protected MetadataRemoval() {
        this.store = null;
    }

    @Inject
    public MetadataRemoval(RemovableMetadata store) {
        this.store = store;
    }

    /** What a removal took away: the patient and how many objects of each kind. */
    public record Removed(String patientCx, Map<Kind, Integer> counts) {
        public Removed {
            counts = Map.copyOf(counts);
        }
    }

    /**
     * Removes the objects with these entryUUIDs for {@code registrant}: only its own (a submission set
     * whose sourceId, a document entry whose repositoryUniqueId lies under its arcs; a folder of its own
     * submission sets; an association whose source is its own).
     */
    public Removed remove(List<String> entryUuids, Registrant registrant) {
        Set<String> removing = new LinkedHashSet<>(entryUuids);
        if (removing.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The removal names no object");
        }
        Map<String, StoredObject> objects = byUuid(store.objects(removing));
        for (String uuid : removing) {
            if (!objects.containsKey(uuid)) {
                throw new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE,
                        "No object in the registry has entryUUID " + uuid, uuid);
            }
        }
        Map<String, Association> associations = new HashMap<>();
        store.associations(objects.values().stream().filter(o -> o.is(Kind.ASSOCIATION))
                .map(StoredObject::entryUuid).toList()).forEach(a -> associations.put(a.entryUuid(), a));
        List<Association> touching = store.associationsTouching(removing);
        new Owners(registrant, objects, associations).require();
        String patient = onePatient(objects.values());
        requireNoReferenceLeft(touching, removing);
        requireRelationshipsKept(objects, associations, removing);
        requireNothingUnreferenced(objects, associations, removing);
        store.remove(objects.values());
        Map<Kind, Integer> counts = new LinkedHashMap<>();
        objects.values().forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        return new Removed(patient, counts);
    }

    private static Map<String, StoredObject> byUuid(Collection<StoredObject> objects) {
        Map<String, StoredObject> map = new LinkedHashMap<>();
        objects.forEach(o -> map.put(o.entryUuid(), o));
        return map;
    }

    /** One removal is about one patient, as one registration is. */
    private static String onePatient(Collection<StoredObject> objects) {
        String patient = null;
        for (StoredObject o : objects) {
            if (o.patientCx() == null) {
                continue;
            }
            if (patient == null) {
                patient = o.patientCx();
            } else if (!patient.equals(o.patientCx())) {
                throw new XdsRefusal(XdsErrorCode.PATIENT_ID_DOES_NOT_MATCH, "The objects to remove belong to more"
                        + " than one patient", o.entryUuid());
            }
        }
        return patient;
    }

    /** An association that stays may not point at, or from, an object that goes. */
    private static void requireNoReferenceLeft(List<Association> touching, Set<String> removing) {
        for (Association a : touching) {
            if (!removing.contains(a.entryUuid())) {
                String removed = removing.contains(a.sourceUuid()) ? a.sourceUuid() : a.targetUuid();
                throw new XdsRefusal(XdsErrorCode.REFERENCES_EXIST, "Object " + removed + " is referenced by "
                        + a.type() + " association " + a.entryUuid() + ", which the request does not remove", removed);
            }
        }
    }

    /**
     * A document relationship is part of what its source document means: it may go on its own only with
     * one of the documents it relates, or once its source is no longer approved (replaced itself).
     */
    private void requireRelationshipsKept(Map<String, StoredObject> objects,
                                                 Map<String, Association> associations, Set<String> removing) {
        for (StoredObject o : objects.values()) {
            Association a = o.is(Kind.ASSOCIATION) ? associations.get(o.entryUuid()) : null;
            if (a == null || !a.type().isDocumentRelationship()
                    || removing.contains(a.sourceUuid()) || removing.contains(a.targetUuid())) {
                continue;
            }
            List<StoredObject> source = objectsOf(a.sourceUuid(), objects);
            if (source.isEmpty() || source.get(0).status() == AvailabilityStatus.APPROVED) {
                throw new XdsRefusal(XdsErrorCode.METADATA_MODEL, a.type() + " association " + a.entryUuid()
                        + " relates two documents that stay, and its source document is approved", a.entryUuid());
            }
        }
    }

    private List<StoredObject> objectsOf(String uuid, Map<String, StoredObject> known) {
        return known.containsKey(uuid) ? List.of(known.get(uuid)) : store.objects(List.of(uuid));
    }

    /** Every object a removed association held that stays must still be held by another association. */
    private void requireNothingUnreferenced(Map<String, StoredObject> objects, Map<String, Association> associations,
                                            Set<String> removing) {
        Set<String> ends = new LinkedHashSet<>();
        for (StoredObject o : objects.values()) {
            Association a = o.is(Kind.ASSOCIATION) ? associations.get(o.entryUuid()) : null;
            if (a != null) {
                ends.add(a.sourceUuid());
                ends.add(a.targetUuid());
            }
        }
        ends.removeAll(removing);
        if (ends.isEmpty()) {
            return;
        }
        Set<String> stillHeld = new LinkedHashSet<>();
        for (Association a : store.associationsTouching(ends)) {
            if (!removing.contains(a.entryUuid())) {
                stillHeld.add(a.sourceUuid());
                stillHeld.add(a.targetUuid());
            }
        }
        for (String end : ends) {
            if (!stillHeld.contains(end)) {
                throw new XdsRefusal(XdsErrorCode.UNREFERENCED_OBJECT, "Object " + end
                        + " would be left without any association referencing it", end);
            }
        }
    }

    /** Which organisation each object is: decided before anything is removed. */
    private final class Owners {
        private final Registrant registrant;
        private final Map<String, StoredObject> objects;
        private final Map<String, Association> associations;

        Owners(Registrant registrant, Map<String, StoredObject> objects, Map<String, Association> associations) {
            this.registrant = registrant;
            this.objects = objects;
            this.associations = associations;
        }

        void require() {
            if (!registrant.checked()) {
                return;
            }
            for (StoredObject o : objects.values()) {
                if (!owns(o)) {
                    throw new NotOwnPointers("object " + o.entryUuid() + " is not organisation " + registrant.orgnr()
                            + "'s: it may not remove it");
                }
            }
        }

        private boolean owns(StoredObject o) {
            return switch (o.kind()) {
                case SUBMISSION_SET, DOCUMENT_ENTRY -> registrant.owns(o.ownerId());
                case FOLDER -> ownsFolder(o.entryUuid());
                case ASSOCIATION -> ownsAssociation(associations.get(o.entryUuid()));
            };
        }

        /** A folder is its submission sets': every set that has it as a member is the registrant's. */
        private boolean ownsFolder(String folderUuid) {
            List<String> sets = new ArrayList<>();
            for (Association a : store.associationsTouching(List.of(folderUuid))) {
                if (a.type() == AssociationType.HAS_MEMBER && a.targetUuid().equals(folderUuid)) {
                    sets.add(a.sourceUuid());
                }
            }
            List<StoredObject> holders = store.objects(sets).stream().filter(s -> s.is(Kind.SUBMISSION_SET)).toList();
            return !holders.isEmpty() && holders.stream().allMatch(s -> registrant.owns(s.ownerId()));
        }

        /** An association is its source's: the submission set, document entry or folder it starts from. */
        private boolean ownsAssociation(Association a) {
            if (a == null) {
                return false;
            }
            StoredObject source = objects.get(a.sourceUuid());
            if (source == null) {
                source = store.objects(List.of(a.sourceUuid())).stream().findFirst().orElse(null);
            }
            return source != null && !source.is(Kind.ASSOCIATION) && owns(source);
        }
    }
}
