package no.dhoindex.demoplatform;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The platform's answer kept until it is complete, then sent at once with its length. HAPI writes JSON
 * through Jackson, which flushes after every value it writes as an object; each flush left as its own
 * TCP segment, some 570 for a page of 50 Observations, each a write here and a read at the adapter, on
 * the same two cores as everything else in the benchmark's one JVM. A page is bounded by its
 * {@code _count}, so holding it whole costs little memory.
 */
final class WholeAnswer extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    private PrintWriter writer;
    private ServletOutputStream stream;

    WholeAnswer(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() was called for this answer");
        }
        if (writer == null) {
            String encoding = getCharacterEncoding();
            writer = new PrintWriter(new OutputStreamWriter(body,
                    encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding)));
        }
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called for this answer");
        }
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("the answer is written blocking");
                }
            };
        }
        return stream;
    }

    @Override
    public void flushBuffer() {
        // Sent whole by send(): an early flush would commit the answer without its length.
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        body.reset();
    }

    @Override
    public void reset() {
        super.reset();
        body.reset();
    }

    /** Sends what was written, at once, with its length; nothing when nothing was written. */
    void send() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (body.size() == 0) {
            return;
        }
        if (!getResponse().isCommitted()) {
            getResponse().setContentLength(body.size());
        }
        ServletOutputStream out = getResponse().getOutputStream();
        body.writeTo(out);
        out.flush();
    }
}
