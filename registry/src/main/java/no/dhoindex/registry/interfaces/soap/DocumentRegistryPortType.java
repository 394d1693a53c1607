package no.dhoindex.registry.interfaces.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.xml.bind.annotation.XmlSeeAlso;
import jakarta.xml.ws.Action;
import org.apache.cxf.annotations.DataBinding;
import no.dhoindex.shared.soap.StreamedAnswers;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.RemoveObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * The XDS.b Document Registry port (IHE's XDS.b_DocumentRegistry.wsdl): ITI-42, ITI-61 (on-demand
 * entries), ITI-57 (metadata update), ITI-92 (restricted update), ITI-62 (remove metadata) and ITI-18
 * on one SOAP 1.2 endpoint, told apart by their WS-Addressing actions.
 */
@WebService(targetNamespace = "urn:ihe:iti:xds-b:2007", name = "DocumentRegistry_PortType",
        portName = "DocumentRegistry_Port_Soap12")
@XmlSeeAlso({
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.ObjectFactory.class})
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
// IPF's binding, but stored-query answers written from the domain answer (StreamedQueryResponse).
@DataBinding(StreamedAnswers.class)
public interface DocumentRegistryPortType {

    String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    String NS_LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    String NS_QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

    @WebMethod(operationName = "DocumentRegistry_RegisterDocumentSet-b")
    @Action(input = "urn:ihe:iti:2007:RegisterDocumentSet-b", output = "urn:ihe:iti:2007:RegisterDocumentSet-bResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = NS_RS, partName = "body")
    RegistryResponseType documentRegistryRegisterDocumentSetB(
            @WebParam(partName = "body", name = "SubmitObjectsRequest", targetNamespace = NS_LCM)
            SubmitObjectsRequest body);

    @WebMethod(operationName = "DocumentRegistry_RegisterOnDemandDocumentEntry")
    @Action(input = "urn:ihe:iti:2010:RegisterOnDemandDocumentEntry",
            output = "urn:ihe:iti:2010:RegisterOnDemandDocumentEntryResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = NS_RS, partName = "body")
    RegistryResponseType documentRegistryRegisterOnDemandDocumentEntry(
            @WebParam(partName = "body", name = "SubmitObjectsRequest", targetNamespace = NS_LCM)
            SubmitObjectsRequest body);

    @WebMethod(operationName = "DocumentRegistry_DeleteDocumentSet")
    @Action(input = "urn:ihe:iti:2010:DeleteDocumentSet", output = "urn:ihe:iti:2010:DeleteDocumentSetResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = NS_RS, partName = "body")
    RegistryResponseType documentRegistryDeleteDocumentSet(
            @WebParam(partName = "body", name = "RemoveObjectsRequest", targetNamespace = NS_LCM)
            RemoveObjectsRequest body);

    @WebMethod(operationName = "DocumentRegistry_UpdateDocumentSet")
    @Action(input = "urn:ihe:iti:2010:UpdateDocumentSet", output = "urn:ihe:iti:2010:UpdateDocumentSetResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = NS_RS, partName = "body")
    RegistryResponseType documentRegistryUpdateDocumentSet(
            @WebParam(partName = "body", name = "SubmitObjectsRequest", targetNamespace = NS_LCM)
            SubmitObjectsRequest body);

    /** ITI-92 (RMU's Update Responder) on the same endpoint: told apart from the others by its action. */
    @WebMethod(operationName = "UpdateResponder_RestrictedUpdateDocumentSet")
    @Action(input = "urn:ihe:iti:2018:RestrictedUpdateDocumentSet",
            output = "urn:ihe:iti:2018:RestrictedUpdateDocumentSetResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = NS_RS, partName = "body")
    RegistryResponseType restrictedUpdateDocumentSet(
            @WebParam(partName = "body", name = "SubmitObjectsRequest", targetNamespace = NS_LCM)
            SubmitObjectsRequest body);

    @WebMethod(operationName = "DocumentRegistry_RegistryStoredQuery")
    @Action(input = "urn:ihe:iti:2007:RegistryStoredQuery", output = "urn:ihe:iti:2007:RegistryStoredQueryResponse")
    @WebResult(name = "AdhocQueryResponse", targetNamespace = NS_QUERY, partName = "body")
    AdhocQueryResponse documentRegistryRegistryStoredQuery(
            @WebParam(partName = "body", name = "AdhocQueryRequest", targetNamespace = NS_QUERY)
            AdhocQueryRequest body);
}
