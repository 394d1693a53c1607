package no.dhoindex.shared.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jws.WebMethod;
import jakarta.jws.WebService;
import jakarta.xml.ws.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.service.model.BindingInfo;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.InterfaceInfo;
import org.apache.cxf.service.model.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SOAP edge: one identity per message, and the credential of the operation actually dispatched. */
class SoapEdgeTest {

    private static final String WSA = "http://www.w3.org/2005/08/addressing";
    private static final String NS = "urn:test";

    @WebService(targetNamespace = NS)
    interface Port {
        @WebMethod(operationName = "Read")
        @Action(input = "urn:test:read")
        String read(String in);

        @WebMethod(operationName = "Write")
        @Action(input = "urn:test:write")
        String write(String in);
    }

    @Test
    void exactlyOneActionMessageIdAndToPass() {
        new AddressingHeaders().handleMessage(message("Action", "MessageID", "To"));
    }

    @Test
    void aSecondActionMessageIdOrToIsASenderFault() {
        for (String twice : List.of("Action", "MessageID", "To")) {
            List<String> headers = new ArrayList<>(List.of("Action", "MessageID", "To"));
            headers.add(twice);
            SoapFault fault = assertThrows(SoapFault.class,
                    () -> new AddressingHeaders().handleMessage(message(headers.toArray(String[]::new))));
            assertEquals(400, fault.getStatusCode());
            assertEquals(Soap12.getInstance().getSender(), fault.getFaultCode());
            assertTrue(fault.getSubCodes().contains(new QName(WSA, "InvalidAddressingHeader")), twice);
        }
    }

    @Test
    void aMissingActionMessageIdOrToIsASenderFault() {
        for (String missing : List.of("Action", "MessageID", "To")) {
            List<String> headers = new ArrayList<>(List.of("Action", "MessageID", "To"));
            headers.remove(missing);
            SoapFault fault = assertThrows(SoapFault.class,
                    () -> new AddressingHeaders().handleMessage(message(headers.toArray(String[]::new))));
            assertEquals(400, fault.getStatusCode());
            assertTrue(fault.getSubCodes().contains(new QName(WSA, "MessageAddressingHeaderRequired")), missing);
        }
    }

    @Test
    void anEndpointMustListEveryOperationOfItsPort() {
        OperationSecurity onlyRead = OperationSecurity.builder().operation("urn:test:read", Credential.PUBLIC).build();
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> onlyRead.forPort(Port.class));
        assertTrue(missing.getMessage().contains("Write"), missing.getMessage());
        OperationSecurity typo = OperationSecurity.builder().operation("urn:test:read", Credential.PUBLIC)
                .operation("urn:test:write", Credential.PUBLIC).operation("urn:test:wrte", Credential.PUBLIC).build();
        assertThrows(IllegalStateException.class, () -> typo.forPort(Port.class));
    }

    @Test
    void theCredentialOfTheDispatchedOperationIsChecked() {
        List<String> checked = new ArrayList<>();
        Credential refuse = message -> {
            checked.add("write");
            throw new SoapFault("no token", Soap12.getInstance().getSender());
        };
        OperationGuard guard = new OperationGuard(OperationSecurity.builder()
                .operation("urn:test:read", message -> checked.add("read"))
                .operation("urn:test:write", refuse).build().forPort(Port.class));

        // The Action header may say "read": what counts is the operation CXF dispatched to.
        assertThrows(SoapFault.class, () -> guard.handleMessage(dispatched("Write")));
        assertEquals(List.of("write"), checked);
        guard.handleMessage(dispatched("Read"));
        assertEquals(List.of("write", "read"), checked);
    }

    @Test
    void aMessageDispatchedToNoListedOperationIsRefused() {
        OperationGuard guard = new OperationGuard(Map.of());
        SoapFault none = assertThrows(SoapFault.class, () -> guard.handleMessage(message("Action")));
        assertEquals(400, none.getStatusCode());
        assertThrows(SoapFault.class, () -> guard.handleMessage(dispatched("Read")));
    }

    @Test
    void theSecurityHeaderIsUnderstoodOnlyWhereAnOperationReadsIt() {
        var xua = new XuaIn(() -> "aud", java.nio.file.Path.of("missing"), no.dhoindex.shared.xua.XuaPolicy.of(
                null, null, null, java.util.Set.of("TREAT")));
        assertEquals(java.util.Set.of(XuaHeader.SECURITY), new OperationGuard(Map.of("Read", xua)).getUnderstoodHeaders());
        assertEquals(java.util.Set.of(), new OperationGuard(Map.of("Read", Credential.PUBLIC)).getUnderstoodHeaders());
    }

    @Test
    void unreadableInputIsASenderFaultWithoutParserInternals() {
        SoapMessage fault = message();
        fault.getExchange().setInMessage(message());
        fault.setContent(Exception.class, new org.apache.cxf.interceptor.Fault(new javax.xml.stream.XMLStreamException(
                "Unexpected character 'x' (code 120) in prolog; expected '<' at [row,col {unknown-source}]: [1,1]")));
        new InputFaults().handleMessage(fault);
        SoapFault clean = (SoapFault) fault.getContent(Exception.class);
        assertEquals(400, clean.getStatusCode());
        assertEquals(Soap12.getInstance().getSender(), clean.getFaultCode());
        assertEquals("The message is not well-formed XML or does not fit the operation", clean.getMessage());

        SoapMessage tooLarge = message();
        tooLarge.setContent(Exception.class, new org.apache.cxf.interceptor.Fault(
                new no.dhoindex.shared.http.RequestSizeLimit.TooLarge(1024)));
        new InputFaults().handleMessage(tooLarge);
        assertEquals(413, ((SoapFault) tooLarge.getContent(Exception.class)).getStatusCode());
    }

    @Test
    void aFaultOfTheServiceItselfIsLeftAsItIs() {
        SoapMessage message = message();
        message.getExchange().put(InputFaults.DISPATCHED, Boolean.TRUE);
        Exception own = new org.apache.cxf.interceptor.Fault(new javax.xml.stream.XMLStreamException("writing"));
        message.setContent(Exception.class, own);
        new InputFaults().handleMessage(message);
        assertTrue(message.getContent(Exception.class) == own);
    }

    @Test
    void behindTheGatewaysFilterTheOperationNeedsTheCallerItVerified() {
        java.util.Map<String, Object> attributes = new java.util.HashMap<>();
        jakarta.servlet.http.HttpServletRequest request = (jakarta.servlet.http.HttpServletRequest)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[]{jakarta.servlet.http.HttpServletRequest.class}, (proxy, method, args) ->
                                "getAttribute".equals(method.getName()) ? attributes.get((String) args[0]) : null);
        SoapMessage message = message();
        message.put(org.apache.cxf.transport.http.AbstractHTTPDestination.HTTP_REQUEST, request);
        SoapFault none = assertThrows(SoapFault.class, () -> new FilterVerifiedCaller("caller").verify(message));
        assertEquals(401, none.getStatusCode());

        var caller = new no.dhoindex.shared.trust.VerifiedCaller("jti", "sub", null, "9144897", "client", "Client",
                null, "974589095", java.util.Set.of(), 4, null, "thumbprint", java.time.Instant.now());
        attributes.put("caller", caller);
        new FilterVerifiedCaller("caller").verify(message);
        assertEquals(caller, message.getExchange().get(no.dhoindex.shared.trust.VerifiedCaller.class));
    }

    private static SoapMessage message(String... addressingHeaders) {
        SoapMessage message = new SoapMessage(new MessageImpl());
        message.setVersion(Soap12.getInstance());
        message.setExchange(new ExchangeImpl());
        Document document = DOMUtils.createDocument();
        for (String name : addressingHeaders) {
            Element element = document.createElementNS(WSA, "a:" + name);
            element.setTextContent("urn:test:read");
            message.getHeaders().add(new Header(new QName(WSA, name), element));
        }
        return message;
    }

    private static SoapMessage dispatched(String operation) {
        SoapMessage message = message("Action", "MessageID", "To");
        ServiceInfo service = new ServiceInfo();
        InterfaceInfo port = new InterfaceInfo(service, new QName(NS, "Port"));
        port.addOperation(new QName(NS, operation));
        BindingInfo binding = new BindingInfo(service, "soap12");
        BindingOperationInfo info = binding.buildOperation(new QName(NS, operation), null, null);
        message.getExchange().put(BindingOperationInfo.class, info);
        return message;
    }
}
