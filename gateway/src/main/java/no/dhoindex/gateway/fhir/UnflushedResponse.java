package no.dhoindex.gateway.fhir;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A FHIR answer sent in the container's buffer-sized blocks rather than at every flush. HAPI writes
 * JSON through Jackson, which flushes after every value it writes as an object
 * ({@code FLUSH_AFTER_WRITE_VALUE}); each flush reached the connection as its own TCP segment, some
 * 800 for a page of 50 Observations, each a write on the server and a read at the client. Here a
 * flush is dropped; the container still sends a block whenever its buffer is full, and the rest when
 * the answer is complete (close, or the end of the request), so nothing is held back or lost.
 */
final class UnflushedResponse extends HttpServletResponseWrapper {

    private PrintWriter writer;
    private ServletOutputStream stream;

    UnflushedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new WithoutFlush(super.getWriter()));
        }
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new StreamWithoutFlush(super.getOutputStream());
        }
        return stream;
    }

    /** A writer whose flush is left to the container; everything else goes through. */
    private static final class WithoutFlush extends Writer {

        private final Writer out;

        WithoutFlush(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            out.write(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            out.write(s, offset, length);
        }

        @Override
        public void write(int c) throws IOException {
            out.write(c);
        }

        @Override
        public void flush() {
            // The container sends its buffer when full and the rest at the end of the answer.
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** As {@link WithoutFlush}, for a binary (or HAPI-compressed) answer. */
    private static final class StreamWithoutFlush extends ServletOutputStream {

        private final ServletOutputStream out;

        StreamWithoutFlush(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // As WithoutFlush.flush.
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
