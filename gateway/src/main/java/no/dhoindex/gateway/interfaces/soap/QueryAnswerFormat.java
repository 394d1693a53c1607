package no.dhoindex.gateway.interfaces.soap;

import java.util.List;
import java.util.Locale;
import org.apache.cxf.interceptor.AttachmentOutInterceptor;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * A stored query asked in SIMPLE SOAP is answered in SIMPLE SOAP. The endpoint has MTOM on because ITI-43's answer is
 * MTOM/XOP, but XDS.b answers in the format it was asked in, and the multipart package CXF wrapped around every
 * ITI-18 answer carried nothing (JFR: its prolog alone 5 % of the request threads' CPU). An ITI-18 asked as MTOM is
 * still answered as MTOM; a retrieve always is.
 */
final class QueryAnswerFormat extends AbstractPhaseInterceptor<Message> {

    QueryAnswerFormat() {
        super(Phase.PRE_STREAM);
        addBefore(AttachmentOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        List<?> contents = message.getContent(List.class);
        Exchange exchange = message.getExchange();
        Message in = exchange == null ? null : exchange.getInMessage();
        if (contents != null && contents.size() == 1 && contents.get(0) instanceof AdhocQueryResponse && in != null
                && !isMultipart(in.get(Message.CONTENT_TYPE))) {
            message.put(Message.MTOM_ENABLED, Boolean.FALSE);
        }
    }

    private static boolean isMultipart(Object contentType) {
        return contentType == null || contentType.toString().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
