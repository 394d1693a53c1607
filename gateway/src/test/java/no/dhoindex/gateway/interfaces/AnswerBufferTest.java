package no.dhoindex.gateway.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletResponse;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An answer's buffer is made 256 KiB before anything is written, never smaller than the container's, never late. */
class AnswerBufferTest {

    /** A response with {@code size} bytes of buffer, committed or not, that keeps what it is set to. */
    private static ServletResponse response(AtomicInteger size, boolean committed) {
        return (ServletResponse) Proxy.newProxyInstance(AnswerBufferTest.class.getClassLoader(),
                new Class<?>[]{ServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted" -> committed;
                    case "getBufferSize" -> size.get();
                    case "setBufferSize" -> {
                        if (committed) {
                            throw new IllegalStateException("committed");
                        }
                        size.set((Integer) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theContainersSmallBufferIsMadeLargeEnoughForAMergedAnswer() {
        AtomicInteger size = new AtomicInteger(8192);
        AnswerBuffer.size(response(size, false));
        assertEquals(256 * 1024, size.get());
    }

    @Test
    void aLargerBufferIsKeptAndACommittedResponseIsLeftAlone() {
        AtomicInteger large = new AtomicInteger(1024 * 1024);
        AnswerBuffer.size(response(large, false));
        assertEquals(1024 * 1024, large.get());
        AtomicInteger committed = new AtomicInteger(8192);
        AnswerBuffer.size(response(committed, true));
        assertEquals(8192, committed.get());
    }
}
