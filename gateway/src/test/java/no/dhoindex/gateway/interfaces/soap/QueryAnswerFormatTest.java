package no.dhoindex.gateway.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.StreamedQueryResponse;
import org.apache.cxf.attachment.AttachmentUtil;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;

/** The endpoint's MTOM (on for ITI-43) stays off for an ITI-18 answer to a query asked in SIMPLE SOAP. */
class QueryAnswerFormatTest {

    private static Message answer(Object body, String requestContentType) {
        Exchange exchange = new ExchangeImpl();
        Message in = new MessageImpl();
        in.put(Message.CONTENT_TYPE, requestContentType);
        exchange.setInMessage(in);
        Message out = new MessageImpl();
        out.put(Message.MTOM_ENABLED, Boolean.TRUE);   // the endpoint's setting
        out.setExchange(exchange);
        exchange.setOutMessage(out);
        out.setContent(List.class, new MessageContentsList(body));
        new QueryAnswerFormat().handleMessage(out);
        return out;
    }

    private static StreamedQueryResponse queryAnswer() {
        return new StreamedQueryResponse(QueryAnswer.success(new QueryResult(List.of(), List.of(), List.of(), List.of())),
                ReturnType.LEAF_CLASS);
    }

    @Test
    void aQueryAskedInSimpleSoapIsAnsweredInSimpleSoap() {
        assertFalse(AttachmentUtil.isMtomEnabled(answer(queryAnswer(),
                "application/soap+xml; charset=UTF-8; action=\"urn:ihe:iti:2007:RegistryStoredQuery\"")));
    }

    @Test
    void aQueryAskedAsMtomIsAnsweredAsMtom() {
        assertTrue(AttachmentUtil.isMtomEnabled(answer(queryAnswer(),
                "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:1\"")));
    }

    @Test
    void aRetrieveIsAlwaysAnsweredAsMtom() {
        assertTrue(AttachmentUtil.isMtomEnabled(answer(new RetrieveDocumentSetResponseType(),
                "application/soap+xml; charset=UTF-8")));
    }
}
