package no.dhoindex.gateway.interfaces.soap;

import java.util.logging.Logger;
import javax.xml.namespace.QName;
import no.dhoindex.shared.access.AccessDenied;
import org.apache.cxf.interceptor.Fault;

/**
 * The gateway's one writer of SOAP access refusals: a SOAP 1.2 Sender fault with HTTP 403 and its
 * reason, nothing internal. XDS errors travel inside the answers, written by the ebXML edges
 * ({@code XdsMessages} for queries, {@code RetrieveMessages} for retrieves).
 */
final class SoapRefusals {

    private static final Logger LOG = Logger.getLogger(SoapRefusals.class.getName());

    private SoapRefusals() {
    }

    static Fault forbidden(AccessDenied refusal, String correlationId) {
        LOG.warning(() -> "event=access-refused correlation=" + correlationId + " check=" + refusal.check()
                + " reason=\"" + refusal.getMessage() + "\"");
        Fault fault = new Fault(new IllegalArgumentException(refusal.getMessage()));
        fault.setFaultCode(new QName("http://www.w3.org/2003/05/soap-envelope", "Sender"));
        fault.setStatusCode(403);
        return fault;
    }
}
