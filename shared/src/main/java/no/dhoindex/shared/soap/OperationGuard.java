package no.dhoindex.shared.soap;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;

/**
 * Checks the credential of the operation CXF has dispatched to, after the body is read and before
 * the operation runs, so that the check and the dispatch can never disagree (a second wsa:Action
 * header, a body of another transaction). No dispatched operation, or one without a listed
 * credential, is refused (fail closed).
 */
final class OperationGuard extends AbstractSoapInterceptor {

    private static final Logger LOG = Logger.getLogger(OperationGuard.class.getName());

    private final Map<String, Credential> byOperation;
    private final Set<QName> understood = new HashSet<>();

    OperationGuard(Map<String, Credential> byOperation) {
        // Once the operation is dispatched and its Action checked against it, before it is invoked.
        super(Phase.PRE_INVOKE);
        addAfter(ActionMatchesOperation.class.getName());
        this.byOperation = Map.copyOf(byOperation);
        byOperation.values().forEach(c -> understood.addAll(c.understoodHeaders()));
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return understood;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        Credential credential = operation == null ? null : byOperation.get(operation.getName().getLocalPart());
        if (credential == null) {
            LOG.warning(() -> "event=soap-refused reason=\"no credential listed for the operation\" operation="
                    + (operation == null ? "-" : operation.getName().getLocalPart()));
            SoapFault fault = new SoapFault("The message names no operation of this endpoint",
                    message.getVersion().getSender());
            fault.setStatusCode(400);
            throw fault;
        }
        credential.verify(message);
        message.getExchange().put(InputFaults.DISPATCHED, Boolean.TRUE);
    }
}
