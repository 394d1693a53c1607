package no.dhoindex.shared.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The grant's record is written while the question runs, and the answer is given only once it is stored. */
class RecordedWhileTest {

    private final ExecutorService writers = Executors.newSingleThreadExecutor();
    private final RecordedWhile recorded = new RecordedWhile(writers);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    @Test
    void theRecordIsWrittenWhileTheQuestionRunsAndTheAnswerWaitsForIt() {
        CountDownLatch recordStarted = new CountDownLatch(1);
        CountDownLatch questionAsked = new CountDownLatch(1);
        AtomicBoolean stored = new AtomicBoolean();
        String answer = recorded.answer(() -> {
            recordStarted.countDown();
            await(questionAsked);   // the record finishes only after the question has run
            stored.set(true);
        }, () -> {
            // Before the change the record was written first, in this thread: this would wait in vain.
            assertTrue(await(recordStarted), "the record is being written while the question runs");
            questionAsked.countDown();
            return "answer";
        });
        assertEquals("answer", answer);
        assertTrue(stored.get(), "the answer is handed back only once the record is stored");
    }

    @Test
    void aRecordThatCannotBeStoredFailsTheRequestWhateverTheQuestionAnswered() {
        IllegalStateException notStored = new IllegalStateException("The access could not be logged, so it is not given");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> recorded.answer(() -> {
                    throw notStored;
                }, () -> "answer"));
        assertSame(notStored, thrown);
    }

    @Test
    void aFailedQuestionIsReportedOnlyOnceItsRecordIsStored() {
        CountDownLatch slowRecord = new CountDownLatch(1);
        AtomicBoolean stored = new AtomicBoolean();
        IllegalArgumentException bad = new IllegalArgumentException("_cursor is not a cursor of this search");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> recorded.answer(() -> {
            await(slowRecord);
            stored.set(true);
        }, () -> {
            slowRecord.countDown();
            throw bad;
        }));
        assertSame(bad, thrown);
        assertTrue(stored.get());
    }

    @Test
    void withNoWriterFreeTheRecordIsWrittenInTheAskingThreadBeforeTheQuestion() {
        RecordedWhile busy = new RecordedWhile(r -> {
            throw new RejectedExecutionException("full");
        });
        AtomicReference<Thread> writtenBy = new AtomicReference<>();
        AtomicBoolean storedBeforeAsked = new AtomicBoolean();
        busy.answer(() -> writtenBy.set(Thread.currentThread()), () -> {
            storedBeforeAsked.set(writtenBy.get() != null);
            return "answer";
        });
        assertSame(Thread.currentThread(), writtenBy.get());
        assertTrue(storedBeforeAsked.get());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
