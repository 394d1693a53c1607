package no.dhoindex.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * SOAP 1.2 with MTOM/XOP on the wire (ITI-41 / ITI-43 / ITI-39): a multipart/related request
 * whose root part is the envelope and whose other parts are documents referenced by
 * {@code <xop:Include href="cid:…"/>}; and the parts of a multipart reply.
 */
public final class Mtom {

    private Mtom() {
    }

    /** The XOP reference to put where a document's base64 would go. */
    public static String include(String contentId) {
        return "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:" + contentId + "\"/>";
    }

    public static Soap.Reply call(URI endpoint, String action, String bodyXml, Map<String, byte[]> parts) {
        return call(endpoint, action, bodyXml, parts, Map.of());
    }

    /** The same with extra HTTP headers (a system's credentials: Authorization and DPoP). */
    public static Soap.Reply call(URI endpoint, String action, String bodyXml, Map<String, byte[]> parts,
                                  Map<String, String> headers) {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "root." + UUID.randomUUID() + "@dhoindex.no";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + rootId + ">\r\n\r\n");
        write(out, Soap.envelope(action, endpoint, bodyXml));
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            write(out, "\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + part.getKey() + ">\r\n\r\n");
            out.writeBytes(part.getValue());
        }
        write(out, "\r\n--" + boundary + "--\r\n");
        String contentType = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                + "\"; start=\"<" + rootId + ">\"; start-info=\"application/soap+xml\"; action=\"" + action + "\"";
        return Soap.post(endpoint, contentType, out.toByteArray(), headers);
    }

    /**
     * The binary parts of a multipart reply by Content-ID (without angle brackets). A reply that
     * is not multipart has none.
     */
    public static Map<String, byte[]> parts(byte[] body, String contentType) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/")) {
            return parts;
        }
        String boundary = parameter(contentType, "boundary");
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int headersStart = position + delimiter.length + 2;
            if (headersStart > body.length || body[position + delimiter.length] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2);
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-id:")) {
                    parts.put(line.substring(11).trim().replaceAll("^<|>$", ""), content);
                }
            }
            position = next;
        }
        return parts;
    }

    /**
     * The documents of an ITI-43 / ITI-39 reply by DocumentUniqueId: from their MTOM parts, or
     * inline base64 where the server did not optimise.
     */
    public static Map<String, byte[]> documents(Soap.Reply reply) {
        Map<String, byte[]> parts = parts(reply.raw(), reply.contentType());
        Map<String, byte[]> documents = new LinkedHashMap<>();
        for (var response : reply.elements("urn:ihe:iti:xds-b:2007", "DocumentResponse")) {
            String uniqueId = response.getElementsByTagNameNS("urn:ihe:iti:xds-b:2007", "DocumentUniqueId").item(0)
                    .getTextContent().trim();
            var document = (org.w3c.dom.Element) response.getElementsByTagNameNS("urn:ihe:iti:xds-b:2007", "Document")
                    .item(0);
            var include = document.getElementsByTagNameNS("http://www.w3.org/2004/08/xop/include", "Include");
            if (include.getLength() > 0) {
                String href = ((org.w3c.dom.Element) include.item(0)).getAttribute("href").replaceFirst("^cid:", "");
                documents.put(uniqueId, parts.get(java.net.URLDecoder.decode(href, StandardCharsets.UTF_8)));
            } else {
                documents.put(uniqueId, java.util.Base64.getMimeDecoder().decode(document.getTextContent().trim()));
            }
        }
        return documents;
    }

    private static String parameter(String header, String name) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            if (p.toLowerCase().startsWith(name + "=")) {
                return p.substring(name.length() + 1).replace("\"", "");
            }
        }
        throw new IllegalArgumentException("No " + name + " in " + header);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
