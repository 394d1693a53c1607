package no.dhoindex.gateway.interfaces;

import jakarta.servlet.ServletResponse;

/**
 * The size of the container's buffer for the gateway's answers. With the default (8 KiB) a merged answer of 20
 * communities (about 190 kB of ebXML) went out in some 24 blocks, each a write on the gateway and a wake-up of the
 * client while the rest was still being written: from the start of its writing to its last byte at the client took
 * 2.8 ms, with 64 KiB 2.2 ms, with 512 KiB 1.9 ms (timeline, BENCHMARKS.md). 256 KiB holds that answer, and a FHIR
 * page of 50 Observations (~40 kB), in one block. The buffer is per answer in flight: bounded memory per request
 * thread.
 */
public final class AnswerBuffer {

    public static final int BYTES = 256 * 1024;

    private AnswerBuffer() {
    }

    /** Sets the buffer before anything is written (afterwards the container refuses it, so this must come first). */
    public static void size(ServletResponse response) {
        if (!response.isCommitted() && response.getBufferSize() < BYTES) {
            response.setBufferSize(BYTES);
        }
    }
}
