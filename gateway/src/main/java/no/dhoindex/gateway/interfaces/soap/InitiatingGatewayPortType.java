package no.dhoindex.gateway.interfaces.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.xml.bind.annotation.XmlSeeAlso;
import jakarta.xml.ws.Action;
import org.apache.cxf.annotations.DataBinding;
import no.dhoindex.shared.soap.StreamedAnswers;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/** The gateway port for clinicians' systems: ITI-18 and ITI-43 on one SOAP 1.2 + MTOM endpoint. */
@WebService(targetNamespace = "urn:ihe:iti:xds-b:2007", name = "InitiatingGateway_PortType",
        portName = "InitiatingGateway_Port_Soap12")
@XmlSeeAlso({
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.ObjectFactory.class})
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
// IPF's binding, but the merged answer written from the domain answer (StreamedQueryResponse).
@DataBinding(StreamedAnswers.class)
public interface InitiatingGatewayPortType {

    String NS_QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    String NS_XDSB = "urn:ihe:iti:xds-b:2007";

    @WebMethod(operationName = "DocumentRegistry_RegistryStoredQuery")
    @Action(input = "urn:ihe:iti:2007:RegistryStoredQuery", output = "urn:ihe:iti:2007:RegistryStoredQueryResponse")
    @WebResult(name = "AdhocQueryResponse", targetNamespace = NS_QUERY, partName = "body")
    AdhocQueryResponse registryStoredQuery(
            @WebParam(partName = "body", name = "AdhocQueryRequest", targetNamespace = NS_QUERY) AdhocQueryRequest body);

    @WebMethod(operationName = "DocumentRepository_RetrieveDocumentSet")
    @Action(input = "urn:ihe:iti:2007:RetrieveDocumentSet", output = "urn:ihe:iti:2007:RetrieveDocumentSetResponse")
    @WebResult(name = "RetrieveDocumentSetResponse", targetNamespace = NS_XDSB, partName = "body")
    RetrieveDocumentSetResponseType retrieveDocumentSet(
            @WebParam(partName = "body", name = "RetrieveDocumentSetRequest", targetNamespace = NS_XDSB)
            RetrieveDocumentSetRequestType body);
}
