package no.dhoindex.registry.interfaces.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xua.XuaClaims;
import org.apache.cxf.jaxws.context.WrappedMessageContext;
import no.dhoindex.registry.interfaces.soap.iti18.RegistryStoredQueryTransaction;
import no.dhoindex.registry.interfaces.soap.iti42.RegisterDocumentSetTransaction;
import no.dhoindex.registry.interfaces.soap.iti57.UpdateDocumentSetTransaction;
import no.dhoindex.registry.interfaces.soap.iti62.RemoveMetadataTransaction;
import no.dhoindex.registry.interfaces.soap.iti92.RestrictedUpdateDocumentSetTransaction;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.RemoveObjectsRequest;
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
    private final RemoveMetadataTransaction iti62;
    private final UpdateDocumentSetTransaction iti57;
    private final RestrictedUpdateDocumentSetTransaction iti92;

    /** This call's context, injected by CXF when the endpoint is published. */
    @Resource
    private WebServiceContext context;

    public DocumentRegistryService(RegisterDocumentSetTransaction iti42, RegisterDocumentSetTransaction iti61,
                                   RegistryStoredQueryTransaction iti18, RemoveMetadataTransaction iti62,
                                   UpdateDocumentSetTransaction iti57, RestrictedUpdateDocumentSetTransaction iti92) {
        this.iti42 = iti42;
        this.iti61 = iti61;
        this.iti18 = iti18;
        this.iti62 = iti62;
        this.iti57 = iti57;
        this.iti92 = iti92;
    }

    @Override
    public RegistryResponseType documentRegistryDeleteDocumentSet(RemoveObjectsRequest body) {
        return iti62.handle(body, exchange(VerifiedCaller.class));
    }

    @Override
    public RegistryResponseType documentRegistryUpdateDocumentSet(SubmitObjectsRequest body) {
        return iti57.handle(body, exchange(VerifiedCaller.class));
    }

    @Override
    public RegistryResponseType restrictedUpdateDocumentSet(SubmitObjectsRequest body) {
        return iti92.handle(body, exchange(VerifiedCaller.class));
    }

    @Override
    public RegistryResponseType documentRegistryRegisterOnDemandDocumentEntry(SubmitObjectsRequest body) {
        return iti61.handle(body, exchange(VerifiedCaller.class));
    }

    @Override
    public RegistryResponseType documentRegistryRegisterDocumentSetB(SubmitObjectsRequest body) {
        return iti42.handle(body, exchange(VerifiedCaller.class));
    }

    @Override
    public AdhocQueryResponse documentRegistryRegistryStoredQuery(AdhocQueryRequest body) {
        return iti18.handle(body, exchange(XuaClaims.class));
    }

    /**
     * What this call's credential check verified and left on its exchange (XuaIn: the XUA claims;
     * SystemTokenIn: the system's token); null when nothing was. Handed to the transaction as a
     * parameter: nothing below this class looks the caller up.
     */
    private <T> T exchange(Class<T> verified) {
        MessageContext call = context == null ? null : context.getMessageContext();
        return call instanceof WrappedMessageContext wrapped
                ? wrapped.getWrappedMessage().getExchange().get(verified) : null;
    }
}
