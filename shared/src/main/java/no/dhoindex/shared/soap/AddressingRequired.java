package no.dhoindex.shared.soap;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;

/**
 * The IHE transactions require WS-Addressing (ITI TF-2x V.3.2.1): a request without an Action
 * header is refused with a MessageAddressingHeaderRequired fault, before anything runs.
 */
public final class AddressingRequired extends AbstractSoapInterceptor {

    private static final QName HEADER_REQUIRED =
            new QName("http://www.w3.org/2005/08/addressing", "MessageAddressingHeaderRequired");

    private static final QName ACTION = new QName("http://www.w3.org/2005/08/addressing", "Action");

    public AddressingRequired() {
        // On the headers as they came: CXF fills in a default Action later when none was sent.
        super(Phase.READ);
        addAfter(ReadHeadersInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return; // ?wsdl
        }
        boolean hasAction = message.getHeaders().stream().anyMatch(h -> ACTION.equals(h.getName()));
        if (!hasAction) {
            SoapFault fault = new SoapFault("MessageAddressingHeaderRequired: the wsa:Action header is required",
                    message.getVersion().getSender());
            fault.addSubCode(HEADER_REQUIRED);
            throw fault;
        }
    }
}
