package no.dhoindex.adapters.fhir;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import no.dhoindex.adapters.infrastructure.PendingSubmissions;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.registry.RegistryClient;
import no.dhoindex.adapters.registry.RegistryUnreachable;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Submission;

/**
 * The FHIR adapter's on-demand pointers at the registry, as the {@link ChangeReader} keeps them:
 * brings one patient's pointer of one kind up to date with what the platform holds (first version
 * by ITI-61, new version by ITI-92, or removal by ITI-62; see {@link PointerChange}), recording
 * each in the adapter's database (kept pending before the registry is asked). Safe to call for
 * different pairs at once; the reader never runs one pair twice at the same time.
 */
final class PointerKeeper implements ChangeReader.Pointers {

    private static final Logger LOG = Logger.getLogger(PointerKeeper.class.getName());
    /** Refusals that say the registry is away or busy, not that the pointer is wrong. */
    private static final Set<XdsErrorCode> RETRY_LATER = EnumSet.of(XdsErrorCode.REGISTRY_ERROR,
            XdsErrorCode.REGISTRY_BUSY);

    private final OnDemandPointers pointers;
    private final RegistryClient registry;
    private final PointerLedger ledger;
    private final PendingSubmissions pending;

    PointerKeeper(OnDemandPointers pointers, RegistryClient registry, PointerLedger ledger,
                  PendingSubmissions pending) {
        this.pointers = pointers;
        this.registry = registry;
        this.ledger = ledger;
        this.pending = pending;
    }

    @Override
    public Set<ChangeReader.PatientKind> held() {
        Set<ChangeReader.PatientKind> held = new LinkedHashSet<>();
        for (PointerLedger.Entry entry : ledger.currentOnDemand()) {
            held.add(new ChangeReader.PatientKind(entry.pointer().patientId().id(),
                    DataKind.valueOf(entry.dataKind())));
        }
        return held;
    }

    /**
     * Sends a kept submission (again: the same uniqueIds and entryUUIDs) and settles it: done when
     * the registry holds it, undone when it refuses it; a registry that is away leaves it pending
     * and throws, so the next read sends the same one again.
     */
    private boolean send(Submission submission, PatientData data) {
        String setId = submission.submissionSet().uniqueId();
        try {
            registry.publish(submission);
        } catch (XdsRefusal refusal) {
            LOG.warning(() -> "event=pointer-publish kind=" + data.kind() + " outcome=refused error="
                    + refusal.errorCode().code() + " reason=\"" + refusal.getMessage() + "\"");
            if (RETRY_LATER.contains(refusal.errorCode())) {
                throw refusal; // the registry is away: this pair is tried again at the next read
            }
            // The registry will not take this patient's pointer as it is: not recorded, and the
            // other patients' pointers still go out; the patient's next change tries again.
            pending.undo(setId);
            return false;
        }
        pending.done(setId);
        return true;
    }

    /** Makes the patient's pointer of this kind say what the platform holds now; true when it changed. */
    @Override
    public boolean bringUpToDate(PatientData data) {
        PatientId patient = PatientId.nationalId(data.nationalId());
        Optional<PendingSubmissions.Pending> unsettled = ledger.pendingSubmissionSet(patient, data.kind().name())
                .flatMap(pending::find);
        // One pointer per patient and kind: an unsettled one is settled (sent again, the same) before any other.
        unsettled.ifPresent(p -> send(p.submission(), data));
        PointerChange change = PointerChange.decide(ledger.current(patient, data.kind().name()), data);
        if (change instanceof PointerChange.Publish) {
            return publish(pointers.pointer(data), null, data);
        }
        if (change instanceof PointerChange.Update update) {
            return publish(pointers.nextVersion(update.current(), data), update.current(), data);
        }
        if (change instanceof PointerChange.Remove) {
            return remove(patient, data.kind());
        }
        return false; // kept as it is
    }

    /** Publishes a first pointer (ITI-61) or the next version of {@code current} (ITI-92). */
    private boolean publish(DocumentPointer pointer, DocumentPointer current, PatientData data) {
        Submission submission = pointers.submission(pointer);
        // Kept before the registry is asked: a retry after a lost answer sends the same pointer, never a second.
        pending.keepPointer(submission, pointer, data.kind().name(), current == null ? null : current.entryUuid());
        if (!send(submission, data)) {
            return false;
        }
        LOG.info(() -> "event=pointer-publish kind=" + data.kind() + " uniqueId=" + pointer.uniqueId()
                + " version=" + OnDemandPointers.version(pointer) + " start=" + data.firstTime() + " stop="
                + data.lastTime() + " outcome=success");
        return true;
    }

    /**
     * Removes every version of the patient's pointer of this kind (ITI-62), then forgets them here. A
     * removal whose answer was lost is asked again at the next read (the versions are still recorded
     * here); the registry then finds none of them (UnresolvedReferenceException, nothing removed), and
     * they are forgotten only once the registry is seen to hold none of their submission sets.
     */
    private boolean remove(PatientId patient, DataKind kind) {
        List<PointerLedger.Version> versions = ledger.versions(patient, kind.name());
        List<DocumentPointer> pointers = versions.stream().map(PointerLedger.Version::pointer).toList();
        try {
            registry.removeMetadata(OnDemandPointers.removal(pointers));
        } catch (XdsRefusal refusal) {
            if (RETRY_LATER.contains(refusal.errorCode()) || refusal instanceof RegistryUnreachable) {
                throw refusal;
            }
            if (refusal.errorCode() != XdsErrorCode.UNRESOLVED_REFERENCE || heldStill(versions)) {
                LOG.warning(() -> "event=pointer-remove kind=" + kind + " outcome=refused error="
                        + refusal.errorCode().code() + " reason=\"" + refusal.getMessage() + "\"");
                return false;
            }
            LOG.info(() -> "event=pointer-remove kind=" + kind + " outcome=removed-already");
        }
        ledger.removed(pointers.stream().map(DocumentPointer::entryUuid).toList());
        LOG.info(() -> "event=pointer-remove kind=" + kind + " versions=" + versions.size() + " outcome=success");
        return true;
    }

    /** Whether the registry still holds a document entry of any of these versions' submission sets. */
    private boolean heldStill(List<PointerLedger.Version> versions) {
        for (PointerLedger.Version version : versions) {
            if (version.submissionSet() == null) {
                return true; // not known how it was registered: not forgotten on a guess
            }
            if (registry.held(version.submissionSet()).map(set -> !set.documents().isEmpty()).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
