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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.Set;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.registry.domain.UpdatePlan;
import no.dhoindex.registry.domain.UpdatePlan.Kind;
import no.dhoindex.registry.domain.UpdatePlan.StatusChange;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.DtmTime;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.SymbolicIds;

/**
 * ITI-57 Update Document Set and ITI-92 Restricted Update Document Set, the registry's side
 * (ITI TF-2b 3.57.4.1.3, ITI TF-2 3.92.4.1.3): new versions of DocumentEntries and Folders
 * (logical id, PreviousVersion naming the latest version, which is then deprecated), status
 * updates of entries, folders and associations. Only the registrant's own objects are updated;
 * the whole update is stored at once or refused with nothing stored.
 */
@ApplicationScoped
public class UpdateDocumentSet {

    /** Which transaction: ITI-57 may do every update; ITI-92 only new versions of DocumentEntries. */
    public enum Operations {
        FULL, RESTRICTED
    }

    private final PointerStore store;
    private final PatientPolicy patients;

    /** For the CDI proxy only. */
    protected UpdateDocumentSet() {
        this.store = null;
        this.patients = null;
    }

    @Inject
    public UpdateDocumentSet(PointerStore store, PatientPolicy patients) {
        this.store = store;
        this.patients = patients;
    }

    public Submission update(Submission submission, Registrant registrant, Operations operations) {
        SubmissionOwnership.requireOwnPointers(submission, registrant);
        PatientId patient = submission.submissionSet().patientId();
        patients.requireKnown(patient);
        Submission named = SymbolicIds.assign(submission);
        requireNewIds(named);
        Update update = new Update(named, registrant, operations == Operations.RESTRICTED);
        update.documents();
        update.folders();
        update.associations();
        return update.store();
    }

    private void requireNewIds(Submission s) {
        List<String> uuids = new ArrayList<>();
        uuids.add(s.submissionSet().entryUuid());
        s.documents().forEach(d -> uuids.add(d.entryUuid()));
        s.folders().forEach(f -> uuids.add(f.entryUuid()));
        s.associations().forEach(a -> uuids.add(a.entryUuid()));
        if (new HashSet<>(uuids).size() != uuids.size()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "an entryUUID names two objects in the update");
        }
        List<String> taken = store.existingUuids(uuids);
        if (!taken.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                    "entryUUID " + taken.get(0) + " already names an object in the registry", taken.get(0));
        }
        String setId = s.submissionSet().uniqueId();
        if (store.registeredSetAndFolderUniqueIds(List.of(setId)).contains(setId)) {
            throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
                    "Submission set uniqueId " + setId + " is registered already");
        }
    }

    /** One update being checked: what it adds, supersedes and changes, built up as each object passes. */
    private final class Update {
        private final Submission submission;
        private final Registrant registrant;
        private final boolean restricted;
        private final PatientId patient;
        private final PatientScope scope;
        private final String setUuid;
        private final String now = DtmTime.now();
        /** HasMember associations from the update's submission set, by target. */
        private final Map<String, Association> members = new HashMap<>();
        private final Map<String, DocumentPointer> newDocuments = new LinkedHashMap<>();
        private final Map<String, Folder> newFolders = new LinkedHashMap<>();
        /** The new version's entryUUID by logical id, to apply a status update to it instead. */
        private final Map<String, String> newVersionOf = new HashMap<>();
        private final List<String> supersededDocuments = new ArrayList<>();
        private final List<String> supersededFolders = new ArrayList<>();
        private final List<StatusChange> changes = new ArrayList<>();
        private final List<Association> associations = new ArrayList<>();
        private final Map<String, String> touchedFolders = new HashMap<>();

        Update(Submission submission, Registrant registrant, boolean restricted) {
            this.submission = submission;
            this.registrant = registrant;
            this.restricted = restricted;
            this.patient = submission.submissionSet().patientId();
            this.scope = PatientScope.of(patient);
            this.setUuid = submission.submissionSet().entryUuid();
            for (Association a : submission.associations()) {
                if (a.type() == AssociationType.HAS_MEMBER && a.sourceUuid().equals(setUuid)) {
                    members.put(a.targetUuid(), a);
                }
            }
            if (restricted && (submission.documents().isEmpty() || !submission.folders().isEmpty())) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "A restricted update (ITI-92)"
                        + " holds new versions of DocumentEntries and nothing else");
            }
        }

        /** New DocumentEntry versions (ITI TF-2b 3.57.4.1.3.3.1; ITI-92 3.92.4.1.3). */
        void documents() {
            Map<String, DocumentPointer> latest = byLogicalId(submission.documents().stream()
                    .map(d -> d.id().logicalUuid()).filter(Objects::nonNull).toList(),
                    store::latestDocumentsAcrossPatientsByLogicalId, d -> d.id().logicalUuid());
            for (DocumentPointer d : submission.documents()) {
                DocumentPointer previous = previousOf(d.id(), d.patientId(), "DocumentEntry", latest,
                        DocumentPointer::id, DocumentPointer::patientId, this::requireOwn,
                        restricted ? XdsErrorCode.METADATA_IDENTIFIER_ERROR : XdsErrorCode.METADATA_UPDATE_ERROR,
                        p -> !restricted && unconnected(p));
                String lid = d.id().logicalUuid();
                if (d.type() == DocumentEntryType.STABLE
                        && (d.location() == null || d.location().repositoryUniqueId() == null)) {
                    // A new version is a complete DocumentEntry (ITI TF-3 Table 4.3.1-3): not a partial update.
                    throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "New version " + d.entryUuid()
                            + " has no repositoryUniqueId", d.entryUuid());
                }
                if (restricted) {
                    RestrictedAttributes.requireUnchanged(previous, d);
                } else if (d.type() != previous.type()) {
                    throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, "A new version keeps its"
                            + " DocumentEntry's objectType", d.entryUuid());
                }
                DocumentPointer version = d.withId(next(d.id(), previous.id())).withStatus(previous.status());
                newDocuments.put(version.entryUuid(), version);
                newVersionOf.put(lid, version.entryUuid());
                supersededDocuments.add(previous.entryUuid());
                if (members.get(version.entryUuid()).propagates()) {
                    propagateFolderMemberships(previous.entryUuid(), version.entryUuid());
                }
            }
        }

        /** New Folder versions (ITI TF-2b 3.57.4.1.3.3.3). */
        void folders() {
            Map<String, Folder> latest = byLogicalId(submission.folders().stream()
                    .map(f -> f.id().logicalUuid()).filter(Objects::nonNull).toList(),
                    store::latestFoldersAcrossPatientsByLogicalId, f -> f.id().logicalUuid());
            for (Folder f : submission.folders()) {
                Folder previous = previousOf(f.id(), f.patientId(), "Folder", latest, Folder::id, Folder::patientId,
                        this::requireOwn, XdsErrorCode.METADATA_UPDATE_ERROR, this::empty);
                String lid = f.id().logicalUuid();
                Folder version = new Folder(next(f.id(), previous.id()), previous.status(), f.patientId(), f.codes(),
                        now, f.title(), f.comments(), f.extraMetadata());
                newFolders.put(version.entryUuid(), version);
                newVersionOf.put(lid, version.entryUuid());
                supersededFolders.add(previous.entryUuid());
                if (members.get(version.entryUuid()).propagates()) {
                    for (Association m : store.associationsTouching(scope, List.of(previous.entryUuid()))) {
                        if (m.type() == AssociationType.HAS_MEMBER && m.sourceUuid().equals(previous.entryUuid())
                                && m.status() == AvailabilityStatus.APPROVED) {
                            addMembership(version.entryUuid(), m.targetUuid());
                        }
                    }
                }
            }
        }

        /**
         * The update's associations: memberships of new versions, status updates (ITI TF-2b
         * 3.57.4.1.3.3.2, .3.3.4) and new associations between existing objects (Submit Association, .3.3.6).
         */
        void associations() {
            Set<String> submitted = new HashSet<>();
            for (Association a : submission.associations()) {
                if (a.type() == AssociationType.SUBMIT_ASSOCIATION) {
                    if (restricted) {
                        throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR,
                                "A restricted update (ITI-92) does not submit associations", a.entryUuid());
                    }
                    if (!a.sourceUuid().equals(setUuid) || submission.associations().stream()
                            .noneMatch(x -> x.entryUuid().equals(a.targetUuid()))) {
                        throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "SubmitAssociation " + a.entryUuid()
                                + " links the submission set to an association of this update", a.entryUuid());
                    }
                    submitted.add(a.targetUuid());
                }
            }
            for (Association a : submission.associations()) {
                if (submitted.contains(a.entryUuid())) {
                    newAssociation(a);
                } else {
                    switch (a.type()) {
                        case HAS_MEMBER -> membership(a);
                        case UPDATE_AVAILABILITY_STATUS -> statusUpdate(a);
                        case SUBMIT_ASSOCIATION -> {
                        }
                        default -> throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "Association "
                                + a.entryUuid() + " of type " + a.type() + " is not an update this registry accepts",
                                a.entryUuid());
                    }
                }
                associations.add(a.withStatus(AvailabilityStatus.APPROVED));
            }
        }

        /**
         * Submit Association: a folder membership or a document relationship (APND, XFRM, signs) between
         * the latest, approved versions of the patient's own objects, not one that exists already.
         */
        private void newAssociation(Association a) {
            if (a.type() == AssociationType.HAS_MEMBER) {
                Folder folder = store.foldersAcrossPatientsByUuid(List.of(a.sourceUuid())).stream().findFirst()
                        .orElseThrow(() -> unresolved(a, a.sourceUuid()));
                requireSamePatient(patient, folder.patientId(), a.entryUuid());
                requireLatest(folder.id(), store.latestFoldersAcrossPatientsByLogicalId(
                        List.of(folder.id().logicalUuid())).stream().map(Folder::id).toList());
                requireApproved(folder.status(), folder.entryUuid(), a);
                requireOwn(folder);
                requireOwn(latestApprovedDocument(a.targetUuid(), a));
                boolean exists = store.associationsTouching(scope, List.of(a.sourceUuid())).stream().anyMatch(x ->
                        x.type() == AssociationType.HAS_MEMBER && x.sourceUuid().equals(a.sourceUuid())
                                && x.targetUuid().equals(a.targetUuid()) && x.status() == AvailabilityStatus.APPROVED);
                if (exists) {
                    throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, "Document " + a.targetUuid()
                            + " is a member of folder " + a.sourceUuid() + " already", a.entryUuid());
                }
                touchedFolders.put(folder.entryUuid(), now);
            } else if (a.type() == AssociationType.APPEND || a.type() == AssociationType.TRANSFORM
                    || a.type() == AssociationType.SIGNS) {
                requireOwn(latestApprovedDocument(a.sourceUuid(), a));
                requireOwn(latestApprovedDocument(a.targetUuid(), a));
            } else {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "Association type " + a.type()
                        + " cannot be submitted on its own", a.entryUuid());
            }
        }

        private DocumentPointer latestApprovedDocument(String uuid, Association a) {
            DocumentPointer d = store.documentsAcrossPatientsByUuid(List.of(uuid)).stream().findFirst()
                    .orElseThrow(() -> unresolved(a, uuid));
            requireSamePatient(patient, d.patientId(), a.entryUuid());
            requireLatest(d.id(), store.latestDocumentsAcrossPatientsByLogicalId(List.of(d.id().logicalUuid()))
                    .stream().map(DocumentPointer::id).toList());
            requireApproved(d.status(), uuid, a);
            return d;
        }

        private static void requireApproved(AvailabilityStatus status, String uuid, Association a) {
            if (status != AvailabilityStatus.APPROVED) {
                throw new XdsRefusal(XdsErrorCode.DEPRECATED_DOCUMENT, uuid + " is deprecated and cannot be linked by "
                        + a.entryUuid(), a.entryUuid());
            }
        }

        private static XdsRefusal unresolved(Association a, String uuid) {
            return new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, "Association " + a.entryUuid() + " names " + uuid
                    + ", which is not in the registry", a.entryUuid());
        }

        private void membership(Association a) {
            if (a.sourceUuid().equals(setUuid)) {
                boolean inUpdate = newDocuments.containsKey(a.targetUuid()) || newFolders.containsKey(a.targetUuid())
                        || submission.associations().stream().anyMatch(x -> x.entryUuid().equals(a.targetUuid()));
                if (!inUpdate) {
                    throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "HasMember " + a.entryUuid()
                            + " from the submission set must target an object of this update", a.entryUuid());
                }
                if (a.previousVersion() != null && !newDocuments.containsKey(a.targetUuid())
                        && !newFolders.containsKey(a.targetUuid())) {
                    throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "PreviousVersion belongs on the"
                            + " HasMember of a new version only", a.entryUuid());
                }
                return;
            }
            if (restricted) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR,
                        "A restricted update (ITI-92) does not change folder memberships", a.entryUuid());
            }
            Folder folder = newFolders.get(a.sourceUuid());
            if (folder == null) {
                folder = store.foldersByUuid(scope, List.of(a.sourceUuid())).stream().findFirst().orElseThrow(() ->
                        new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, "HasMember " + a.entryUuid() + " has source "
                                + a.sourceUuid() + ", which is neither the submission set nor a folder of the patient",
                                a.entryUuid()));
                requireOwn(folder);
                touchedFolders.put(folder.entryUuid(), now);
            }
            if (!newDocuments.containsKey(a.targetUuid())
                    && store.documentsByUuid(scope, List.of(a.targetUuid())).isEmpty()) {
                throw new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, "Folder membership " + a.entryUuid()
                        + " targets " + a.targetUuid() + ", which is not a document of the patient", a.entryUuid());
            }
        }

        private void statusUpdate(Association a) {
            if (restricted) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR,
                        "A restricted update (ITI-92) does not change availabilityStatus", a.entryUuid());
            }
            if (!a.sourceUuid().equals(setUuid) || a.originalStatus() == null || a.newStatus() == null) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "UpdateAvailabilityStatus " + a.entryUuid()
                        + " has the submission set as source and OriginalStatus and NewStatus", a.entryUuid());
            }
            String target = a.targetUuid();
            DocumentPointer document = store.documentsAcrossPatientsByUuid(List.of(target)).stream().findFirst()
                    .orElse(null);
            if (document != null) {
                requireLatest(document.id(), store.latestDocumentsAcrossPatientsByLogicalId(
                        List.of(document.id().logicalUuid())).stream().map(DocumentPointer::id).toList());
                requireOwn(document);
                requireSamePatient(patient, document.patientId(), a.entryUuid());
                changeStatus(Kind.DOCUMENT, a, document.id(), document.status());
                return;
            }
            Folder folder = store.foldersAcrossPatientsByUuid(List.of(target)).stream().findFirst().orElse(null);
            if (folder != null) {
                requireLatest(folder.id(), store.latestFoldersAcrossPatientsByLogicalId(
                        List.of(folder.id().logicalUuid())).stream().map(Folder::id).toList());
                requireOwn(folder);
                requireSamePatient(patient, folder.patientId(), a.entryUuid());
                changeStatus(Kind.FOLDER, a, folder.id(), folder.status());
                return;
            }
            Association association = store.associationsByUuid(scope, List.of(target)).stream().findFirst()
                    .orElseThrow(() -> new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, "UpdateAvailabilityStatus "
                            + a.entryUuid() + " targets " + target + ", which is no object of the patient",
                            a.entryUuid()));
            for (DocumentPointer end : store.documentsByUuid(scope,
                    List.of(association.sourceUuid(), association.targetUuid()))) {
                requireOwn(end);
            }
            requireStatus(a, association.status());
            changes.add(new StatusChange(Kind.ASSOCIATION, target, a.originalStatus(), a.newStatus()));
        }

        /** A status update of a logical object this update also versions applies to the new version (ITI57-015). */
        private void changeStatus(Kind kind, Association a, RegistryObjectId target, AvailabilityStatus current) {
            requireStatus(a, current);
            String newVersion = newVersionOf.get(target.logicalUuid());
            if (newVersion == null) {
                changes.add(new StatusChange(kind, target.entryUuid(), a.originalStatus(), a.newStatus()));
            } else if (kind == Kind.DOCUMENT) {
                newDocuments.computeIfPresent(newVersion, (k, d) -> d.withStatus(a.newStatus()));
            } else {
                newFolders.computeIfPresent(newVersion, (k, f) -> f.withStatus(a.newStatus()));
            }
        }

        private void requireStatus(Association a, AvailabilityStatus current) {
            if (a.originalStatus() != current) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, "OriginalStatus " + a.originalStatus()
                        + " of " + a.entryUuid() + " is not the target's status " + current, a.entryUuid());
            }
        }

        Submission store() {
            SubmissionSet set = submission.submissionSet();
            SubmissionSet approved = new SubmissionSet(set.id(), AvailabilityStatus.APPROVED, set.patientId(),
                    set.sourceId(), set.submissionTime(), set.contentTypeCode(), set.authors(),
                    set.intendedRecipients(), set.title(), set.comments(), set.extraMetadata());
            List<DocumentPointer> documents = List.copyOf(newDocuments.values());
            List<Folder> folders = List.copyOf(newFolders.values());
            store.apply(new UpdatePlan(new RegistrationPlan(approved, documents, folders, associations, List.of(),
                    touchedFolders), supersededDocuments, supersededFolders, changes));
            return new Submission(approved, documents, folders, associations);
        }

        // ---- the version rules --------------------------------------------------------

        /**
         * The latest version a submitted new version replaces, once the new version passes the rules
         * every new version follows: a later version, one per logical object, PreviousVersion naming
         * the latest, the organisation's own object, the same patient and uniqueId.
         */
        private <T> T previousOf(RegistryObjectId id, PatientId submittedPatient, String what, Map<String, T> latest,
                                 Function<T, RegistryObjectId> idOf, Function<T, PatientId> patientOf,
                                 Consumer<T> requireOwn, XdsErrorCode uniqueIdError, Predicate<T> mayMove) {
            String lid = requireLaterVersion(id, what);
            if (newVersionOf.containsKey(lid)) {
                throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_MESSAGE, what + " " + lid
                        + " has two new versions in one update", id.entryUuid())
                        .alsoAs(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR);
            }
            T previous = latest.get(lid);
            RegistryObjectId previousId = previous == null ? null : idOf.apply(previous);
            requireVersionOf(id, previousId);
            requireOwn.accept(previous);
            requireSamePatient(submittedPatient, submittedPatient, id.entryUuid());
            if (!patient.equals(patientOf.apply(previous)) && !mayMove.test(previous)) {
                throw new XdsRefusal(XdsErrorCode.PATIENT_ID_RECONCILIATION_ERROR, "The " + what + " belongs to "
                        + patientOf.apply(previous) + ", not to the submission set's " + patient + "; only an"
                        + " unconnected DocumentEntry or an empty Folder moves to another patient by ITI-57",
                        id.entryUuid());
            }
            if (!Objects.equals(id.uniqueId(), previousId.uniqueId())) {
                throw new XdsRefusal(uniqueIdError, "A new version keeps its " + what + "'s uniqueId "
                        + previousId.uniqueId() + ", not " + id.uniqueId(), id.entryUuid());
            }
            return previous;
        }

        /** An update submits later versions only: a logical id (a UUID) other than the object's own id. */
        private String requireLaterVersion(RegistryObjectId id, String what) {
            String lid = id.logicalUuid();
            if (lid == null || lid.equals(id.entryUuid()) || !SymbolicIds.isUuid(lid)) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, what + " " + id.entryUuid() + " is a first"
                        + " version: first versions are registered by ITI-42, an update submits later versions",
                        id.entryUuid());
            }
            return lid;
        }

        /** The new version is the update's member, and PreviousVersion names the latest version. */
        private Association requireVersionOf(RegistryObjectId id, RegistryObjectId previous) {
            if (previous == null) {
                throw new XdsRefusal(XdsErrorCode.METADATA_VERSION_ERROR, "No object with logical id "
                        + id.logicalUuid() + " is in the registry to be updated", id.entryUuid());
            }
            Association member = members.get(id.entryUuid());
            if (member == null || member.previousVersion() == null) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "New version " + id.entryUuid()
                        + " is a member of the submission set by a HasMember with PreviousVersion", id.entryUuid());
            }
            if (!member.previousVersion().equals(previous.version())) {
                throw new XdsRefusal(XdsErrorCode.METADATA_VERSION_ERROR, "PreviousVersion "
                        + member.previousVersion() + " is not the latest version " + previous.version() + " of "
                        + id.logicalUuid(), id.entryUuid());
            }
            return member;
        }

        /**
         * A DocumentEntry linked only to the submission sets that hold it (no folder, no other document):
         * its patient id may be corrected by an update (ITI TF-2b 3.57.4.1.3.3.1.7).
         */
        private boolean unconnected(DocumentPointer d) {
            PatientScope theirs = PatientScope.of(d.patientId());
            List<Association> links = store.associationsTouching(theirs, List.of(d.entryUuid()));
            List<String> sources = links.stream().map(Association::sourceUuid).toList();
            return links.stream().allMatch(l -> l.type() == AssociationType.HAS_MEMBER
                    && l.targetUuid().equals(d.entryUuid()))
                    && store.submissionSetsByUuid(theirs, sources).size() == new HashSet<>(sources).size();
        }

        /**
         * A Folder with no DocumentEntry in it, whatever the membership's status: its patient id may be
         * corrected by an update (ITI TF-2b 3.57.4.1.3.3.3.7); a folder with members keeps its patient,
         * as its members do.
         */
        private boolean empty(Folder f) {
            return store.associationsTouching(PatientScope.of(f.patientId()), List.of(f.entryUuid())).stream()
                    .noneMatch(a -> a.type() == AssociationType.HAS_MEMBER && a.sourceUuid().equals(f.entryUuid()));
        }

        private void requireLatest(RegistryObjectId id, List<RegistryObjectId> latest) {
            if (latest.stream().noneMatch(l -> l.entryUuid().equals(id.entryUuid()))) {
                throw new XdsRefusal(XdsErrorCode.METADATA_VERSION_ERROR, id.entryUuid() + " is not the latest"
                        + " version of " + id.logicalUuid(), id.entryUuid());
            }
        }

        private void requireSamePatient(PatientId submitted, PatientId held, String location) {
            if (!patient.equals(submitted) || !patient.equals(held)) {
                throw new XdsRefusal(XdsErrorCode.PATIENT_ID_RECONCILIATION_ERROR, "An update keeps its objects'"
                        + " patient: " + held + " is not the submission set's " + patient, location);
            }
        }

        private RegistryObjectId next(RegistryObjectId submitted, RegistryObjectId previous) {
            int version = Integer.parseInt(previous.version() == null ? "1" : previous.version()) + 1;
            return new RegistryObjectId(submitted.entryUuid(), submitted.uniqueId(), submitted.logicalUuid(),
                    Integer.toString(version), submitted.homeCommunityId());
        }

        // ---- folder memberships -------------------------------------------------------

        /** A new version is a member of every folder its previous version was in (association propagation). */
        private void propagateFolderMemberships(String previousUuid, String versionUuid) {
            for (Association m : store.associationsTouching(scope, List.of(previousUuid))) {
                if (m.type() == AssociationType.HAS_MEMBER && m.targetUuid().equals(previousUuid)
                        && m.status() == AvailabilityStatus.APPROVED
                        && !store.foldersByUuid(scope, List.of(m.sourceUuid())).isEmpty()) {
                    addMembership(m.sourceUuid(), versionUuid);
                    touchedFolders.put(m.sourceUuid(), now);
                }
            }
        }

        /**
         * A membership the registry makes by association propagation: no HasMember from the update's
         * submission set to it, which ITI-57 asks only of what the update submits (ITI TF-2b
         * 3.57.4.1.3.3.3; the submission set linking of ITI TF-2b 3.64.4.1.3.1.6 is ITI-64's).
         */
        private void addMembership(String folderUuid, String documentUuid) {
            associations.add(new Association(SymbolicIds.newUuid(), AssociationType.HAS_MEMBER, folderUuid,
                    documentUuid, AvailabilityStatus.APPROVED, null, null, Map.of(), null));
        }

        // ---- ownership ----------------------------------------------------------------

        private void requireOwn(DocumentPointer d) {
            String repository = d.location() == null ? null : d.location().repositoryUniqueId();
            if (!registrant.owns(repository)) {
                throw new NotOwnPointers("document " + d.uniqueId() + " is another organisation's: organisation "
                        + registrant.orgnr() + " may not update it");
            }
        }

        /** A folder is the organisation's whose submission set registered its first version. */
        private void requireOwn(Folder f) {
            if (!registrant.checked()) {
                return;
            }
            String first = f.id().logicalUuid() == null ? f.entryUuid() : f.id().logicalUuid();
            PatientScope folderScope = PatientScope.of(f.patientId());
            List<String> sets = store.associationsTouching(folderScope, List.of(first)).stream()
                    .filter(a -> a.type() == AssociationType.HAS_MEMBER && a.targetUuid().equals(first))
                    .map(Association::sourceUuid).toList();
            boolean own = store.submissionSetsByUuid(folderScope, sets).stream()
                    .anyMatch(s -> registrant.owns(s.sourceId()));
            if (!own) {
                throw new NotOwnPointers("folder " + f.uniqueId() + " is another organisation's: organisation "
                        + registrant.orgnr() + " may not update it");
            }
        }
    }

    private static <T> Map<String, T> byLogicalId(List<String> logicalIds, Function<List<String>, List<T>> read,
                                                  Function<T, String> logicalId) {
        Map<String, T> found = new HashMap<>();
        if (!logicalIds.isEmpty()) {
            read.apply(logicalIds).forEach(o -> found.put(logicalId.apply(o), o));
        }
        return found;
    }

    /** Restricted update: the attributes an Update Responder keeps as they are (ITI TF-2 3.92.4.1.3). */
    static final class RestrictedAttributes {

        private RestrictedAttributes() {
        }

        static void requireUnchanged(DocumentPointer previous, DocumentPointer version) {
            unchanged("repositoryUniqueId", repository(previous), repository(version), version);
            unchanged("objectType", previous.type(), version.type(), version);
            unchanged("sourcePatientId", previous.provenance() == null ? null : previous.provenance().sourcePatientId(),
                    version.provenance() == null ? null : version.provenance().sourcePatientId(), version);
            unchanged("documentAvailability", availability(previous), availability(version), version);
        }

        private static void unchanged(String attribute, Object before, Object after, DocumentPointer version) {
            if (!Objects.equals(before, after)) {
                throw new XdsRefusal(XdsErrorCode.UNMODIFIABLE_METADATA_ERROR, "A restricted update does not change "
                        + attribute + " (" + before + " → " + after + ")", version.entryUuid());
            }
        }

        private static String repository(DocumentPointer d) {
            return d.location() == null ? null : d.location().repositoryUniqueId();
        }

        /** Online unless said otherwise (ITI TF-3 4.2.3.2.31). */
        private static String availability(DocumentPointer d) {
            String a = d.location() == null ? null : d.location().documentAvailability();
            return a == null ? "urn:ihe:iti:2010:DocumentAvailability:Online" : a;
        }
    }
}
