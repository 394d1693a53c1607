package no.dhoindex.demoplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform's answer leaves whole, with its length, however often the JSON writer flushes. */
class WholeAnswerTest {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<String> calls = new ArrayList<>();

    /** The container's response: what reaches its stream, and each write, flush and length set on it. */
    private HttpServletResponse container() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                sent.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                calls.add("write " + length);
                sent.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                calls.add("flush");
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> out;
                    case "getCharacterEncoding" -> "UTF-8";
                    case "isCommitted" -> false;
                    case "setContentLength" -> {
                        calls.add("length " + args[0]);
                        yield null;
                    }
                    default -> null;
                });
    }

    @Test
    void aJsonAnswerFlushedAfterEveryValueLeavesInOneWriteWithItsLength() throws Exception {
        WholeAnswer answer = new WholeAnswer(container());
        PrintWriter writer = answer.getWriter();
        for (String value : List.of("{\"resourceType\":\"Bundle\",", "\"type\":\"searchset\",", "\"total\":\"ø\"}")) {
            writer.write(value);
            writer.flush();   // as Jackson does after every value
            answer.flushBuffer();
        }
        assertEquals(List.of(), calls, "nothing reaches the connection before the answer is complete");
        writer.close();
        answer.send();
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":\"ø\"}";
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of("length " + length, "write " + length, "flush"), calls);
        assertEquals(json, sent.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBinaryAnswerLeavesWholeToo() throws Exception {
        WholeAnswer answer = new WholeAnswer(container());
        answer.getOutputStream().write(new byte[] {1, 2, 3}, 0, 3);
        answer.getOutputStream().flush();
        answer.getOutputStream().write(4);
        assertEquals(List.of(), calls);
        answer.send();
        assertEquals(List.of("length 4", "write 4", "flush"), calls);
    }

    @Test
    void anAnswerWithoutABodySendsNothing() throws Exception {
        new WholeAnswer(container()).send();
        assertEquals(List.of(), calls);
    }
}
