package no.dhoindex.registry.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import no.dhoindex.registry.application.RegistrySettings;

/**
 * Refuses SOAP requests over the configured size with a SOAP 1.2 Sender fault (HTTP 413), before
 * any XML is parsed: by Content-Length when given, by counting when the body is chunked.
 */
@WebFilter(urlPatterns = "/services/*")
public class RequestSizeLimit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestSizeLimit.class.getName());

    @Inject
    RegistrySettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long max = settings.maxRequestBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            LOG.info(() -> "event=soap-refused reason=too-large bytes=" + declared + " max=" + max);
            drain(request.getInputStream(), max);
            writeFault(response, max);
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request, max), response);
    }

    /**
     * Reads and discards what the client is still sending (up to a bound), so that it gets to read
     * the refusal instead of a reset connection.
     */
    static void drain(java.io.InputStream in, long max) {
        byte[] buffer = new byte[64 * 1024];
        long budget = 8 * max;
        try {
            for (int n = in.read(buffer); n > 0 && budget > 0; n = in.read(buffer)) {
                budget -= n;
            }
        } catch (IOException e) {
            // The client went away: nothing left to answer.
        }
    }

    static void writeFault(HttpServletResponse response, long max) throws IOException {
        response.setStatus(413);
        response.setContentType("application/soap+xml; charset=UTF-8");
        String fault = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                + "<env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                + "Request larger than " + max + " bytes</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";
        response.getOutputStream().write(fault.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts a chunked body as it is read; past the limit the read fails and CXF answers with a fault. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        check(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = in.read(buffer, off, len);
                    if (n > 0) {
                        check(n);
                    }
                    return n;
                }

                private void check(int n) throws IOException {
                    count += n;
                    if (count > max) {
                        drain(in, max);
                        throw new IOException("Request larger than " + max + " bytes");
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
