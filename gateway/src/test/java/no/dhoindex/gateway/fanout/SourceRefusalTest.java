package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.xml.ws.WebServiceException;
import java.net.ConnectException;
import java.net.URL;
import java.util.OptionalInt;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.transport.http.HTTPException;
import org.junit.jupiter.api.Test;

/**
 * A source's 401/403, however deep the client wraps it, is a refusal; an outage is not. The stored queries' own client
 * says so with {@link SourceFailure}; the retrieves' CXF client with its HTTPException.
 */
class SourceRefusalTest {

    private static Throwable asTheClientThrowsIt(int status) throws Exception {
        return new WebServiceException("Could not send Message.", new Fault(new HTTPException(status, "Forbidden",
                new URL("http://127.0.0.1:1/adapters/kommune/services/xca"))));
    }

    @Test
    void a403Or401IsARefusal() throws Exception {
        assertEquals(OptionalInt.of(403), SourceRefusal.status(asTheClientThrowsIt(403)));
        assertEquals(OptionalInt.of(401), SourceRefusal.status(asTheClientThrowsIt(401)));
        assertEquals(OptionalInt.of(403), SourceRefusal.status(new jakarta.xml.ws.http.HTTPException(403)));
        assertEquals(OptionalInt.of(403), SourceRefusal.status(new SourceFailure(403, "SOAP Fault s:Sender: denied")));
        assertEquals(OptionalInt.of(401), SourceRefusal.status(new IllegalStateException(new SourceFailure(401, "no"))));
    }

    @Test
    void anOutageIsNoRefusal() throws Exception {
        assertFalse(SourceRefusal.isRefusal(asTheClientThrowsIt(404)));
        assertFalse(SourceRefusal.isRefusal(asTheClientThrowsIt(503)));
        assertFalse(SourceRefusal.isRefusal(new WebServiceException(new ConnectException("Connection refused"))));
        assertFalse(SourceRefusal.isRefusal(new IllegalStateException("no document returned")));
        assertFalse(SourceRefusal.isRefusal(new SourceFailure(500, "SOAP Fault s:Receiver: database down")));
        assertFalse(SourceRefusal.isRefusal(new SourceFailure(404, "HTTP response '404: Not Found'")));
    }
}
