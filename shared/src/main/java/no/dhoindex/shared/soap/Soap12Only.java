package no.dhoindex.shared.soap;

import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;

/**
 * The IHE transactions are SOAP 1.2 (ITI TF-2x V.3.2): a SOAP 1.1 envelope gets a VersionMismatch
 * fault instead of being processed.
 */
public final class Soap12Only extends AbstractSoapInterceptor {

    public Soap12Only() {
        super(Phase.READ);
        addAfter(ReadHeadersInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return; // ?wsdl
        }
        if (message.getVersion() != Soap12.getInstance()) {
            throw new SoapFault("Only SOAP 1.2 is accepted", message.getVersion().getVersionMismatch());
        }
    }
}
