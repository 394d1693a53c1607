package no.dhoindex.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SOAP 1.2 on the wire, as any IHE client sends it: an envelope with WS-Addressing headers over
 * plain HTTP. Tests use it so that they hold the server to the protocol, not to our own classes.
 */
public final class Soap {

    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    public static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    public static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    public static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    public static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

    // HTTP/1.1 as SOAP stacks speak it: no h2c upgrade attempt on every POST.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Soap() {
    }

    /** Wraps the body element's XML in a SOAP 1.2 envelope with Action, MessageID, To and ReplyTo. */
    public static String envelope(String action, URI to, String bodyXml) {
        return envelope(action, to, bodyXml, "");
    }

    /** The same with further SOAP header blocks (e.g. a wsse:Security header with an XUA assertion). */
    public static String envelope(String action, URI to, String bodyXml, String extraHeaders) {
        return "<s:Envelope xmlns:s=\"" + SOAP12 + "\" xmlns:a=\"" + WSA + "\"><s:Header>" + extraHeaders
                + "<a:Action s:mustUnderstand=\"1\">" + action + "</a:Action>"
                + "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">" + to + "</a:To>"
                + "</s:Header><s:Body>" + stripXmlDeclaration(bodyXml) + "</s:Body></s:Envelope>";
    }

    public static Reply call(URI endpoint, String action, String bodyXml) {
        String envelope = envelope(action, endpoint, bodyXml);
        return post(endpoint, "application/soap+xml; charset=UTF-8; action=\"" + action + "\"",
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** A SOAP call with further SOAP header blocks (an XUA assertion's wsse:Security). */
    public static Reply callWithHeader(URI endpoint, String action, String bodyXml, String soapHeaders) {
        String envelope = envelope(action, endpoint, bodyXml, soapHeaders);
        return post(endpoint, "application/soap+xml; charset=UTF-8; action=\"" + action + "\"",
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** A SOAP call with extra HTTP headers (the caller's credentials: Authorization and DPoP). */
    public static Reply call(URI endpoint, String action, String bodyXml, java.util.Map<String, String> headers) {
        String envelope = envelope(action, endpoint, bodyXml);
        return post(endpoint, "application/soap+xml; charset=UTF-8; action=\"" + action + "\"",
                envelope.getBytes(StandardCharsets.UTF_8), headers);
    }

    public static Reply post(URI endpoint, String contentType, byte[] body) {
        return post(endpoint, contentType, body, java.util.Map.of());
    }

    public static Reply post(URI endpoint, String contentType, byte[] body, java.util.Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            return reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A SOAP call of which only the exchange is timed: {@code received} is given the {@link System#nanoTime()} at which
     * the answer's last byte was in, before the answer is parsed (a benchmark's latency is the server's, not its
     * client's DOM).
     */
    public static Reply call(URI endpoint, String action, String bodyXml, java.util.function.LongConsumer received) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope(action, endpoint, bodyXml)
                        .getBytes(StandardCharsets.UTF_8))).build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            received.accept(System.nanoTime());
            return reply(response);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply reply(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return new Reply(response.statusCode(), text, parse(rootPart(text)), response.body(),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    /** POSTs with chunked transfer encoding (no Content-Length), as streaming clients do. */
    public static Reply postChunked(URI endpoint, String contentType, byte[] body) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Reply(response.statusCode(), text, parse(rootPart(text)), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String stripXmlDeclaration(String xml) {
        String trimmed = xml.strip();
        return trimmed.startsWith("<?xml") ? trimmed.substring(trimmed.indexOf("?>") + 2) : trimmed;
    }

    /** The SOAP envelope of a reply, also when it came as an MTOM multipart. */
    private static String rootPart(String text) {
        int start = text.indexOf("<");
        int envelope = text.indexOf("Envelope");
        if (start < 0 || envelope < 0) {
            return null;
        }
        int open = text.lastIndexOf('<', envelope);
        int end = text.lastIndexOf("Envelope>");
        return end < 0 ? null : text.substring(open, end + "Envelope>".length());
    }

    private static Document parse(String xml) {
        if (xml == null) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return null;
        }
    }

    /** An HTTP reply, its envelope, and the raw body with its content type (for MTOM parts). */
    public record Reply(int httpStatus, String text, Document envelope, byte[] raw, String contentType) {

        /** The ebRS status of the body's response element (RegistryResponse / AdhocQueryResponse). */
        public String status() {
            Element body = bodyElement();
            if (body == null) {
                return null;
            }
            if (body.hasAttribute("status")) {
                return body.getAttribute("status");
            }
            // Retrieve responses carry their status on a nested RegistryResponse.
            List<Element> nested = elements(RS, "RegistryResponse");
            return nested.isEmpty() ? null : nested.get(0).getAttribute("status");
        }

        public boolean isSuccess() {
            return SUCCESS.equals(status());
        }

        public boolean isFault() {
            return !elements(SOAP12, "Fault").isEmpty();
        }

        public String faultReason() {
            List<Element> texts = elements(SOAP12, "Text");
            return texts.isEmpty() ? null : texts.get(0).getTextContent();
        }

        public List<String> errorCodes() {
            List<String> codes = new ArrayList<>();
            for (Element e : elements(RS, "RegistryError")) {
                codes.add(e.getAttribute("errorCode"));
            }
            return codes;
        }

        public List<Element> elements(String namespace, String localName) {
            List<Element> result = new ArrayList<>();
            if (envelope == null) {
                return result;
            }
            NodeList nodes = envelope.getElementsByTagNameNS(namespace, localName);
            for (int i = 0; i < nodes.getLength(); i++) {
                result.add((Element) nodes.item(i));
            }
            return result;
        }

        /** How many objects of an ebRIM kind the reply holds (ExtrinsicObject, RegistryPackage, Association, ObjectRef). */
        public int count(String rimLocalName) {
            return elements(RIM, rimLocalName).size();
        }

        public Element bodyElement() {
            List<Element> bodies = elements(SOAP12, "Body");
            if (bodies.isEmpty()) {
                return null;
            }
            for (var n = bodies.get(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            String shown = text.length() > 3000 ? text.substring(0, 3000) + "... (" + text.length() + " chars)" : text;
            return "HTTP " + httpStatus + " " + contentType + ": " + shown;
        }
    }
}
