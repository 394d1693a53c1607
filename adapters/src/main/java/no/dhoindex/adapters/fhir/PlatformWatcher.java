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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.infrastructure.PlatformWatermark;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.registry.RegistryClient;
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

    private final RecentVersions seen = new RecentVersions();
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
        } catch (PlatformUnavailable e) {
            LOG.warning(() -> "event=platform-poll outcome=unavailable reason=\"" + e.getMessage() + "\"");
        } catch (XdsRefusal e) {
            LOG.warning(() -> "event=platform-poll outcome=registry-refused error=" + e.errorCode().code());
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: log and keep polling.
            LOG.log(Level.SEVERE, "event=platform-poll outcome=error", e);
        }
    }

    /** One poll: read changes, publish what moved, then advance the watermark. */
    void poll() {
        Instant since = watermark.read();
        Instant newest = since;
        Set<String> affected = new LinkedHashSet<>();
        for (FhirPlatform.Change change : platform.changedSince(since.minus(OVERLAP))) {
            if (!seen.add(change.version(), change.lastUpdated())) {
                continue; // read in the previous poll's overlap
            }
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
        if (newest.isAfter(since)) {
            watermark.write(newest);
        }
        seen.forgetBefore(newest.minus(OVERLAP));
    }

    /** Publishes or replaces the pointer when the data moved on; true when it did. */
    private boolean publish(PatientData data) {
        if (data.count() == 0) {
            return false;
        }
        PatientId patient = PatientId.nationalId(data.nationalId());
        DocumentPointer current = ledger.current(patient, data.kind().name()).orElse(null);
        if (current != null && !OnDemandPointers.outdated(current, data)) {
            return false;
        }
        DocumentPointer pointer = pointers.pointer(data);
        try {
            registry.register(pointers.submission(pointer, current));
        } catch (XdsRefusal refusal) {
            // Not recorded: the next change (or restart, from the watermark) tries again.
            LOG.warning(() -> "event=pointer-publish kind=" + data.kind() + " outcome=refused error="
                    + refusal.errorCode().code() + " reason=\"" + refusal.getMessage() + "\"");
            throw refusal;
        }
        ledger.record(pointer, data.kind().name(), current == null ? null : current.entryUuid());
        LOG.info(() -> "event=pointer-publish kind=" + data.kind() + " uniqueId=" + pointer.uniqueId()
                + (current == null ? " replaces=-" : " replaces=" + current.uniqueId()) + " outcome=success");
        return true;
    }
}
