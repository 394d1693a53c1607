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
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Keeps the registry's pointers in step with the DHO platform: polls for resources changed since
 * the last poll ({@code _lastUpdated}; the demo platform offers no subscriptions) and publishes
 * or replaces each affected patient's on-demand pointer. A poll that fails leaves the watermark
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

    private final RecentVersions seen = new RecentVersions();
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

    private void pollSafely() {
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
     * One poll: read changes, publish what moved, then advance the watermark. Nothing is marked as
     * read before the whole poll succeeded: a poll that fails is read again in full next time.
     */
    void poll() {
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
        int published = 0;
        for (String key : affected) {
            String[] parts = key.split("\\|");
            if (publish(platform.summary(parts[0], DataKind.valueOf(parts[1])))) {
                published++;
            }
        }
        if (!affected.isEmpty()) {
            int count = published;
            LOG.info(() -> "event=platform-poll since=" + since + " changed=" + affected.size() + " published=" + count);
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

    /** Publishes or replaces the pointer when the data moved on; true when it did. */
    private boolean publish(PatientData data) {
        if (data.count() == 0) {
            return false;
        }
        PatientId patient = PatientId.nationalId(data.nationalId());
        Optional<PendingSubmissions.Pending> unsettled = ledger.pendingSubmissionSet(patient, data.kind().name())
                .flatMap(pending::find);
        // One pointer per patient and kind: an unsettled one is settled (sent again, the same) before any other.
        unsettled.ifPresent(p -> send(p.submission(), data));
        DocumentPointer current = ledger.current(patient, data.kind().name()).orElse(null);
        if (current != null && !OnDemandPointers.outdated(current, data)) {
            return false;
        }
        DocumentPointer pointer = pointers.pointer(data);
        Submission submission = pointers.submission(pointer, current);
        // Kept before the registry is asked: a retry after a lost answer sends the same pointer, never a second.
        pending.keepPointer(submission, pointer, data.kind().name(), current == null ? null : current.entryUuid());
        if (!send(submission, data)) {
            return false;
        }
        LOG.info(() -> "event=pointer-publish kind=" + data.kind() + " uniqueId=" + pointer.uniqueId()
                + (current == null ? " replaces=-" : " replaces=" + current.uniqueId()) + " outcome=success");
        return true;
    }
}
