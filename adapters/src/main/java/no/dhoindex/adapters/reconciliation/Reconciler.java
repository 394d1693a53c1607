package no.dhoindex.adapters.reconciliation;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.fhir.OnDemandPointers;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.recovery.PendingRecovery;
import no.dhoindex.adapters.registry.OwnDocument;
import no.dhoindex.adapters.registry.RegistryClient;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import org.eclipse.microprofile.config.Config;

/**
 * Runs this organisation's {@link Reconciliation}: at start (after the first pass of
 * {@link PendingRecovery}) and every {@code dho.adapters.<org>.reconcile.millis} (else
 * {@code dho.adapters.reconcile.millis}, default an hour, {@code 0}: never by itself), verifying and
 * repairing; and on demand through the admin API. One run at a time: this deployment is one organisation.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    private static final int PAGE = 500;

    /** Another run of this organisation's is under way. */
    public static final class Running extends RuntimeException {
        Running(String organisation) {
            super("A reconciliation of " + organisation + " is running; ask again when it is done");
        }
    }

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Config config;

    @Inject
    OrganisationSettings settings;

    @Inject
    PointerLedger ledger;

    @Inject
    RegistryClient registry;

    @Inject
    PendingRecovery recovery;

    private final ReentrantLock running = new ReentrantLock();
    private volatile ScheduledFuture<?> task;
    private volatile boolean stopped;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 10) @Initialized(ApplicationScoped.class)
               Object started) {
        long every = settings.optional("reconcile.millis").map(Long::parseLong).orElseGet(() ->
                config.getOptionalValue("dho.adapters.reconcile.millis", Long.class).orElse(3_600_000L));
        if (every <= 0) {
            LOG.info(() -> "event=reconciliation organisation=" + settings.organisation().id() + " scheduled=off");
            return;
        }
        long waitUntil = System.nanoTime() + settings.outboundTimeout().multipliedBy(12).toNanos();
        scheduler.schedule(() -> atStart(every, waitUntil), 0, TimeUnit.MILLISECONDS);
    }

    /**
     * The run at start, once pending registrations are settled (what they leave is then what there
     * is), then every {@code every}: looked at again each second rather than waited for, so that no
     * thread of the shared scheduler is held; after {@code waitUntil} it runs regardless.
     */
    private void atStart(long every, long waitUntil) {
        if (stopped) {
            return;
        }
        if (!recovery.firstPassDone() && System.nanoTime() < waitUntil) {
            scheduler.schedule(() -> atStart(every, waitUntil), 1, TimeUnit.SECONDS);
            return;
        }
        scheduled();
        task = scheduler.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void scheduled() {
        try {
            run(true);
        } catch (Running busy) {
            LOG.info(() -> "event=reconciliation organisation=" + settings.organisation().id()
                    + " outcome=skipped reason=\"a run is under way\"");
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: log and keep going.
            LOG.log(Level.WARNING, e, () -> "event=reconciliation organisation=" + settings.organisation().id()
                    + " outcome=error reason=\"" + e.getMessage() + "\"");
        }
    }

    /**
     * One run: verify, and with {@code repair} repair. {@link Running} when another is under way;
     * {@link no.dhoindex.adapters.registry.RegistryUnreachable} when the registry cannot be listed.
     */
    public Reconciliation.Report run(boolean repair) {
        Organisation organisation = settings.organisation();
        if (!running.tryLock()) {
            throw new Running(organisation.id());
        }
        try {
            Reconciliation.Report report = new Reconciliation(organisation.id(), organisation.repositoryUniqueId(),
                    published(), holds(organisation), Clock.systemUTC(), PAGE).run(repair);
            LOG.info(() -> "event=reconciliation organisation=" + report.organisation() + " repair=" + repair
                    + " published=" + report.published() + " registered=" + report.registered() + " missing="
                    + report.missing().size() + " extra=" + report.extra().size() + " stale=" + report.stale().size()
                    + " reRegistered=" + report.reRegistered() + " deprecated=" + report.deprecated()
                    + " errors=" + report.errors().size());
            return report;
        } finally {
            running.unlock();
        }
    }

    private PublishedHere published() {
        return new PublishedHere() {
            @Override
            public List<Published> all() {
                return published(ledger.recorded());
            }

            @Override
            public List<Published> byEntryUuids(Collection<String> entryUuids) {
                return published(ledger.recorded(entryUuids));
            }

            private List<Published> published(List<PointerLedger.Recorded> recorded) {
                return recorded.stream().map(r -> new Published(r.pointer(), r.status())).toList();
            }
        };
    }

    private RegistryHolds holds(Organisation organisation) {
        return new RegistryHolds() {
            @Override
            public OwnDocument.Page documents(String after, int limit) {
                return registry.ownDocuments(after, limit);
            }

            @Override
            public void register(DocumentPointer pointer) {
                // A submission set of its own around the same entry, as an on-demand pointer is published;
                // registered as an entry of its own (ITI-61): the registry holds no version to follow.
                var id = pointer.id();
                registry.publish(new OnDemandPointers(organisation, null, null).submission(pointer.withId(
                        new RegistryObjectId(id.entryUuid(), id.uniqueId(), null, null, id.homeCommunityId()))));
            }

            @Override
            public boolean deprecate(String entryUuid) {
                return registry.deprecate(entryUuid);
            }
        };
    }
}
