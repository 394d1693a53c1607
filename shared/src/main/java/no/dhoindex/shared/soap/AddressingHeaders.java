package no.dhoindex.shared.soap;

import java.util.List;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;

/**
 * A request carries exactly one each of wsa:Action, wsa:MessageID and wsa:To (ITI TF-2x V.3.2.1):
 * one identity per message. A missing header is a MessageAddressingHeaderRequired fault, a second
 * one an InvalidAddressingHeader fault (a check reading one and a dispatcher acting on the other
 * must not be possible), both SOAP 1.2 Sender faults with HTTP 400, before anything runs.
 */
public final class AddressingHeaders extends AbstractSoapInterceptor {

    static final String WSA = "http://www.w3.org/2005/08/addressing";
    private static final QName HEADER_REQUIRED = new QName(WSA, "MessageAddressingHeaderRequired");
    private static final QName INVALID_HEADER = new QName(WSA, "InvalidAddressingHeader");
    private static final List<String> REQUIRED = List.of("Action", "MessageID", "To");

    public AddressingHeaders() {
        // On the headers as they came: CXF fills in a default Action later when none was sent, and
        // its addressing layer keeps only one of two.
        super(Phase.READ);
        addAfter(ReadHeadersInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return; // ?wsdl
        }
        for (String name : REQUIRED) {
            QName header = new QName(WSA, name);
            long count = message.getHeaders().stream().filter(h -> header.equals(h.getName())).count();
            if (count == 0) {
                throw fault(message, HEADER_REQUIRED, "MessageAddressingHeaderRequired: the wsa:" + name
                        + " header is required");
            }
            if (count > 1) {
                throw fault(message, INVALID_HEADER, "InvalidAddressingHeader: the message carries " + count
                        + " wsa:" + name + " headers; exactly one is allowed");
            }
        }
    }

    private static SoapFault fault(SoapMessage message, QName subCode, String reason) {
        SoapFault fault = new SoapFault(reason, message.getVersion().getSender());
        fault.addSubCode(subCode);
        fault.setStatusCode(400);
        return fault;
    }
}
