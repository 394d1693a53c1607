package no.dhoindex.registry.interfaces.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import no.dhoindex.shared.xua.XuaClaims;
import org.apache.cxf.jaxws.context.WrappedMessageContext;
import no.dhoindex.registry.interfaces.soap.iti18.RegistryStoredQueryTransaction;
import no.dhoindex.registry.interfaces.soap.iti42.RegisterDocumentSetTransaction;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/** The registry port's implementation: hands each transaction to its own package. */
@WebService(serviceName = "DocumentRegistry_Service", portName = "DocumentRegistry_Port_Soap12",
        targetNamespace = "urn:ihe:iti:xds-b:2007",
        endpointInterface = "no.dhoindex.registry.interfaces.soap.DocumentRegistryPortType")
public class DocumentRegistryService implements DocumentRegistryPortType {

    private final RegisterDocumentSetTransaction iti42;
    private final RegisterDocumentSetTransaction iti61;
    private final RegistryStoredQueryTransaction iti18;

    /** This call's context, injected by CXF when the endpoint is published. */
    @Resource
    private WebServiceContext context;

    public DocumentRegistryService(RegisterDocumentSetTransaction iti42, RegisterDocumentSetTransaction iti61,
                                   RegistryStoredQueryTransaction iti18) {
        this.iti42 = iti42;
        this.iti61 = iti61;
        this.iti18 = iti18;
    }

    @Override
    public RegistryResponseType documentRegistryRegisterOnDemandDocumentEntry(SubmitObjectsRequest body) {
        return iti61.handle(body);
    }

    @Override
    public RegistryResponseType documentRegistryRegisterDocumentSetB(SubmitObjectsRequest body) {
        return iti42.handle(body);
    }

    @Override
    public AdhocQueryResponse documentRegistryRegistryStoredQuery(AdhocQueryRequest body) {
        return iti18.handle(body, claims());
    }

    /** The XUA claims XuaIn verified and left on this call's exchange (null: none). */
    private XuaClaims claims() {
        MessageContext call = context == null ? null : context.getMessageContext();
        return call instanceof WrappedMessageContext wrapped
                ? wrapped.getWrappedMessage().getExchange().get(XuaClaims.class) : null;
    }
}
