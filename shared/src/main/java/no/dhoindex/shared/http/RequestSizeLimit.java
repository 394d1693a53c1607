package no.dhoindex.shared.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Refuses requests over a deployable's size limit with HTTP 413 before anything is parsed: by
 * Content-Length when given, by counting when the body is chunked (MTOM attachments included, they
 * are part of the body). The refusal is in the protocol of the path: a SOAP 1.2 Sender fault under
 * {@code /services}, a FHIR OperationOutcome elsewhere. Each deployable registers a small
 * {@code @WebFilter} subclass naming its paths and setting.
 */
public abstract class RequestSizeLimit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestSizeLimit.class.getName());

    /** The largest request body accepted, in bytes. */
    protected abstract long maxBytes();

    /** What a body read past the limit throws; the SOAP and FHIR layers answer it with 413. */
    public static final class TooLarge extends IOException {
        private final long max;

        public TooLarge(long max) {
            super("Request larger than " + max + " bytes", null);
            this.max = max;
        }

        public long max() {
            return max;
        }
    }

    /** The {@link TooLarge} in {@code e}'s causes, if a read past the limit is why it was thrown. */
    public static TooLarge tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long max = maxBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            LOG.info(() -> "event=request-refused reason=too-large bytes=" + declared + " max=" + max
                    + " path=" + request.getRequestURI());
            drain(request.getInputStream(), max);
            refuse(request, response, max);
            return;
        }
        try {
            chain.doFilter(declared >= 0 ? request : new Limited(request, max), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // A chunked body past the limit, where the servlet let the failed read through.
            if (tooLarge(e) == null || response.isCommitted()) {
                throw e;
            }
            LOG.info(() -> "event=request-refused reason=too-large chunked=true max=" + max
                    + " path=" + request.getRequestURI());
            response.reset();
            refuse(request, response, max);
        }
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

    static void refuse(HttpServletRequest request, HttpServletResponse response, long max) throws IOException {
        response.setStatus(413);
        String reason = "Request larger than " + max + " bytes";
        String body;
        if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/services")) {
            response.setContentType("application/soap+xml; charset=UTF-8");
            body = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                    + "<env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                    + reason + "</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";
        } else {
            response.setContentType("application/fhir+json; charset=UTF-8");
            body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-long\","
                    + "\"diagnostics\":\"" + reason + "\"}]}";
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts a chunked body as it is read; past the limit the read fails with {@link TooLarge}. */
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
                        throw new TooLarge(max);
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

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }
}
