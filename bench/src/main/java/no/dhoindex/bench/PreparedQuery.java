package no.dhoindex.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * time, and its answer checked with one StAX pass: HTTP 200, a SOAP body whose AdhocQueryResponse has status
 * Success, and the number of DocumentEntries (ExtrinsicObjects) in it. The benchmark's client used to parse every
 * answer into a DOM (and make a DocumentBuilderFactory per answer): 1.36 ms of CPU per 10-entry answer on the
 * registry's own two cores. This verifies what the benchmark uses of an answer and no more.
 */
final class PreparedQuery {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final XMLInputFactory STAX = XMLInputFactory.newInstance();
    private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final URI endpoint;
    private final String contentType;
    private final byte[] head;
    private final byte[] tail;

    /** @param soapHeaders further header blocks (an XUA assertion), or null */
    PreparedQuery(URI endpoint, String body, String soapHeaders) {
        this.endpoint = endpoint;
        this.contentType = "application/soap+xml; charset=UTF-8; action=\"" + XdsActions.ITI_18 + "\"";
        String envelope = Soap.envelope(XdsActions.ITI_18, endpoint, body, soapHeaders == null ? "" : soapHeaders);
        int id = envelope.indexOf("<a:MessageID>urn:uuid:") + "<a:MessageID>".length();
        int end = envelope.indexOf("</a:MessageID>", id);
        if (id < "<a:MessageID>".length() || end < 0) {
            throw new IllegalStateException("The envelope has no MessageID to renew: " + envelope);
        }
        this.head = envelope.substring(0, id).getBytes(StandardCharsets.UTF_8);
        this.tail = envelope.substring(end).getBytes(StandardCharsets.UTF_8);
    }

    /** Posts the query with a fresh MessageID; the number of DocumentEntries of its Success answer. */
    int ask() {
        byte[] id = ("urn:uuid:" + new UUID(ThreadLocalRandom.current().nextLong(),
                ThreadLocalRandom.current().nextLong())).getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[head.length + id.length + tail.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(id, 0, message, head.length, id.length);
        System.arraycopy(tail, 0, message, head.length + id.length, tail.length);
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(message))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Query failed: HTTP " + response.statusCode() + " " + text(response.body()));
        }
        try {
            return entries(response.body());
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Query answer is not XML: " + e.getMessage() + " " + text(response.body()), e);
        }
    }

    /** The ExtrinsicObjects of a SOAP envelope whose body holds a Success AdhocQueryResponse; else an exception. */
    static int entries(byte[] answer) throws XMLStreamException {
        XMLStreamReader r = STAX.createXMLStreamReader(new ByteArrayInputStream(answer));
        String status = null;
        int entries = 0;
        int depth = 0;
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
                        throw new IllegalStateException("Query failed: " + name + " " + text(answer));
                    }
                    status = r.getAttributeValue(null, "status");
                } else if (inBody && Soap.RIM.equals(ns) && "ExtrinsicObject".equals(name)) {
                    entries++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 2) {
                    inBody = false;
                }
                depth--;
            }
        }
        r.close();
        if (!Soap.SUCCESS.equals(status)) {
            throw new IllegalStateException("Query failed: status " + status + " " + text(answer));
        }
        return entries;
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
