package no.dhoindex.gateway.xca;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.dhoindex.shared.soap.SharedBindingAddressingCodec;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPConduitFactory;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.openehealth.ipf.commons.ihe.xds.iti39.Iti39PortType;

/**
 * CXF SOAP 1.2 clients for the sources, one per endpoint and deadline (CXF proxies are thread-safe once
 * their request context is thread-local): the gateway's ITI-39 retrieves (MTOM). Its stored queries go through
 * {@link StoredQueryClient}. The read timeout is the source's deadline, so a call
 * abandoned by the fan-out also ends on its own; the correlation id travels as an HTTP header.
 * They live on their own CXF bus ({@link #clientBus()}), not the gateway's endpoint bus.
 */
@ApplicationScoped
public class CommunityClients {

    public static final String CORRELATION_HEADER = "X-Correlation-ID";

    private final Map<String, Iti39PortType> ports = new ConcurrentHashMap<>();
    private final Bus bus = clientBus();

    /**
     * The clients' bus. HTTP through {@link URLConnectionHTTPConduit}: CXF 4.1's default conduit, the JDK
     * HttpClient, costs about twice the gateway's CPU per ITI-38 call (its selector thread, futures and
     * piped body; 62.6 against 33.6 ms per question to 20 communities, bench/results/gateway-call-cpu-20261202.md).
     * No WS-Policy: no source publishes a policy, and its bus interceptors run on every message. Made
     * directly, not by CXFBusFactory, which would make it the JVM's default bus if none is set yet.
     */
    static Bus clientBus() {
        ExtensionManagerBus bus = new ExtensionManagerBus();
        bus.initialize();
        bus.setExtension((HTTPConduitFactory) (transport, b, endpoint, target) ->
                new URLConnectionHTTPConduit(b, endpoint, target), HTTPConduitFactory.class);
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
        // The WS-Addressing headers of every call written through one data binding, not four new ones per call.
        SharedBindingAddressingCodec.installOn(bus);
        return bus;
    }

    @PreDestroy
    void stop() {
        bus.shutdown(false);
    }

    /** ITI-39 to a community, carrying the user's XUA assertion for it (when there is a user). */
    public Iti39PortType crossGatewayRetrieve(URI url, Duration deadline, String correlationId,
                                              java.util.Optional<org.w3c.dom.Element> assertion) {
        return withAssertion(withCorrelation(port(url, deadline), correlationId), assertion);
    }

    private static <T> T withAssertion(T port, java.util.Optional<org.w3c.dom.Element> assertion) {
        // Removed when there is none (security off): CXF's context map refuses a null (a NullPointerException
        // before the call), and this pool thread's context may still hold an earlier caller's assertion.
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        assertion.ifPresentOrElse(a -> context.put(no.dhoindex.shared.soap.XuaHeader.ASSERTION_PROPERTY, a),
                () -> context.remove(no.dhoindex.shared.soap.XuaHeader.ASSERTION_PROPERTY));
        return port;
    }

    private Iti39PortType port(URI url, Duration deadline) {
        return ports.computeIfAbsent(url + " " + deadline.toMillis(), k -> {
            JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
            factory.setBus(bus);
            factory.setServiceClass(Iti39PortType.class);
            factory.setAddress(url.toString());
            factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
            factory.getFeatures().add(new WSAddressingFeature());
            factory.getOutInterceptors().add(new no.dhoindex.shared.soap.XuaOut());
            Iti39PortType port = factory.create(Iti39PortType.class);
            ((SOAPBinding) ((BindingProvider) port).getBinding()).setMTOMEnabled(true);
            ((BindingProvider) port).getRequestContext().put("thread.local.request.context", "true");
            Client client = ClientProxy.getClient(port);
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setConnectionTimeout(Math.min(deadline.toMillis(), 2000));
            policy.setReceiveTimeout(deadline.toMillis());
            policy.setAllowChunking(false);
            // HTTP/1.1 as SOAP stacks speak it (were the JDK HttpClient conduit ever used again, unset it would
            // offer an h2c upgrade with every POST, which no source takes up).
            policy.setVersion("1.1");
            ((HTTPConduit) client.getConduit()).setClient(policy);
            return port;
        });
    }

    private static <T> T withCorrelation(T port, String correlationId) {
        // CXF adds its own headers to this map: it must be mutable.
        Map<String, List<String>> headers = new java.util.HashMap<>();
        headers.put(CORRELATION_HEADER, new java.util.ArrayList<>(List.of(correlationId)));
        ((BindingProvider) port).getRequestContext().put(Message.PROTOCOL_HEADERS, headers);
        return port;
    }
}
