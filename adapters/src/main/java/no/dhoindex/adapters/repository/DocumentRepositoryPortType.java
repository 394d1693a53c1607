package no.dhoindex.adapters.repository;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.xml.bind.annotation.XmlSeeAlso;
import jakarta.xml.ws.Action;
import org.apache.cxf.annotations.DataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ProvideAndRegisterDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RemoveDocumentsRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.RemoveObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * The XDS.b Document Repository port: ITI-41, ITI-43 and ITI-86 on one SOAP 1.2 + MTOM endpoint, and
 * ITI-62 and ITI-57 (status updates) from the organisation's own systems, forwarded to the registry under
 * the adapter's credentials.
 */
@WebService(targetNamespace = "urn:ihe:iti:xds-b:2007", name = "DocumentRepository_PortType",
        portName = "DocumentRepository_Port_Soap12")
@XmlSeeAlso({
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.ObjectFactory.class,
        org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.ObjectFactory.class})
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
@DataBinding(XdsJaxbDataBinding.class)
public interface DocumentRepositoryPortType {

    String NS_XDSB = "urn:ihe:iti:xds-b:2007";

    @WebMethod(operationName = "DocumentRepository_ProvideAndRegisterDocumentSet-b")
    @Action(input = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b",
            output = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0",
            partName = "body")
    RegistryResponseType documentRepositoryProvideAndRegisterDocumentSetB(
            @WebParam(partName = "body", name = "ProvideAndRegisterDocumentSetRequest", targetNamespace = NS_XDSB)
            ProvideAndRegisterDocumentSetRequestType body);

    @WebMethod(operationName = "DocumentRepository_RetrieveDocumentSet")
    @Action(input = "urn:ihe:iti:2007:RetrieveDocumentSet", output = "urn:ihe:iti:2007:RetrieveDocumentSetResponse")
    @WebResult(name = "RetrieveDocumentSetResponse", targetNamespace = NS_XDSB, partName = "body")
    RetrieveDocumentSetResponseType documentRepositoryRetrieveDocumentSet(
            @WebParam(partName = "body", name = "RetrieveDocumentSetRequest", targetNamespace = NS_XDSB)
            RetrieveDocumentSetRequestType body);

    @WebMethod(operationName = "DocumentRepository_RemoveDocuments")
    @Action(input = "urn:ihe:iti:2017:RemoveDocuments", output = "urn:ihe:iti:2017:RemoveDocumentsResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0",
            partName = "body")
    RegistryResponseType documentRepositoryRemoveDocuments(
            @WebParam(partName = "body", name = "RemoveDocumentsRequest", targetNamespace = "urn:ihe:iti:rmd:2017")
            RemoveDocumentsRequestType body);

    @WebMethod(operationName = "DocumentRegistry_DeleteDocumentSet")
    @Action(input = "urn:ihe:iti:2010:DeleteDocumentSet", output = "urn:ihe:iti:2010:DeleteDocumentSetResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0",
            partName = "body")
    RegistryResponseType documentRegistryDeleteDocumentSet(
            @WebParam(partName = "body", name = "RemoveObjectsRequest",
                    targetNamespace = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0")
            RemoveObjectsRequest body);

    @WebMethod(operationName = "DocumentRegistry_UpdateDocumentSet")
    @Action(input = "urn:ihe:iti:2010:UpdateDocumentSet", output = "urn:ihe:iti:2010:UpdateDocumentSetResponse")
    @WebResult(name = "RegistryResponse", targetNamespace = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0",
            partName = "body")
    RegistryResponseType documentRegistryUpdateDocumentSet(
            @WebParam(partName = "body", name = "SubmitObjectsRequest",
                    targetNamespace = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0")
            org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest body);
}
