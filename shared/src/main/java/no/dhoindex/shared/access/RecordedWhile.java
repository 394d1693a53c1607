package no.dhoindex.shared.access;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A granted access whose durable record is written while the question is asked, instead of before
 * it: the record's commit (a file write) and the sources' answers overlap. The answer is handed
 * back only once the record is durable; a record that could not be stored fails the request, so
 * nothing is given that is not logged (fail closed). The decision itself (may this caller see this
 * patient) is taken before either starts, by the caller of this class. Used where patient data is
 * asked of another server: the gateway's fan-out and an organisation's search of its platform.
 */
public final class RecordedWhile implements AutoCloseable {

    private final Executor writers;

    /** {@code writers}: where records are written; one that refuses a record has it written in the asking thread. */
    RecordedWhile(Executor writers) {
        this.writers = writers;
    }

    /**
     * Records written by at most four daemon threads named {@code name-<n>}; past 256 waiting, a record is
     * written in the asking thread (never dropped).
     */
    public static RecordedWhile writers(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor writers = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        writers.allowCoreThreadTimeOut(true);
        return new RecordedWhile(writers);
    }

    /** Stops its own writer threads once the records given to them are written. */
    @Override
    public void close() {
        if (writers instanceof ExecutorService own) {
            own.shutdown();
        }
    }

    /**
     * Writes {@code record} while {@code question} runs in this thread; the question's answer once
     * both are done. Should the question fail, its failure is thrown, still only after the record
     * is written (the access was granted and sources may have been asked). Should the record fail,
     * that failure is thrown whatever the question answered.
     */
    public <T> T answer(Runnable record, Supplier<T> question) {
        CompletableFuture<Void> written;
        try {
            written = CompletableFuture.runAsync(record, writers);
        } catch (RejectedExecutionException busy) {
            record.run();
            written = CompletableFuture.completedFuture(null);
        }
        T answer;
        try {
            answer = question.get();
        } catch (RuntimeException | Error e) {
            awaitQuietly(written);
            throw e;
        }
        await(written);
        return answer;
    }

    private static void await(CompletableFuture<Void> written) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    written.get();
                    return;
                } catch (InterruptedException e) {
                    // The record is being written: it is waited for, never abandoned.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("The access could not be logged, so it is not given", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> written) {
        try {
            await(written);
        } catch (RuntimeException | Error ignored) {
            // The question's own failure is the one reported; the record's is logged where it happened.
        }
    }
}
