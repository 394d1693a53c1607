package no.dhoindex.gateway.xca;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.soap.XuaHeader;
import org.apache.cxf.staxutils.StaxUtils;
import org.w3c.dom.Element;

/**
 * A stored query's SOAP 1.2 request as CXF wrote it for the gateway's clients: WS-Addressing 2005/08 Action (which
 * the receiver must understand), a fresh urn:uuid MessageID, To, ReplyTo anonymous, and the caller's XUA assertion in
 * a {@code wsse:Security} header the receiver must understand (none without an assertion, as {@code XuaOut}).
 * Written as bytes around the prepared body: CXF's interceptor chain, JAXB and its header objects were about a third
 * of the gateway's CPU per call.
 */
final class SoapEnvelope {

    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String WSA = "http://www.w3.org/2005/08/addressing";

    private static final byte[] START = ("<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Header>"
            + "<Action xmlns=\"" + WSA + "\" soap:mustUnderstand=\"true\">").getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE_ID = ("</Action><MessageID xmlns=\"" + WSA + "\">urn:uuid:")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TO = ("</MessageID><To xmlns=\"" + WSA + "\">").getBytes(StandardCharsets.UTF_8);
    private static final byte[] REPLY_TO = ("</To><ReplyTo xmlns=\"" + WSA + "\"><Address>" + WSA
            + "/anonymous</Address></ReplyTo>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "</soap:Header><soap:Body>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "</soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8);

    private SoapEnvelope() {
    }

    /** The whole request to {@code to} for {@code home} (null: the registry). */
    static ByteArrayOutputStream write(String action, URI to, Optional<Element> assertion, QueryRequestBody body,
                                       String home) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        out.writeBytes(START);
        out.writeBytes(escape(action).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(MESSAGE_ID);
        out.writeBytes(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(TO);
        out.writeBytes(escape(to.toString()).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(REPLY_TO);
        if (assertion.isPresent()) {
            security(out, assertion.get());
        }
        out.writeBytes(BODY);
        body.writeTo(out, home);
        out.writeBytes(END);
        return out;
    }

    private static void security(ByteArrayOutputStream out, Element assertion) {
        try {
            XMLStreamWriter w = StaxUtils.createXMLStreamWriter(out, "UTF-8");
            // The soap prefix is the envelope's, declared around this header.
            w.setPrefix("soap", SOAP12);
            w.writeStartElement("wsse", "Security", XuaHeader.WSSE);
            w.writeNamespace("wsse", XuaHeader.WSSE);
            w.writeAttribute("soap", SOAP12, "mustUnderstand", "true");
            // Repairing: an assertion's namespaces are declared on it where its own attributes do not declare them.
            StaxUtils.writeElement(assertion, w, true);
            w.writeEndElement();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The XUA assertion could not be written: " + e.getMessage(), e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
