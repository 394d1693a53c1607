package no.dhoindex.adapters.fhir;

import jakarta.annotation.Priority;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import no.dhoindex.adapters.infrastructure.PendingSubmissions;
import no.dhoindex.shared.xds.model.Submission;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.infrastructure.PlatformWatermark;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.registry.RegistryClient;
import no.dhoindex.adapters.registry.RegistryUnreachable;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Keeps the registry's pointers true to the DHO platform: reads the resources changed since the
 * last read ({@code _lastUpdated}) and re-reads every patient and kind that has a pointer (a deleted
 * resource is in no search), then brings each one's on-demand pointer up to date (first version,
 * new version by ITI-92, or removal by ITI-62; see {@link PointerChange}). A read runs at every poll
 * interval and, where the platform notifies the adapter (FHIR rest-hook subscription, see
 * {@link PlatformSubscription}), at once on a notification. A read that fails leaves the watermark
 * where it was, so nothing is missed; an unreachable platform leaves the pointers unchanged.
 */
@ApplicationScoped
public class PlatformWatcher {

    private static final Logger LOG = Logger.getLogger(PlatformWatcher.class.getName());
    /** Changes stamped just before the watermark may commit after we read it: look back a little. */
    private static final Duration OVERLAP = Duration.ofSeconds(2);
    /** Refusals that say the registry is away or busy, not that the pointer is wrong. */
    private static final Set<XdsErrorCode> RETRY_LATER = EnumSet.of(XdsErrorCode.REGISTRY_ERROR,
            XdsErrorCode.REGISTRY_BUSY);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OrganisationSettings settings;

    @Inject
    FhirPlatform platform;

    @Inject
    RegistryClient registry;

    @Inject
    PointerLedger ledger;

    @Inject
    PlatformWatermark watermark;

    @Inject
    PendingSubmissions pending;

    @Inject
    PlatformSubscription subscription;

    private final RecentVersions seen = new RecentVersions();
    /** A read asked for (by a notification) and not begun yet: notifications in a burst share one read. */
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean platformDown;
    private ScheduledFuture<?> task;
    private OnDemandPointers pointers;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
               Object started) {
        Organisation organisation = settings.organisation();
        if (organisation.kind() != Organisation.Kind.FHIR) {
            return;
        }
        pointers = new OnDemandPointers(organisation,
                // Defaults: SNOMED CT "Home (environment)" and "General medicine"; set the organisation's own.
                new Code(settings.optional("facilityTypeCode").orElse("264362003"),
                        settings.optional("facilityTypeScheme").orElse("2.16.840.1.113883.6.96"), "Home"),
                new Code(settings.optional("practiceSettingCode").orElse("394802001"),
                        settings.optional("practiceSettingScheme").orElse("2.16.840.1.113883.6.96"), "General medicine"));
        long every = settings.pollInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::pollSafely, 0, every, TimeUnit.MILLISECONDS);
        LOG.info(() -> "event=platform-watch organisation=" + organisation.id() + " platform=" + settings.platformUrl()
                + " everyMs=" + every);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * Asks for a read as soon as possible (a notification from the platform): runs after the read
     * under way, if any, so that a change made while it ran is seen too.
     */
    public void trigger() {
        if (pointers != null && requested.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                synchronized (this) {
                    requested.set(false);
                    pollSafely();
                }
            });
        }
    }

    private synchronized void pollSafely() {
        try {
            poll();
            if (platformDown) {
                platformDown = false;
                LOG.info(() -> "event=platform-available organisation=" + settings.organisation().id() + " platform="
                        + settings.platformUrl());
            }
        } catch (PlatformUnavailable e) {
            // Said once per outage, loudly; the polls that keep failing meanwhile only at FINE.
            Level level = platformDown ? Level.FINE : Level.SEVERE;
            platformDown = true;
            LOG.log(level, () -> "event=platform-unavailable organisation=" + settings.organisation().id()
                    + " platform=" + settings.platformUrl() + " pointers=unchanged reason=\"" + e.getMessage() + "\"");
        } catch (XdsRefusal e) {
            LOG.warning(() -> "event=platform-poll organisation=" + settings.organisation().id()
                    + " outcome=registry-refused error=" + e.errorCode().code() + " reason=\"" + e.getMessage() + "\"");
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: log and keep polling.
            LOG.log(Level.SEVERE, e, () -> "event=platform-poll organisation=" + settings.organisation().id()
                    + " outcome=error");
        }
    }

    /**
     * One read: the changes and every patient and kind with a pointer, bring their pointers up to
     * date, then advance the watermark. Nothing is marked as read before the whole read succeeded:
     * one that fails is read again in full next time.
     */
    void poll() {
        subscription.ensure();
        Instant since = watermark.read();
        FhirPlatform.Changes read = platform.changedSince(since.minus(OVERLAP));
        // Past the skipped resources too: one the adapter cannot use is not read again at every poll.
        Instant newest = read.readUpTo().isAfter(since) ? read.readUpTo() : since;
        Map<String, Instant> versions = new HashMap<>();
        Set<String> affected = new LinkedHashSet<>();
        for (FhirPlatform.Change change : read.changes()) {
            if (seen.contains(change.version())) {
                continue; // read in the previous poll's overlap
            }
            versions.put(change.version(), change.lastUpdated());
            affected.add(change.nationalId() + "|" + change.kind().name());
            if (change.lastUpdated().isAfter(newest)) {
                newest = change.lastUpdated();
            }
        }
        int changed = affected.size();
        // A deleted resource shows in no search: every pointer is checked against what is there now.
        for (PointerLedger.Entry entry : ledger.currentOnDemand()) {
            affected.add(entry.pointer().patientId().id() + "|" + entry.dataKind());
        }
        int published = 0;
        for (String key : affected) {
            String[] parts = key.split("\\|");
            if (bringUpToDate(platform.summary(parts[0], DataKind.valueOf(parts[1])))) {
                published++;
            }
        }
        if (published > 0 || changed > 0) {
            int count = published;
            LOG.info(() -> "event=platform-poll since=" + since + " changed=" + changed + " checked=" + affected.size()
                    + " pointersChanged=" + count);
        }
        versions.forEach(seen::add);
        if (newest.isAfter(since)) {
            watermark.write(newest);
        }
        seen.forgetBefore(newest.minus(OVERLAP));
    }

    /**
     * Sends a kept submission (again: the same uniqueIds and entryUUIDs) and settles it: done when
     * the registry holds it, undone when it refuses it; a registry that is away leaves it pending
     * and fails the poll, so the next poll sends the same one again.
     */
    private boolean send(Submission submission, PatientData data) {
        String setId = submission.submissionSet().uniqueId();
        try {
            registry.publish(submission);
        } catch (XdsRefusal refusal) {
            LOG.warning(() -> "event=pointer-publish kind=" + data.kind() + " outcome=refused error="
                    + refusal.errorCode().code() + " reason=\"" + refusal.getMessage() + "\"");
            if (RETRY_LATER.contains(refusal.errorCode())) {
                throw refusal; // the registry is away: the whole poll is read again next time
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
    private boolean bringUpToDate(PatientData data) {
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
