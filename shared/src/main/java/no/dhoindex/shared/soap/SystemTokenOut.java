package no.dhoindex.shared.soap;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.dhoindex.shared.trust.SystemTokens;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Client side: puts this organisation's system token and a fresh DPoP proof for the call's URL
 * on every outgoing SOAP request's HTTP headers. Without a token nothing is sent (fail closed).
 */
public class SystemTokenOut extends AbstractPhaseInterceptor<Message> {

    private final SystemTokens tokens;

    public SystemTokenOut(SystemTokens tokens) {
        super(Phase.POST_LOGICAL);
        this.tokens = tokens;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleMessage(Message message) {
        URI endpoint = URI.create((String) message.get(Message.ENDPOINT_ADDRESS));
        Map<String, String> credentials;
        try {
            credentials = tokens.headersFor("POST", endpoint);
        } catch (IOException e) {
            throw new Fault(new IOException("no access token for the call to " + endpoint + ": " + e.getMessage(), e));
        }
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        for (Map.Entry<String, String> h : credentials.entrySet()) {
            headers.put(h.getKey(), new ArrayList<>(List.of(h.getValue())));
        }
    }
}
