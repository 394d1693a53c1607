package no.dhoindex.shared.soap;

import jakarta.jws.WebMethod;
import jakarta.xml.ws.Action;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.w3c.dom.Element;

/**
 * Dispatch is by WS-Addressing Action (ITI TF-2x V.3.2): the body must be the one of the
 * transaction the Action names. CXF would otherwise run whichever operation the body element
 * matches, whatever the Action says.
 */
public final class ActionMatchesOperation extends AbstractSoapInterceptor {

    private static final QName ACTION = new QName("http://www.w3.org/2005/08/addressing", "Action");
    private static final QName NOT_SUPPORTED = new QName("http://www.w3.org/2005/08/addressing", "ActionNotSupported");

    private final Map<String, String> actionsByOperation = new HashMap<>();

    public ActionMatchesOperation(Class<?> port) {
        super(Phase.PRE_INVOKE);
        for (Method method : port.getMethods()) {
            WebMethod webMethod = method.getAnnotation(WebMethod.class);
            Action action = method.getAnnotation(Action.class);
            if (webMethod != null && action != null) {
                actionsByOperation.put(webMethod.operationName(), action.input());
            }
        }
    }

    @Override
    public void handleMessage(SoapMessage message) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        if (operation == null) {
            return;
        }
        String expected = actionsByOperation.get(operation.getName().getLocalPart());
        String received = null;
        for (Header header : message.getHeaders()) {
            if (ACTION.equals(header.getName()) && header.getObject() instanceof Element e) {
                received = e.getTextContent().trim();
            }
        }
        if (expected != null && !expected.equals(received)) {
            SoapFault fault = new SoapFault("ActionNotSupported: action " + received
                    + " does not name the transaction of the message body", message.getVersion().getSender());
            fault.addSubCode(NOT_SUPPORTED);
            throw fault;
        }
    }
}
