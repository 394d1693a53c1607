package no.dhoindex.gateway.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A flush of the answer is left to the container; what is written, and the close, go through unchanged. */
class UnflushedResponseTest {

    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StringWriter text = new StringWriter();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** The container's response: its writer and stream count the flushes that reach them. */
    private HttpServletResponse container() {
        Writer writer = new Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                text.write(c, off, len);
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }

            @Override
            public void close() {
                closed.set(true);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        PrintWriter containerWriter = new PrintWriter(writer);
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getWriter" -> containerWriter;
                    case "getOutputStream" -> stream;
                    default -> null;
                });
    }

    @Test
    void aJsonWriterFlushingAfterEveryValueReachesTheContainerAsOneAnswer() throws Exception {
        PrintWriter writer = new UnflushedResponse(container()).getWriter();
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            String value = "{\"value\":" + i + "}";
            writer.write(value);
            written.append(value);
            writer.flush();   // as Jackson does after each value
        }
        assertEquals(0, flushes.get(), "no flush reaches the connection");
        writer.close();
        assertTrue(closed.get(), "the close completes the answer");
        assertEquals(written.toString(), text.toString());
    }

    @Test
    void aBinaryAnswerIsWrittenWholeWithoutItsFlushes() throws Exception {
        ServletOutputStream out = new UnflushedResponse(container()).getOutputStream();
        byte[] document = "%PDF-1.7 a document".getBytes(StandardCharsets.UTF_8);
        out.write(document, 0, 9);
        out.flush();
        out.write(document, 9, document.length - 9);
        out.flush();
        out.close();
        assertEquals(0, flushes.get());
        assertTrue(closed.get());
        assertEquals("%PDF-1.7 a document", bytes.toString(StandardCharsets.UTF_8));
    }
}
