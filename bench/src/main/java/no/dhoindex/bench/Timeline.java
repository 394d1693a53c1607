package no.dhoindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When the simulated sources saw each request and sent each answer, on {@link System#nanoTime()} (one clock for the
 * benchmark client and the sources it hosts): the timeline of one federated question. Off unless a timeline is being
 * taken, so the measured rows pay one volatile read per request.
 */
final class Timeline {

    /** What happened at a source: the request's headers arrived, its body was read, the answer was written. */
    enum Kind { ARRIVED, READ, ANSWERED }

    record Event(long nanos, String source, Kind kind) {
    }

    private static volatile boolean recording;
    private static final ConcurrentLinkedQueue<Event> EVENTS = new ConcurrentLinkedQueue<>();

    private Timeline() {
    }

    static void record(String source, Kind kind) {
        if (recording) {
            EVENTS.add(new Event(System.nanoTime(), source, kind));
        }
    }

    /** Starts a fresh recording (the events of the question about to be asked). */
    static void start() {
        EVENTS.clear();
        recording = true;
    }

    /**
     * Ends the recording once {@code expected} events are in (a source records its answer after closing the exchange,
     * which can be after the client has the gateway's answer), or after a second, and hands over its events.
     */
    static List<Event> stop(int expected) throws InterruptedException {
        long end = System.nanoTime() + 1_000_000_000L;
        while (EVENTS.size() < expected && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        recording = false;
        return new ArrayList<>(EVENTS);
    }
}
