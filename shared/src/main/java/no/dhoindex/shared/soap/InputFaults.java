package no.dhoindex.shared.soap;

import java.util.logging.Logger;
import javax.xml.stream.XMLStreamException;
import no.dhoindex.shared.http.RequestSizeLimit;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;

/**
 * A request the endpoint cannot read is the sender's fault: malformed XML, a body that does not fit
 * the operation, a broken MIME package are answered with a SOAP 1.2 Sender fault and HTTP 400, a
 * body past the size limit with 413. The reason names the class of problem only: parser messages
 * (positions, class names, what the parser expected) stay in the log.
 */
final class InputFaults extends AbstractSoapInterceptor {

    private static final Logger LOG = Logger.getLogger(InputFaults.class.getName());

    /** Exchange key set once the operation's credential is checked: later faults are the service's own. */
    static final String DISPATCHED = InputFaults.class.getName() + ".dispatched";

    InputFaults() {
        // First of the fault chain: before WS-Addressing names the fault's Action after the exception's
        // class, and before the fault is written (MARSHAL) and its HTTP status taken from it.
        super(Phase.SETUP);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception exception = message.getContent(Exception.class);
        if (exception == null) {
            return;
        }
        RequestSizeLimit.TooLarge tooLarge = RequestSizeLimit.tooLarge(exception);
        if (tooLarge != null) {
            replace(message, exception, tooLarge.getMessage(), 413);
            return;
        }
        Exchange exchange = message.getExchange();
        if (exchange != null && Boolean.TRUE.equals(exchange.get(DISPATCHED))) {
            return;
        }
        String reason = reason(exception, exchange == null ? null : exchange.getInMessage());
        if (reason != null) {
            replace(message, exception, reason, 400);
        }
    }

    private static String reason(Exception exception, Message in) {
        boolean multipart = in != null && String.valueOf(in.get(Message.CONTENT_TYPE)).toLowerCase().contains("multipart/");
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The XML parser and the binding report alike (an unclosed tag surfaces as an unmarshalling error).
            if (t instanceof XMLStreamException || t instanceof org.xml.sax.SAXException
                    || t instanceof jakarta.xml.bind.JAXBException) {
                return "The message is not well-formed XML or does not fit the operation";
            }
            if (multipart && t instanceof java.io.IOException) {
                return "The message is not a well-formed MIME package";
            }
        }
        return null;
    }

    private static void replace(SoapMessage message, Exception original, String reason, int status) {
        LOG.info(() -> "event=soap-bad-input status=" + status + " reason=\"" + reason + "\" detail=\""
                + String.valueOf(original.getMessage()).replace('"', '\'') + "\"");
        SoapFault fault = new SoapFault(reason, Soap12.getInstance().getSender());
        fault.setStatusCode(status);
        message.setContent(Exception.class, fault);
    }
}
