package no.dhoindex.adapters.recovery;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.infrastructure.PendingSubmissions;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.registry.HeldSubmissionSet;
import no.dhoindex.adapters.lifecycle.OwnLifecycle;
import no.dhoindex.adapters.registry.RegistryClient;
import no.dhoindex.adapters.registry.RegistryUnreachable;
import no.dhoindex.shared.xds.error.XdsRefusal;
import org.eclipse.microprofile.config.Config;

/**
 * Settles registrations left pending by a crash or by a registry that stayed silent, at start and
 * every {@code dho.adapters.recovery.millis}: only those older than a grace period, so a request
 * still settling its own is never overtaken. A provided document (ITI-41) is never registered
 * anew here (its source was answered, or got no answer): done if the registry holds the same
 * submission, undone if it holds none. An on-demand pointer (no one waits for it) is sent again,
 * the same one, until the registry answers. A removal its organisation asked for whose end is not known
 * (a crash between the registry's removal and the adapter forgetting the pointer) is finished
 * ({@code OwnLifecycle.finishRemovals}).
 */
@ApplicationScoped
public class PendingRecovery {

    private static final Logger LOG = Logger.getLogger(PendingRecovery.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Config config;

    @Inject
    OrganisationSettings settings;

    @Inject
    PendingSubmissions pending;

    @Inject
    RegistryClient registry;

    @Inject
    OwnLifecycle lifecycle;

    private ScheduledFuture<?> task;
    /** Set once a pass has gone through every pending registration (whatever the registry answered). */
    private volatile boolean firstPassDone;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
               Object started) {
        long every = config.getOptionalValue("dho.adapters.recovery.millis", Long.class).orElse(30_000L);
        task = scheduler.scheduleWithFixedDelay(this::recoverSafely, 0, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Longer than a request spends settling (see ProvideAndRegister), with room for a late request. */
    Duration grace() {
        return settings.outboundTimeout().multipliedBy(6);
    }

    /** Whether registrations left pending at start have had their first settling pass (readiness; reconciliation waits for it). */
    public boolean firstPassDone() {
        return firstPassDone;
    }

    private void recoverSafely() {
        try {
            recover();
            firstPassDone = true;
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: log and keep going.
            LOG.log(Level.SEVERE, e, () -> "event=pending-recovery outcome=error");
        }
    }

    void recover() {
        // Removals asked for whose end is not known (a crash after the registry removed): finished, never re-published.
        lifecycle.finishRemovals(Instant.now().minus(grace()));
        for (PendingSubmissions.Pending p : pending.keptBefore(Instant.now().minus(grace()))) {
            String setId = p.submission().submissionSet().uniqueId();
            try {
                if (p.dataKind() != null) {
                    registry.publish(p.submission());
                    pending.done(setId);
                    LOG.info(() -> "event=pending-recovery submissionSet=" + setId + " outcome=registered");
                    continue;
                }
                Optional<HeldSubmissionSet> held = registry.held(setId);
                if (held.isPresent() && held.get().holds(p.submission())) {
                    pending.done(setId);
                    LOG.info(() -> "event=pending-recovery submissionSet=" + setId + " outcome=done");
                } else {
                    pending.undo(setId);
                    LOG.info(() -> "event=pending-recovery submissionSet=" + setId + " outcome=undone held="
                            + held.isPresent());
                }
            } catch (RegistryUnreachable unknown) {
                LOG.warning(() -> "event=pending-recovery submissionSet=" + setId + " outcome=unknown reason=\""
                        + unknown.getMessage() + "\"");
            } catch (XdsRefusal refusal) {
                pending.undo(setId);
                LOG.warning(() -> "event=pending-recovery submissionSet=" + setId + " outcome=refused error="
                        + refusal.errorCode().code());
            }
        }
    }
}
