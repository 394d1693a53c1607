package no.dhoindex.adapters.fhir;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.dhoindex.adapters.infrastructure.PendingSubmissions;
import no.dhoindex.adapters.infrastructure.PlatformWatermark;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.registry.RegistryClient;
import no.dhoindex.shared.xds.model.Code;

/**
 * Keeps the registry's pointers true to the DHO platform (a {@code fhir} organisation): a
 * {@link ChangeReader} reads the platform at a fixed rate ({@code poll.millis}) and, where the
 * platform notifies the adapter (FHIR rest-hook subscription, see {@link PlatformSubscription}),
 * at once on a notification. Reads and the pairs they bring up to date run on the adapter's own
 * threads (made by the container), so that they wait for no other task of the server.
 */
@ApplicationScoped
public class PlatformWatcher {

    private static final Logger LOG = Logger.getLogger(PlatformWatcher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

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

    private ScheduledFuture<?> task;
    private ExecutorService workers;
    private volatile ChangeReader reader;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
               Object started) {
        Organisation organisation = settings.organisation();
        if (organisation.kind() != Organisation.Kind.FHIR) {
            return;
        }
        OnDemandPointers pointers = new OnDemandPointers(organisation,
                // Defaults: SNOMED CT "Home (environment)" and "General medicine"; set the organisation's own.
                new Code(settings.optional("facilityTypeCode").orElse("264362003"),
                        settings.optional("facilityTypeScheme").orElse("2.16.840.1.113883.6.96"), "Home"),
                new Code(settings.optional("practiceSettingCode").orElse("394802001"),
                        settings.optional("practiceSettingScheme").orElse("2.16.840.1.113883.6.96"), "General medicine"));
        int parallel = settings.publishParallel();
        // Bounded by the reader: at most one read and `parallel` workers at a time.
        workers = Executors.newCachedThreadPool(threads);
        reader = new ChangeReader(platform, new PointerKeeper(pointers, registry, ledger, pending),
                new ChangeReader.Watermark() {
                    @Override
                    public Instant read() {
                        return watermark.read();
                    }

                    @Override
                    public void write(Instant upTo) {
                        watermark.write(upTo);
                    }
                }, Clock.systemUTC(), settings.fullReadInterval(), workers, parallel, subscription::ensure,
                "organisation=" + organisation.id() + " platform=" + settings.platformUrl());
        long every = settings.pollInterval().toMillis();
        // At a fixed rate: the scheduler's thread only hands the read over, so the period is the interval.
        task = scheduler.scheduleAtFixedRate(this::trigger, 0, every, TimeUnit.MILLISECONDS);
        LOG.info(() -> "event=platform-watch organisation=" + organisation.id() + " platform=" + settings.platformUrl()
                + " everyMs=" + every + " fullReadMs=" + settings.fullReadInterval().toMillis()
                + " parallel=" + parallel);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /**
     * Asks for a read now (a notification from the platform, or the poll): at once, or right after
     * the read under way, so that a change made while it ran is seen too.
     */
    public void trigger() {
        ChangeReader current = reader;
        if (current != null) {
            try {
                workers.execute(current::read);
            } catch (RejectedExecutionException e) {
                // stopping: no more reads
            }
        }
    }
}
