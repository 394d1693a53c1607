package no.dhoindex.adapters.interfaces.soap;

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

/** The XCA Responding Gateway port: ITI-38 and ITI-39 on one SOAP 1.2 + MTOM endpoint. */
@WebService(targetNamespace = "urn:ihe:iti:xds-b:2007", name = "RespondingGateway_PortType",
        portName = "RespondingGateway_Port_Soap12")
@XmlSeeAlso({
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.ObjectFactory.class})
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
// IPF's binding, but stored-query answers written from the domain answer (StreamedQueryResponse).
@DataBinding(StreamedAnswers.class)
public interface RespondingGatewayPortType {

    String NS_QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    String NS_XDSB = "urn:ihe:iti:xds-b:2007";

    @WebMethod(operationName = "RespondingGateway_CrossGatewayQuery")
    @Action(input = "urn:ihe:iti:2007:CrossGatewayQuery", output = "urn:ihe:iti:2007:CrossGatewayQueryResponse")
    @WebResult(name = "AdhocQueryResponse", targetNamespace = NS_QUERY, partName = "body")
    AdhocQueryResponse respondingGatewayCrossGatewayQuery(
            @WebParam(partName = "body", name = "AdhocQueryRequest", targetNamespace = NS_QUERY) AdhocQueryRequest body);

    @WebMethod(operationName = "RespondingGateway_CrossGatewayRetrieve")
    @Action(input = "urn:ihe:iti:2007:CrossGatewayRetrieve", output = "urn:ihe:iti:2007:CrossGatewayRetrieveResponse")
    @WebResult(name = "RetrieveDocumentSetResponse", targetNamespace = NS_XDSB, partName = "body")
    RetrieveDocumentSetResponseType respondingGatewayCrossGatewayRetrieve(
            @WebParam(partName = "body", name = "RetrieveDocumentSetRequest", targetNamespace = NS_XDSB)
            RetrieveDocumentSetRequestType body);
}
