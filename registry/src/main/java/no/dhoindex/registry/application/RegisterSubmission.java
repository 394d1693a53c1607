package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.DtmTime;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.SymbolicIds;

/**
 * ITI-42 Register Document Set-b, the registry's side (ITI TF-2b 3.42.4.1.3): checks what the
 * metadata validator cannot see alone (the patient is known, uniqueIds are new, association
 * ends exist and belong to the same patient), applies the lifecycle (RPLC / XFRM_RPLC deprecate
 * the original, folders move their lastUpdateTime) and stores it all at once.
 */
@ApplicationScoped
public class RegisterSubmission {

    private final PointerStore store;
    private final PatientPolicy patients;

    /** For the CDI proxy only. */
    protected RegisterSubmission() {
        this.store = null;
        this.patients = null;
    }

    @Inject
    public RegisterSubmission(PointerStore store, PatientPolicy patients) {
        this.store = store;
        this.patients = patients;
    }

    /**
     * Registers a submission from {@code registrant}: only pointers that name the registrant itself
     * as source (sourceId, repository, community) and author organisation, and changes only to its
     * own pointers (refused with {@link NotOwnPointers}, nothing stored).
     */
    public Submission register(Submission submission, Registrant registrant) {
        SubmissionOwnership.requireOwnPointers(submission, registrant);
        requireFirstVersions(submission);
        PatientId patient = submission.submissionSet().patientId();
        patients.requireKnown(patient);
        Submission named = SymbolicIds.assign(submission);
        requireOnePatient(named, patient);
        requireNewIdentifiers(named, givenUuids(submission));

        String now = DtmTime.now();
        Context context = new Context(named);
        List<Association> associations = new ArrayList<>(named.associations());
        List<String> deprecated = new ArrayList<>();
        Map<String, String> touchedFolders = new HashMap<>();
        for (Association a : named.associations()) {
            if (a.type() == AssociationType.HAS_MEMBER) {
                if (a.documentation() != null) {
                    // The documentation classification labels why a document changed (RPLC, APND, XFRM…).
                    throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                            "Association documentation is only allowed on document relationships, not HasMember",
                            a.entryUuid());
                }
                checkMembership(a, context, patient, touchedFolders, now);
            } else if (a.type().isDocumentRelationship()) {
                DocumentPointer original = checkRelationship(a, context, patient);
                if (!registrant.owns(original.location() == null ? null : original.location().repositoryUniqueId())) {
                    throw new NotOwnPointers("document " + original.uniqueId() + " is another organisation's:"
                            + " organisation " + registrant.orgnr() + " may not " + a.type() + " it");
                }
                if (a.type().replaces()) {
                    deprecated.add(original.entryUuid());
                    deprecated.addAll(dependentsOf(original.entryUuid(), patient));
                    associations.addAll(inheritFolders(a, original, named.submissionSet(), touchedFolders, now));
                }
            } else {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                        "Association type " + a.type() + " is not accepted by ITI-42", a.entryUuid());
            }
        }

        SubmissionSet set = named.submissionSet();
        SubmissionSet approvedSet = new SubmissionSet(set.id(), AvailabilityStatus.APPROVED, set.patientId(),
                set.sourceId(), set.submissionTime(), set.contentTypeCode(), set.authors(), set.intendedRecipients(),
                set.title(), set.comments(), set.extraMetadata());
        List<DocumentPointer> documents = named.documents().stream().map(d -> d.withStatus(AvailabilityStatus.APPROVED)
                .withId(versioned(d.id()))).toList();
        List<Folder> folders = named.folders().stream()
                .map(f -> new Folder(versioned(f.id()), AvailabilityStatus.APPROVED, f.patientId(), f.codes(), now,
                        f.title(), f.comments(), f.extraMetadata())).toList();
        List<Association> approvedAssociations =
                associations.stream().map(a -> a.withStatus(AvailabilityStatus.APPROVED)).toList();

        RegistrationPlan plan = new RegistrationPlan(approvedSet, documents, folders, approvedAssociations,
                deprecated.stream().distinct().toList(), touchedFolders);
        store.apply(plan);
        return new Submission(approvedSet, documents, folders, approvedAssociations);
    }

    /** A first version's logical id is its own entryUUID (ITI TF-3 4.1.4.1, Metadata Update). */
    private static RegistryObjectId versioned(RegistryObjectId id) {
        return new RegistryObjectId(id.entryUuid(), id.uniqueId(), id.entryUuid(), "1", id.homeCommunityId());
    }

    /**
     * ITI-42 registers first versions only: a logical id other than the object's own id is a new
     * version, which only an Update Document Set (ITI-57) may submit (ITI TF-3 4.1.4.1).
     */
    private static void requireFirstVersions(Submission s) {
        List<RegistryObjectId> ids = new ArrayList<>();
        s.documents().forEach(d -> ids.add(d.id()));
        s.folders().forEach(f -> ids.add(f.id()));
        for (RegistryObjectId id : ids) {
            if (id.logicalUuid() != null && !id.logicalUuid().equals(id.entryUuid())) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "Object " + id.entryUuid()
                        + " names logical id " + id.logicalUuid() + ": a new version is submitted by"
                        + " Update Document Set (ITI-57), not by ITI-42", id.entryUuid());
            }
        }
    }

    private static void requireOnePatient(Submission s, PatientId patient) {
        for (DocumentPointer d : s.documents()) {
            if (!patient.equals(d.patientId())) {
                throw new XdsRefusal(XdsErrorCode.PATIENT_ID_DOES_NOT_MATCH, "DocumentEntry " + d.uniqueId()
                        + " names patient " + d.patientId() + ", the submission set " + patient, d.entryUuid());
            }
        }
        for (Folder f : s.folders()) {
            if (!patient.equals(f.patientId())) {
                throw new XdsRefusal(XdsErrorCode.PATIENT_ID_DOES_NOT_MATCH, "Folder " + f.uniqueId()
                        + " names patient " + f.patientId() + ", the submission set " + patient, f.entryUuid());
            }
        }
    }

    /**
     * The entryUUIDs the submitter chose itself. Those {@link SymbolicIds#assign} gave to symbolically named objects
     * are new random UUIDs: looking them up in four tables was most of a set's index reads at the database (issue 17),
     * and each table's primary key would still refuse a taken one, nothing stored.
     */
    private static Set<String> givenUuids(Submission s) {
        Set<String> given = new HashSet<>();
        given.add(s.submissionSet().entryUuid());
        s.documents().forEach(d -> given.add(d.entryUuid()));
        s.folders().forEach(f -> given.add(f.entryUuid()));
        s.associations().forEach(a -> given.add(a.entryUuid()));
        given.removeIf(id -> !SymbolicIds.isUuid(id));
        return given;
    }

    private void requireNewIdentifiers(Submission s, Set<String> givenUuids) {
        List<String> uniqueIds = new ArrayList<>();
        uniqueIds.add(s.submissionSet().uniqueId());
        s.documents().forEach(d -> uniqueIds.add(d.uniqueId()));
        s.folders().forEach(f -> uniqueIds.add(f.uniqueId()));
        Set<String> seen = new HashSet<>();
        for (String uniqueId : uniqueIds) {
            if (!seen.add(uniqueId)) {
                throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_MESSAGE,
                        "uniqueId " + uniqueId + " is used twice in the submission");
            }
        }
        List<String> uuids = new ArrayList<>();
        uuids.add(s.submissionSet().entryUuid());
        s.documents().forEach(d -> uuids.add(d.entryUuid()));
        s.folders().forEach(f -> uuids.add(f.entryUuid()));
        s.associations().forEach(a -> uuids.add(a.entryUuid()));
        Set<String> seenUuids = new HashSet<>();
        for (String uuid : uuids) {
            if (!seenUuids.add(uuid)) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                        "entryUUID " + uuid + " names two objects in the submission", uuid);
            }
        }
        List<String> setAndFolderIds = new ArrayList<>();
        setAndFolderIds.add(s.submissionSet().uniqueId());
        s.folders().forEach(f -> setAndFolderIds.add(f.uniqueId()));
        // One look-up for every identifier the submission brings: a round trip per kind was most of a set's reads.
        PointerStore.Clashes clashes = store.clashes(uuids.stream().filter(givenUuids::contains).toList(),
                s.documents().stream().map(DocumentPointer::uniqueId).toList(), setAndFolderIds);
        List<String> taken = clashes.takenUuids();
        if (!taken.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                    "entryUUID " + taken.get(0) + " already names an object in the registry", taken.get(0));
        }
        for (DocumentPointer existing : clashes.documentsWithUniqueIds()) {
            DocumentPointer submitted = s.documents().stream()
                    .filter(d -> d.uniqueId().equals(existing.uniqueId())).findFirst().orElseThrow();
            // A document may be registered again (resubmission, NIST 12004): a new entry for the same document,
            // accepted only when hash and size match (XDSNonIdenticalHash / XDSNonIdenticalSize); the ITI TF's
            // XDSDuplicateUniqueIdInRegistry is for submission sets and folders.
            String hash = submitted.location() == null ? null : submitted.location().hash();
            String existingHash = existing.location() == null ? null : existing.location().hash();
            if (hash == null || existingHash == null || !hash.equalsIgnoreCase(existingHash)) {
                throw new XdsRefusal(XdsErrorCode.NON_IDENTICAL_HASH, "Document " + existing.uniqueId()
                        + " is registered already with another hash", submitted.entryUuid());
            }
            Long size = submitted.location().size();
            Long existingSize = existing.location().size();
            if (size != null && existingSize != null && !size.equals(existingSize)) {
                throw new XdsRefusal(XdsErrorCode.NON_IDENTICAL_SIZE, "Document " + existing.uniqueId()
                        + " is registered already with another size", submitted.entryUuid());
            }
        }
        List<String> registered = clashes.setAndFolderUniqueIds();
        if (registered.contains(s.submissionSet().uniqueId())) {
            throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
                    "Submission set uniqueId " + s.submissionSet().uniqueId() + " is registered already");
        }
        if (!registered.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
                    "Folder uniqueId " + registered.get(0) + " is registered already");
        }
    }

    /** HasMember: submission set → document/folder/association, or folder → document (ITI TF-3 4.2.2.1). */
    private void checkMembership(Association a, Context context, PatientId patient, Map<String, String> touched,
                                 String now) {
        String setUuid = context.submission.submissionSet().entryUuid();
        if (a.sourceUuid().equals(setUuid)) {
            boolean inMessage = context.documents.containsKey(a.targetUuid())
                    || context.folders.containsKey(a.targetUuid()) || context.associations.contains(a.targetUuid());
            if (!inMessage && context.existingDocument(a.targetUuid()) == null
                    && context.existingFolder(a.targetUuid()) == null) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "HasMember association " + a.entryUuid()
                        + " targets " + a.targetUuid() + ", which is neither in the submission nor in the registry",
                        a.entryUuid());
            }
            return;
        }
        Folder folder = context.folders.get(a.sourceUuid());
        boolean existingFolder = false;
        if (folder == null) {
            folder = context.existingFolder(a.sourceUuid());
            existingFolder = folder != null;
        }
        if (folder == null) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "HasMember association " + a.entryUuid()
                    + " has source " + a.sourceUuid() + ", which is neither the submission set nor a folder",
                    a.entryUuid());
        }
        DocumentPointer document = context.documents.get(a.targetUuid());
        if (document == null) {
            document = context.existingDocument(a.targetUuid());
        }
        if (document == null) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "Folder membership " + a.entryUuid()
                    + " targets " + a.targetUuid() + ", which is not a document", a.entryUuid());
        }
        if (!patient.equals(folder.patientId()) || !patient.equals(document.patientId())) {
            throw new XdsRefusal(XdsErrorCode.PATIENT_ID_DOES_NOT_MATCH, "Folder " + folder.uniqueId()
                    + " and document " + document.uniqueId() + " must belong to the submission's patient",
                    a.entryUuid());
        }
        if (existingFolder) {
            touched.put(folder.entryUuid(), now);
        }
    }

    /** RPLC, XFRM, APND, XFRM_RPLC, signs: new document → an approved document of the same patient. */
    private DocumentPointer checkRelationship(Association a, Context context, PatientId patient) {
        if (!context.documents.containsKey(a.sourceUuid())) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, a.type() + " association " + a.entryUuid()
                    + " must have a document of this submission as its source", a.entryUuid());
        }
        DocumentPointer original = context.existingDocument(a.targetUuid());
        if (original == null) {
            throw new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, a.type() + " association " + a.entryUuid()
                    + " targets " + a.targetUuid() + ", which is not a document in the registry", a.entryUuid());
        }
        if (!patient.equals(original.patientId())) {
            throw new XdsRefusal(XdsErrorCode.PATIENT_ID_DOES_NOT_MATCH, "Document " + original.uniqueId()
                    + " belongs to another patient than the submission", a.entryUuid());
        }
        if (original.status() != AvailabilityStatus.APPROVED) {
            throw new XdsRefusal(XdsErrorCode.DEPRECATED_DOCUMENT, "Document " + original.uniqueId()
                    + " is deprecated and cannot be the target of " + a.type(), a.entryUuid());
        }
        return original;
    }

    /** Addenda and transformations of a replaced document are replaced with it (ITI TF-3 4.1.6.1). */
    private List<String> dependentsOf(String originalUuid, PatientId patient) {
        return store.associationsTouching(PatientScope.of(patient), List.of(originalUuid)).stream()
                .filter(x -> x.targetUuid().equals(originalUuid) && x.status() == AvailabilityStatus.APPROVED
                        && (x.type() == AssociationType.APPEND || x.type() == AssociationType.TRANSFORM))
                .map(Association::sourceUuid).toList();
    }

    /** A replacement joins every folder its original was a member of (ITI TF-3 4.1.6.1). */
    private List<Association> inheritFolders(Association replace, DocumentPointer original, SubmissionSet set,
                                             Map<String, String> touched, String now) {
        // The original is the submission's patient's (checked): its links are selected as that patient's.
        PatientScope scope = PatientScope.of(set.patientId());
        List<Association> memberships = store.associationsTouching(scope, List.of(original.entryUuid())).stream()
                .filter(x -> x.type() == AssociationType.HAS_MEMBER && x.targetUuid().equals(original.entryUuid())
                        && !x.sourceUuid().equals(set.entryUuid()))
                .toList();
        if (memberships.isEmpty()) {
            return List.of();
        }
        Set<String> folderUuids = store.foldersByUuid(scope, memberships.stream().map(Association::sourceUuid).toList())
                .stream().map(Folder::entryUuid).collect(Collectors.toSet());
        List<Association> added = new ArrayList<>();
        for (String folderUuid : folderUuids) {
            Association member = new Association(SymbolicIds.newUuid(), AssociationType.HAS_MEMBER,
                    folderUuid, replace.sourceUuid(), AvailabilityStatus.APPROVED, null, null, Map.of(), null);
            added.add(member);
            added.add(new Association(SymbolicIds.newUuid(), AssociationType.HAS_MEMBER, set.entryUuid(),
                    member.entryUuid(), AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
            touched.put(folderUuid, now);
        }
        return added;
    }

    /** The submission's objects by entryUUID, and lazily looked-up registry objects. */
    private final class Context {
        final Submission submission;
        final Map<String, DocumentPointer> documents = new LinkedHashMap<>();
        final Map<String, Folder> folders = new LinkedHashMap<>();
        final Set<String> associations = new HashSet<>();
        final Map<String, DocumentPointer> registryDocuments = new HashMap<>();
        final Map<String, Folder> registryFolders = new HashMap<>();

        Context(Submission submission) {
            this.submission = submission;
            submission.documents().forEach(d -> documents.put(d.entryUuid(), d));
            submission.folders().forEach(f -> folders.put(f.entryUuid(), f));
            submission.associations().forEach(a -> associations.add(a.entryUuid()));
            Set<String> referenced = new HashSet<>();
            submission.associations().forEach(a -> {
                referenced.add(a.sourceUuid());
                referenced.add(a.targetUuid());
            });
            referenced.removeAll(documents.keySet());
            referenced.removeAll(folders.keySet());
            referenced.removeAll(associations);
            referenced.remove(submission.submissionSet().entryUuid());
            referenced.removeIf(Objects::isNull);
            if (!referenced.isEmpty()) {
                store.documentsAcrossPatientsByUuid(referenced).forEach(d -> registryDocuments.put(d.entryUuid(), d));
                store.foldersAcrossPatientsByUuid(referenced).forEach(f -> registryFolders.put(f.entryUuid(), f));
            }
        }

        DocumentPointer existingDocument(String uuid) {
            return registryDocuments.get(uuid);
        }

        Folder existingFolder(String uuid) {
            return registryFolders.get(uuid);
        }
    }
}
