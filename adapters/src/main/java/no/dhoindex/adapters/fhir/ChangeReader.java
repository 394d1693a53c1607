package no.dhoindex.adapters.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.shared.xds.error.XdsRefusal;

/**
 * Keeps the pointers true to the platform at a cost that follows the changes, not the number of
 * pointers. A <em>read</em> asks the platform what was written since the last one (type-level
 * {@code _history}: creations, corrections and deletions alike; a deletion's patient is the one the
 * resource named before, remembered from earlier reads or read from its previous version) and
 * brings only the (patient, kind) pairs that changed up to date, in parallel (bounded). A
 * <em>full read</em> ({@code _lastUpdated} search, then every pair that has a pointer) runs at the
 * first read, every {@code fullEvery}, and at every read while the platform offers no history:
 * it repairs whatever a read missed, since a deleted resource is in no search.
 *
 * <p>Reads run one at a time (the watermark is one), but a read does not wait for the pairs of the
 * last one to be published: a read asked for while one runs runs right after it. Each read looks
 * back {@link #OVERLAP} before where the last one ended (a change stamped just before may commit
 * after it), and versions already handled are not handled again. The watermark kept across restarts
 * moves only past reads whose pairs were all brought up to date: a pair that failed (platform or
 * registry away) is tried again at the next read, and after a restart everything since is read again.
 */
public final class ChangeReader {

    private static final Logger LOG = Logger.getLogger(ChangeReader.class.getName());
    /** Changes stamped just before the last read's end may commit after it: look back a little. */
    static final Duration OVERLAP = Duration.ofSeconds(2);
    /** Resources whose patient is remembered for their deletion (beyond: read from the previous version). */
    private static final int SUBJECTS_KEPT = 10_000;

    /** A patient's data of one kind: what one pointer says. */
    public record PatientKind(String nationalId, DataKind kind) {
    }

    /** The organisation's pointers: which there are, and making one say what the platform holds. */
    public interface Pointers {

        Set<PatientKind> held();

        /**
         * Makes the pointer of {@code data}'s patient and kind say what it says: true when it changed.
         * Throws ({@link XdsRefusal} for a registry away or busy) when it is to be tried again.
         */
        boolean bringUpToDate(PatientData data);
    }

    /** How far reads have brought every pointer up to date: kept across restarts. */
    public interface Watermark {

        Instant read();

        void write(Instant upTo);
    }

    private final PlatformReads platform;
    private final Pointers pointers;
    private final Watermark watermark;
    private final Clock clock;
    private final Duration fullEvery;
    private final Executor executor;
    private final int parallel;
    private final Runnable beforeRead;
    private final String source;

    // The reads: one at a time.
    private boolean reading;
    private boolean readAgain;
    /** When the read about to run was first asked for (System.nanoTime), for the log. */
    private long askedAt;
    private Instant readUpTo;
    private Instant written;
    private Instant lastFull;
    private Instant historyRefused;
    private volatile boolean platformDown;
    private final RecentVersions seen = new RecentVersions();
    private final Map<String, String> subjects = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > SUBJECTS_KEPT;
        }
    };
    // The pairs (guarded by this): queued, being brought up to date, failed; and the reads not yet done.
    private long reads;
    private int running;
    private final ArrayDeque<PatientKind> queue = new ArrayDeque<>();
    private final Map<PatientKind, PairState> pairs = new HashMap<>();
    private final ArrayDeque<Done> unfinished = new ArrayDeque<>();

    private static final class PairState {
        boolean queued;
        boolean running;
        boolean again;
        boolean failed;
    }

    /** A read whose pairs are not all up to date yet, and how far it read. */
    private record Done(long read, Instant upTo, Set<PatientKind> outstanding) {
    }

    /**
     * @param executor   runs reads and the pairs' workers (at most {@code parallel} of them at once)
     * @param beforeRead asked before every read (the subscription at the platform); may throw
     *                   {@link PlatformUnavailable}
     * @param source     who reads what, for the log ({@code organisation=… platform=…})
     */
    public ChangeReader(PlatformReads platform, Pointers pointers, Watermark watermark, Clock clock,
                        Duration fullEvery, Executor executor, int parallel, Runnable beforeRead, String source) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.platform = platform;
        this.pointers = pointers;
        this.watermark = watermark;
        this.clock = clock;
        this.fullEvery = fullEvery;
        this.executor = executor;
        this.parallel = parallel;
        this.beforeRead = beforeRead;
        this.source = source;
    }

    /**
     * Reads now, or, when a read is under way, right after it (reads asked for meanwhile share that
     * one). Returns when this thread's reads are done; their pairs may still be being published.
     */
    public void read() {
        synchronized (this) {
            if (reading) {
                if (!readAgain) {
                    askedAt = System.nanoTime();
                }
                readAgain = true;
                return;
            }
            reading = true;
            askedAt = System.nanoTime();
        }
        boolean again;
        boolean left = false;
        try {
            do {
                synchronized (this) {
                    readAgain = false;
                }
                readSafely();
                synchronized (this) {
                    again = readAgain;
                    reading = again;
                }
            } while (again);
            left = true;
        } finally {
            if (!left) {
                synchronized (this) {
                    reading = false; // an Error left the loop: the next read must still run
                }
            }
        }
    }

    private void readSafely() {
        try {
            beforeRead.run();
            readOnce();
            available();
        } catch (PlatformUnavailable e) {
            unavailable(e);
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: log and keep reading.
            LOG.log(Level.SEVERE, e, () -> "event=platform-read " + source + " outcome=error");
        }
    }

    private void readOnce() {
        Instant since;
        boolean full;
        long started = System.nanoTime();
        long waited;
        synchronized (this) {
            waited = started - askedAt;
            if (readUpTo == null) {
                readUpTo = watermark.read();
                written = readUpTo;
            }
            since = readUpTo;
            Instant now = clock.instant();
            full = lastFull == null || !now.isBefore(lastFull.plus(fullEvery))
                    || historyRefused != null && now.isBefore(historyRefused.plus(fullEvery));
        }
        Instant from = since.minus(OVERLAP);
        PlatformReads.Changes found = null;
        if (!full) {
            try {
                found = platform.historySince(from);
            } catch (HistoryNotOffered e) {
                // Asked again after fullEvery: the platform may offer it by then.
                LOG.warning(() -> "event=platform-history " + source + " outcome=not-offered reason=\""
                        + e.getMessage() + "\" then=\"every read re-reads every pointer\"");
                synchronized (this) {
                    historyRefused = clock.instant();
                }
                full = true;
            }
        }
        if (full) {
            found = platform.changedSince(from);
        }
        PlatformReads.Changes read = found;
        Instant upTo = read.readUpTo().isAfter(since) ? read.readUpTo() : since;

        Set<PatientKind> changed = new LinkedHashSet<>();
        Map<String, Instant> versions = new HashMap<>();
        for (PlatformReads.Change change : read.changes()) {
            if (seen.contains(change.version()) || versions.put(change.version(), change.lastUpdated()) != null) {
                continue; // read before, in the overlap
            }
            changed.add(new PatientKind(change.nationalId(), change.kind()));
            String before = subjects.put(change.resourceId(), change.nationalId());
            if (before != null && !before.equals(change.nationalId())) {
                changed.add(new PatientKind(before, change.kind())); // moved to another patient: both change
            }
        }
        Set<DataKind> unknownDeletions = EnumSet.noneOf(DataKind.class);
        for (PlatformReads.Deletion deletion : read.deletions()) {
            Instant at = deletion.at() != null ? deletion.at() : upTo; // undated: kept as long as this read
            if (seen.contains(deletion.version()) || versions.put(deletion.version(), at) != null) {
                continue;
            }
            Optional<String> patient = Optional.ofNullable(subjects.get(deletion.resourceId()))
                    .or(() -> platform.subjectBefore(deletion));
            if (patient.isPresent()) {
                changed.add(new PatientKind(patient.get(), deletion.kind()));
            } else {
                unknownDeletions.add(deletion.kind()); // whose it was is not known: every pointer of the kind
            }
        }
        Set<PatientKind> due = new LinkedHashSet<>(changed);
        if (full || !unknownDeletions.isEmpty()) {
            for (PatientKind held : pointers.held()) {
                if (full || unknownDeletions.contains(held.kind())) {
                    due.add(held);
                }
            }
        }
        int toStart;
        synchronized (this) {
            // Only now is the read taken: one that failed above is read again in full next time.
            versions.forEach(seen::add);
            seen.forgetBefore(upTo.minus(OVERLAP));
            readUpTo = upTo;
            if (full) {
                lastFull = clock.instant();
            }
            pairs.forEach((pair, state) -> {
                if (state.failed) {
                    due.add(pair);
                }
            });
            // A read still waiting only for pairs this one brings up to date again is folded into it, so
            // that a pair failing read after read keeps one entry here, not one per read.
            while (!unfinished.isEmpty() && due.containsAll(unfinished.peekLast().outstanding())) {
                unfinished.pollLast();
            }
            unfinished.add(new Done(++reads, upTo, new HashSet<>(due)));
            due.forEach(this::enqueue);
            advanceWatermark();
            toStart = Math.min(parallel - running, queue.size());
            running += toStart;
        }
        boolean fullRead = full;
        long readNanos = System.nanoTime() - started;
        if (!due.isEmpty()) {
            // Every read of a platform without history checks every pointer: said only when something changed.
            LOG.log(changed.isEmpty() ? Level.FINE : Level.INFO, () -> "event=platform-read " + source
                    + " full=" + fullRead + " since=" + since + " changes=" + read.changes().size()
                    + " deletions=" + read.deletions().size()
                    + " changed=" + changed.size() + " checked=" + due.size() + " waitedMs=" + waited / 1_000_000
                    + " readMs=" + readNanos / 1_000_000);
        }
        for (int i = 0; i < toStart; i++) {
            executor.execute(this::work);
        }
    }

    private void enqueue(PatientKind pair) {
        PairState state = pairs.computeIfAbsent(pair, p -> new PairState());
        state.failed = false;
        if (state.running) {
            state.again = true; // it may have read the platform before this change: once more after it
        } else if (!state.queued) {
            state.queued = true;
            queue.add(pair);
        }
    }

    /** One worker: brings queued pairs up to date until none is left. */
    private void work() {
        while (true) {
            PatientKind pair;
            long read;
            synchronized (this) {
                pair = queue.poll();
                if (pair == null) {
                    running--;
                    return;
                }
                PairState state = pairs.get(pair);
                state.queued = false;
                state.running = true;
                read = reads; // every read so far is over: what it saw is on the platform before this look
            }
            boolean ok = bringUpToDate(pair);
            synchronized (this) {
                PairState state = pairs.get(pair);
                state.running = false;
                if (ok) {
                    for (Done done : unfinished) {
                        if (done.read() <= read) {
                            done.outstanding().remove(pair);
                        }
                    }
                } else {
                    state.failed = true;
                }
                if (state.again) {
                    state.again = false;
                    state.failed = false;
                    state.queued = true;
                    queue.add(pair);
                } else if (ok) {
                    pairs.remove(pair);
                }
                advanceWatermark();
            }
        }
    }

    private boolean bringUpToDate(PatientKind pair) {
        try {
            pointers.bringUpToDate(platform.summary(pair.nationalId(), pair.kind()));
            return true;
        } catch (PlatformUnavailable e) {
            unavailable(e);
        } catch (XdsRefusal e) {
            LOG.warning(() -> "event=pointer-check " + source + " kind=" + pair.kind() + " outcome=registry-refused"
                    + " error=" + e.errorCode().code() + " reason=\"" + e.getMessage() + "\" then=\"tried again at"
                    + " the next read\"");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, e, () -> "event=pointer-check " + source + " kind=" + pair.kind()
                    + " outcome=error then=\"tried again at the next read\"");
        }
        return false;
    }

    /** Moves the kept watermark past every read, oldest first, whose pairs are all up to date. */
    private void advanceWatermark() {
        Instant to = null;
        while (!unfinished.isEmpty() && unfinished.peek().outstanding().isEmpty()) {
            to = unfinished.poll().upTo();
        }
        if (to != null && to.isAfter(written)) {
            try {
                watermark.write(to);
                written = to;
            } catch (RuntimeException e) {
                // Kept behind: after a restart more is read again, nothing less.
                LOG.log(Level.WARNING, e, () -> "event=platform-watermark " + source + " outcome=not-written");
            }
        }
    }

    private void available() {
        if (platformDown) {
            platformDown = false;
            LOG.info(() -> "event=platform-available " + source);
        }
    }

    private void unavailable(PlatformUnavailable e) {
        // Said once per outage, loudly; the reads that keep failing meanwhile only at FINE.
        Level level = platformDown ? Level.FINE : Level.SEVERE;
        platformDown = true;
        LOG.log(level, () -> "event=platform-unavailable " + source + " pointers=unchanged reason=\""
                + e.getMessage() + "\"");
    }
}
