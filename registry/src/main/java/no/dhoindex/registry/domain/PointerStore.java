package no.dhoindex.registry.domain;

import java.util.Collection;
import java.util.List;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.registry.PointerIndex;

/**
 * Where the registry keeps its pointers: the queryable index, plus {@link #apply}, which stores a
 * whole registration in one transaction or nothing.
 */
public interface PointerStore extends PointerIndex {

    /** Stores a registration atomically; refuses (and stores nothing) if a status change lost a race. */
    void apply(RegistrationPlan plan);

    /**
     * Stores a metadata update atomically; refuses (and stores nothing) if a version it supersedes is
     * no longer the latest, or an object whose status it changes no longer has the status expected.
     */
    void apply(UpdatePlan plan);

    /** Which of these entryUUIDs already name some object in the registry. */
    List<String> existingUuids(Collection<String> entryUuids);

    // A registration's integrity checks look across patients, and are never an answer to a query:
    // uniqueIds are unique in the whole registry, and an association to another patient's object
    // is refused as that (XDSPatientIdDoesNotMatch), not as a missing object.

    List<DocumentPointer> documentsAcrossPatientsByUuid(Collection<String> entryUuids);

    List<DocumentPointer> documentsAcrossPatientsByUniqueId(Collection<String> uniqueIds);

    List<Folder> foldersAcrossPatientsByUuid(Collection<String> entryUuids);

    /** The latest versions of the document entries with these logical ids (an update's integrity checks). */
    List<DocumentPointer> latestDocumentsAcrossPatientsByLogicalId(Collection<String> logicalIds);

    /** The latest versions of the folders with these logical ids (an update's integrity checks). */
    List<Folder> latestFoldersAcrossPatientsByLogicalId(Collection<String> logicalIds);

    List<no.dhoindex.shared.xds.model.Association> associationsAcrossPatientsByUuid(Collection<String> entryUuids);

    /** Which of these uniqueIds already name a submission set or a folder. */
    List<String> registeredSetAndFolderUniqueIds(Collection<String> uniqueIds);

    /**
     * What a registration's new identifiers meet in the registry, across patients: the entryUUIDs already taken, the
     * document entries with its documents' uniqueIds, and the set and folder uniqueIds already registered. A store
     * answers in one look-up where it can: a registration asks this once, before its transaction.
     */
    default Clashes clashes(Collection<String> entryUuids, Collection<String> documentUniqueIds,
                            Collection<String> setAndFolderUniqueIds) {
        return new Clashes(existingUuids(entryUuids), documentsAcrossPatientsByUniqueId(documentUniqueIds),
                registeredSetAndFolderUniqueIds(setAndFolderUniqueIds));
    }

    /** The answer of {@link #clashes}. */
    record Clashes(List<String> takenUuids, List<DocumentPointer> documentsWithUniqueIds,
                   List<String> setAndFolderUniqueIds) {

        public Clashes {
            takenUuids = List.copyOf(takenUuids);
            documentsWithUniqueIds = List.copyOf(documentsWithUniqueIds);
            setAndFolderUniqueIds = List.copyOf(setAndFolderUniqueIds);
        }
    }
}
