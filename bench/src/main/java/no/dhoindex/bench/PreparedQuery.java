package no.dhoindex.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.XdsActions;

/**
 * An ITI-18 request made before the clock starts, posted as prepared bytes with a fresh WS-Addressing MessageID each
 * time on the asking thread's own kept-alive HTTP/1.1 connection, and its answer checked with one StAX pass.
 * <p>
 * What every answer is checked for ({@link #entries}): HTTP 200; a well-formed SOAP 1.2 envelope whose Body holds an
 * AdhocQueryResponse with status Success; every DocumentEntry (ExtrinsicObject) in it carries exactly one
 * XDSDocumentEntry.patientId ExternalIdentifier, and its value is the patient the query asked about. The number of
 * DocumentEntries is returned (the benchmark reports it per answer; GetDocuments by uniqueId must give exactly one).
 * <p>
 * Why a socket of its own: the JDK's HttpClient hands every exchange to its selector thread and back (the client's
 * 0.96 ms of CPU per query at 1M entries, on the registry's own two cores); a blocking exchange on the asking thread
 * is what a SOAP stack does, and leaves the cores to the registry. The registry answers with a length or chunked.
 */
final class PreparedQuery {

    private static final XMLInputFactory STAX = XMLInputFactory.newInstance();
    private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    /** XDSDocumentEntry.patientId (ITI TF-3 4.2.3.2.16). */
    static final String ENTRY_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    private static final String ISSUER = "^^^&2.16.578.1.12.4.1.4.1&ISO";
    private static final int UUID_CHARS = 36;

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** Each asking thread's connection to the endpoint (the benchmark asks one registry from a fixed pool of threads). */
    private static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();

    private final URI endpoint;
    private final String patient;
    /** The whole HTTP request; the MessageID's UUID is overwritten at {@link #idAt} before each post. */
    private final byte[] request;
    private final int idAt;

    /**
     * @param patient     the patient (national identity number) the query is about: every entry must be theirs
     * @param soapHeaders further header blocks (an XUA assertion), or null
     */
    PreparedQuery(URI endpoint, String body, String soapHeaders, String patient) {
        this.endpoint = endpoint;
        this.patient = patient + ISSUER;
        String envelope = Soap.envelope(XdsActions.ITI_18, endpoint, body, soapHeaders == null ? "" : soapHeaders);
        String marker = "<a:MessageID>urn:uuid:";
        int id = envelope.indexOf(marker);
        if (id < 0 || envelope.indexOf("</a:MessageID>", id) != id + marker.length() + UUID_CHARS) {
            throw new IllegalStateException("The envelope has no MessageID to renew: " + envelope);
        }
        byte[] soap = envelope.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":"
                + endpoint.getPort() + "\r\nContent-Type: application/soap+xml; charset=UTF-8; action=\""
                + XdsActions.ITI_18 + "\"\r\nContent-Length: " + soap.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.request = new byte[head.length + soap.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(soap, 0, request, head.length, soap.length);
        // bytes, not chars: an XUA header before the MessageID may hold non-ASCII text
        this.idAt = head.length + envelope.substring(0, id + marker.length()).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Posts the query with a fresh MessageID; the number of DocumentEntries of its checked Success answer. */
    int ask() {
        byte[] message = request.clone();
        String id = new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong()).toString();
        for (int i = 0; i < UUID_CHARS; i++) {
            message[idAt + i] = (byte) id.charAt(i);
        }
        Connection c = CONNECTIONS.get();
        Answer answer;
        try {
            if (c == null || !c.to(endpoint)) {
                c = open(c);
            }
            try {
                answer = c.exchange(message);
            } catch (StaleConnection stale) {
                // The registry closed a kept-alive connection between two queries (nothing of an answer was read):
                // the query is asked again once on a new one.
                c = open(c);
                answer = c.exchange(message);
            }
        } catch (IOException e) {
            if (c != null) {
                c.close();
                CONNECTIONS.remove();
            }
            throw new IllegalStateException("POST " + endpoint + " failed: " + e.getMessage(), e);
        }
        if (answer.status() != 200) {
            throw new IllegalStateException("Query failed: HTTP " + answer.status() + " " + answer.text());
        }
        try {
            return entries(answer.body(), answer.length(), patient);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Query answer is not XML: " + e.getMessage() + " " + answer.text(), e);
        }
    }

    private Connection open(Connection old) throws IOException {
        if (old != null) {
            old.close();
        }
        Connection c = new Connection(endpoint);
        CONNECTIONS.set(c);
        return c;
    }

    /** The DocumentEntries of a whole answer (tests): see {@link #entries(byte[], int, String)}. */
    static int entries(byte[] answer, String patientCx) throws XMLStreamException {
        return entries(answer, answer.length, patientCx);
    }

    /**
     * The ExtrinsicObjects of a SOAP envelope whose body holds a Success AdhocQueryResponse, each with exactly one
     * XDSDocumentEntry.patientId whose value is {@code patientCx}; anything else an exception.
     */
    static int entries(byte[] answer, int length, String patientCx) throws XMLStreamException {
        XMLStreamReader r = STAX.createXMLStreamReader(new ByteArrayInputStream(answer, 0, length));
        String status = null;
        int entries = 0;
        int patientIds = 0;
        int depth = 0;
        int entryDepth = -1;
        boolean inBody = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = r.getLocalName();
                String ns = r.getNamespaceURI();
                if (depth == 2 && Soap.SOAP12.equals(ns) && "Body".equals(name)) {
                    inBody = true;
                } else if (inBody && depth == 3) {
                    if (!QUERY.equals(ns) || !"AdhocQueryResponse".equals(name)) {
                        throw new IllegalStateException("Query failed: " + name + " " + text(answer, length));
                    }
                    status = r.getAttributeValue(null, "status");
                } else if (inBody && Soap.RIM.equals(ns)) {
                    if ("ExtrinsicObject".equals(name)) {
                        entries++;
                        entryDepth = depth;
                        patientIds = 0;
                    } else if (entryDepth > 0 && depth == entryDepth + 1 && "ExternalIdentifier".equals(name)
                            && ENTRY_PATIENT_ID.equals(r.getAttributeValue(null, "identificationScheme"))) {
                        patientIds++;
                        String value = r.getAttributeValue(null, "value");
                        if (!patientCx.equals(value)) {
                            throw new IllegalStateException("Query answered with an entry of patient " + value
                                    + ", not " + patientCx);
                        }
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == entryDepth) {
                    if (patientIds != 1) {
                        throw new IllegalStateException("A DocumentEntry of the answer has " + patientIds
                                + " patientIds, not one");
                    }
                    entryDepth = -1;
                }
                if (depth == 2) {
                    inBody = false;
                }
                depth--;
            }
        }
        r.close();
        if (!Soap.SUCCESS.equals(status)) {
            throw new IllegalStateException("Query failed: status " + status + " " + text(answer, length));
        }
        return entries;
    }

    private static String text(byte[] body, int length) {
        String text = new String(body, 0, length, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }

    /** An answer as read: its status and its body's first {@code length} bytes of {@code body}. */
    private record Answer(int status, byte[] body, int length) {
        String text() {
            return PreparedQuery.text(body, length);
        }
    }

    /** Nothing of an answer came back on a connection already used: the server had closed it. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("connection closed by the server before the answer");
        }
    }

    /** A kept-alive HTTP/1.1 connection: one exchange at a time, its buffers reused. */
    private static final class Connection {

        private final URI endpoint;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private byte[] body = new byte[64 * 1024];
        private boolean used;
        private boolean closing;

        Connection(URI endpoint) throws IOException {
            this.endpoint = endpoint;
            this.socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        boolean to(URI other) {
            return !closing && endpoint.equals(other);
        }

        Answer exchange(byte[] message) throws IOException {
            boolean first = !used;
            used = true;
            boolean answered;
            try {
                out.write(message);
                out.flush();
                answered = fill();
            } catch (IOException e) {
                if (first) {
                    throw e;
                }
                throw new StaleConnection();
            }
            if (!answered) {
                if (!first) {
                    throw new StaleConnection();
                }
                throw new IOException("connection closed by the server before the answer");
            }
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon).trim();
                String value = colon < 0 ? "" : header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    closing = true;
                }
            }
            int length = 0;
            if (chunked) {
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    length = read(length, size);
                    if (!line().isEmpty()) {
                        throw new IOException("a chunk not followed by CRLF");
                    }
                }
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
            } else if (contentLength >= 0) {
                length = read(0, Math.toIntExact(contentLength));
            } else {
                throw new IOException("an answer with neither a length nor chunks");
            }
            Answer answer = new Answer(status, body, length);
            if (closing) {
                close();
            }
            return answer;
        }

        private int chunkSize() throws IOException {
            String line = line();
            int extension = line.indexOf(';');
            return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        /** Reads {@code count} bytes of the body after its first {@code at}; the body's new length. */
        private int read(int at, int count) throws IOException {
            if (body.length < at + count) {
                body = java.util.Arrays.copyOf(body, Math.max(body.length * 2, at + count));
            }
            int done = 0;
            while (done < count) {
                if (position == limit && !fill()) {
                    throw new IOException("the answer ended early");
                }
                int n = Math.min(count - done, limit - position);
                System.arraycopy(buffer, position, body, at + done, n);
                position += n;
                done += n;
            }
            return at + count;
        }

        /** A line of the head or of the chunk framing, without its CRLF. */
        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("the answer ended early");
                }
                byte c = buffer[position++];
                if (c == '\n') {
                    int end = b.length();
                    if (end > 0 && b.charAt(end - 1) == '\r') {
                        b.setLength(end - 1);
                    }
                    return b.toString();
                }
                b.append((char) (c & 0xff));
            }
        }

        /** More bytes into the buffer once it is used up; false at the end of the stream. */
        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        void close() {
            closing = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to keep
            }
        }
    }
}
