package no.dhoindex.gateway.xca;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.gateway.fanout.SourceFailure;
import no.dhoindex.gateway.federation.QueryPort;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.wire.QueryAnswerReader;
import no.dhoindex.shared.xds.wire.XmlElements;
import org.apache.cxf.staxutils.StaxUtils;
import org.w3c.dom.Element;

/**
 * The gateway's stored-query calls (ITI-18 to the registry, ITI-38 to each community) as plain SOAP 1.2 over the
 * JDK's HttpURLConnection, without CXF: the request is the question's prepared body in an envelope of bytes
 * ({@link SoapEnvelope}), the answer is read off the stream by {@link QueryAnswerReader} straight into the domain.
 * Every ms a call costs delays the last of 20 calls or follows the last answer; without CXF's per-call machinery
 * (proxy and interceptor chains, JAXB, header objects) a question to 20 communities cost a third to two thirds of the
 * CXF ports' CPU in the same run (bench/results/gwsoap-call-cpu-20261203.md).
 * <p>
 * The HTTP is CXF's URLConnection conduit's: HTTP/1.1 kept alive in the JDK's pool, a Content-Length (no chunking), no
 * proxy, no redirects, connect timeout min(deadline, 2 s), read timeout the deadline, the correlation id as
 * {@value CommunityClients#CORRELATION_HEADER}. Failures reach the fan-out as CXF's did: 401 and 403 are refusals
 * ({@link SourceFailure} with that status, whatever the body); any other status of 400 or more but 500 fails with
 * its status line; a SOAP Fault (any status) fails with its code and reason; a header the receiver must understand
 * but the gateway does not (anything but WS-Addressing) fails the call; a body that is not a SOAP 1.2 envelope
 * holding an AdhocQueryResponse fails with the parser's reason. An answer that is read but cannot be taken into the
 * domain is QueryAnswerReader's {@code XdsRefusal}, which the federation turns into that source's Failure. XML is
 * parsed by CXF's own secured StAX factory: no DTD, no external entities, and CXF's limits on depth, children,
 * attributes and text (CXF has no bound on a message's total size, nor has this).
 */
@ApplicationScoped
public class StoredQueryClient {

    public static final String ITI_18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    public static final String ITI_38 = "urn:ihe:iti:2007:CrossGatewayQuery";

    private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

    /** The request body of the question last asked: the federation asks the registry and each community the same one. */
    private volatile QueryRequestBody last;
    /** Each source's URL, parsed once (URI.toURL was about 3 % of a call's samples). */
    private final Map<URI, URL> urls = new ConcurrentHashMap<>();

    /** The prepared body of {@code query}, written once for all the sources a question asks. */
    public Prepared prepare(no.dhoindex.shared.xds.query.StoredQuery query) {
        QueryRequestBody body = last;
        if (body == null || !body.of(query)) {
            body = QueryRequestBody.write(query);
            last = body;
        }
        return new Prepared(body);
    }

    /**
     * A source's query port through this client: {@code action} {@link #ITI_18} to the registry (home null) or
     * {@link #ITI_38} to a community (home its homeCommunityId); the caller's assertion for that source is made, and
     * the question's body written, on the caller's thread, as {@link QueryPort} asks.
     */
    public QueryPort port(URI url, String action, Duration deadline, String home,
                          Function<Caller, Optional<Element>> assertion) {
        return (caller, query, correlationId) -> {
            Optional<Element> forCaller = assertion.apply(caller);
            Prepared request = prepare(query);
            return () -> ask(url, action, deadline, correlationId, forCaller, request, home);
        };
    }

    /** A question's request, written; opaque outside this package. */
    public static final class Prepared {
        final QueryRequestBody body;

        private Prepared(QueryRequestBody body) {
            this.body = body;
        }
    }

    /**
     * Asks the source at {@code url}: {@code action} {@link #ITI_18} (home null) or {@link #ITI_38} (home the
     * community's homeCommunityId).
     */
    public QueryAnswer ask(URI url, String action, Duration deadline, String correlationId,
                           Optional<Element> assertion, Prepared request, String home) throws IOException {
        ByteArrayOutputStream envelope = SoapEnvelope.write(action, url, assertion, request.body, home);
        URL address = urls.computeIfAbsent(url, StoredQueryClient::toUrl);
        HttpURLConnection http = (HttpURLConnection) address.openConnection(Proxy.NO_PROXY);
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setUseCaches(false);
        http.setInstanceFollowRedirects(false);
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.toMillis()));
        http.setConnectTimeout(Math.min(timeout, 2000));
        http.setReadTimeout(timeout);
        // Not streamed (no setFixedLengthStreamingMode): before every streamed POST on a kept-alive connection the JDK
        // probes the connection with a blocking read of 1 ms (sun.net.www.http.HttpClient.New), 1.3-1.5 ms before the
        // request left (strace), on the registry's call and on every community's. Buffered, the body goes out with its
        // Content-Length in one write, and a question sent on a connection the source had just closed is asked once
        // more on a new one (a stored query is a read).
        http.setRequestProperty("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\"");
        http.setRequestProperty("Accept", "*/*");
        http.setRequestProperty(CommunityClients.CORRELATION_HEADER, correlationId);
        try (OutputStream out = http.getOutputStream()) {
            envelope.writeTo(out);
        }
        int status = http.getResponseCode();
        if (status >= 400 && status != 500) {
            // As CXF's conduit: the status is the answer, the body is not read (a 401/403 is a refusal).
            close(http.getErrorStream());
            throw new SourceFailure(status, "HTTP response '" + status + ": " + http.getResponseMessage()
                    + "' when communicating with " + url);
        }
        InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
        if (in == null) {
            throw new SourceFailure(status, "HTTP " + status + " without a body from " + url);
        }
        try (in) {
            return read(rootPart(in, http.getContentType(), status), charset(http.getContentType()), status);
        }
    }

    private static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("Not a URL: " + uri, e);
        }
    }

    /** The answer's envelope: its AdhocQueryResponse on domain types, or the failure it is. */
    static QueryAnswer read(InputStream in, String charset, int status) {
        XMLStreamReader r = StaxUtils.createXMLStreamReader(in, charset);
        try {
            try {
                return envelope(r, status);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new SourceFailure(status, "The answer is not XML: " + e.getMessage(), e);
        }
    }

    private static QueryAnswer envelope(XMLStreamReader r, int status) throws XMLStreamException {
        element(r, "the answer", SoapEnvelope.SOAP12, "Envelope", status);
        int event = nextTag(r);
        if (event == XMLStreamConstants.START_ELEMENT && isSoap(r, "Header")) {
            headers(r, status);
            event = nextTag(r);
        }
        if (event != XMLStreamConstants.START_ELEMENT || !isSoap(r, "Body")) {
            throw new SourceFailure(status, "The answer's envelope has no Body");
        }
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
            throw new SourceFailure(status, "The answer's Body is empty");
        }
        if (isSoap(r, "Fault")) {
            throw fault(r, status);
        }
        if (status != 200 || !QUERY.equals(r.getNamespaceURI()) || !"AdhocQueryResponse".equals(r.getLocalName())) {
            throw new SourceFailure(status, "The answer (HTTP " + status + ") is no AdhocQueryResponse but {"
                    + r.getNamespaceURI() + "}" + r.getLocalName());
        }
        QueryAnswer answer = QueryAnswerReader.read(r);
        // The rest of the envelope must be well-formed too, as it was for CXF's reader.
        while (r.hasNext()) {
            r.next();
        }
        return answer;
    }

    /** The answer's SOAP headers: one it must understand is understood only when it is WS-Addressing's. */
    private static void headers(XMLStreamReader r, int status) throws XMLStreamException {
        List<String> notUnderstood = new ArrayList<>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            String mustUnderstand = r.getAttributeValue(SoapEnvelope.SOAP12, "mustUnderstand");
            String role = r.getAttributeValue(SoapEnvelope.SOAP12, "role");
            // Only a header meant for this receiver (no role, next or ultimateReceiver, SOAP 1.2 part 1 5.2.2) must be understood.
            boolean forUs = role == null || role.trim().equals(SoapEnvelope.SOAP12 + "/role/next")
                    || role.trim().equals(SoapEnvelope.SOAP12 + "/role/ultimateReceiver");
            if (forUs && mustUnderstand != null && ("true".equals(mustUnderstand.trim()) || "1".equals(mustUnderstand.trim()))
                    && !SoapEnvelope.WSA.equals(r.getNamespaceURI())) {
                notUnderstood.add("{" + r.getNamespaceURI() + "}" + r.getLocalName());
            }
            XmlElements.skip(r);
        }
        if (!notUnderstood.isEmpty()) {
            throw new SourceFailure(status, "MustUnderstand headers: " + notUnderstood + " are not understood.");
        }
    }

    /** A SOAP 1.2 Fault as the failure it is: its code (and subcodes) and its first reason. */
    private static SourceFailure fault(XMLStreamReader r, int status) throws XMLStreamException {
        List<String> codes = new ArrayList<>();
        String reason = null;
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (isSoap(r, "Value")) {
                    codes.add(r.getElementText().trim());
                    depth--;
                } else if (isSoap(r, "Text") && reason == null) {
                    reason = r.getElementText().trim();
                    depth--;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new SourceFailure(status, "SOAP Fault " + String.join(" ", codes) + (reason == null ? "" : ": " + reason));
    }

    private static void element(XMLStreamReader r, String what, String ns, String name, int status)
            throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT || !ns.equals(r.getNamespaceURI())
                || !name.equals(r.getLocalName())) {
            throw new SourceFailure(status, what + " is no SOAP 1.2 " + name);
        }
    }

    private static boolean isSoap(XMLStreamReader r, String name) {
        return SoapEnvelope.SOAP12.equals(r.getNamespaceURI()) && name.equals(r.getLocalName());
    }

    /** The next start or end tag; text and comments between are passed over, a DTD is refused. */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                return event;
            }
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("a DTD or entity reference in a SOAP message", r.getLocation());
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    private static String charset(String contentType) {
        return parameter(contentType, "charset");
    }

    /**
     * The envelope of an answer sent as MTOM (multipart/related, as some responding gateways answer every call): its
     * root part, the first; a query answer has no attachments to resolve. Any other answer is its own envelope.
     */
    static InputStream rootPart(InputStream in, String contentType, int status) throws IOException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            return in;
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null) {
            throw new SourceFailure(status, "A multipart answer without a boundary");
        }
        byte[] all = in.readAllBytes();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int first = indexOf(all, delimiter, 0);
        int headersEnd = first < 0 ? -1 : indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), first);
        int next = headersEnd < 0 ? -1 : indexOf(all, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1),
                headersEnd);
        if (next < 0) {
            throw new SourceFailure(status, "A multipart answer without a whole root part");
        }
        return new ByteArrayInputStream(all, headersEnd + 4, next - headersEnd - 4);
    }

    private static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim();
                return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void close(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the answer was not to be read
            }
        }
    }
}
