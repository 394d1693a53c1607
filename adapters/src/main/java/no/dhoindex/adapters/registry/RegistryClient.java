package no.dhoindex.adapters.registry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.soap.SOAPBinding;
import java.util.List;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.soap.SystemTokenOut;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.openehealth.ipf.commons.ihe.xds.iti42.Iti42PortType;
import org.openehealth.ipf.commons.ihe.xds.iti61.Iti61PortType;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * Publishes this organisation's pointers to the regional registry over ITI-42 / ITI-61 (SOAP 1.2,
 * WS-Addressing, with connect and read timeouts). A refusal comes back as {@link XdsRefusal}.
 */
@ApplicationScoped
public class RegistryClient {

    private static final Logger LOG = Logger.getLogger(RegistryClient.class.getName());
    private static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";

    @Inject
    OrganisationSettings settings;

    @Inject
    OrganisationTrust trust;

    private Iti42PortType port;
    private Iti61PortType onDemand;

    @PostConstruct
    void connect() {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(Iti42PortType.class);
        factory.setAddress(settings.registryUrl().toString());
        factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        factory.getFeatures().add(new WSAddressingFeature());
        // Every registration under this organisation's own client-credentials token (fail closed without one).
        SystemTokenOut credentials = new SystemTokenOut(trust.registering());
        factory.getOutInterceptors().add(credentials);
        port = factory.create(Iti42PortType.class);
        timeouts(port);
        JaxWsProxyFactoryBean onDemandFactory = new JaxWsProxyFactoryBean();
        onDemandFactory.setServiceClass(Iti61PortType.class);
        onDemandFactory.setAddress(settings.registryUrl().toString());
        onDemandFactory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        onDemandFactory.getFeatures().add(new WSAddressingFeature());
        onDemandFactory.getOutInterceptors().add(credentials);
        onDemand = onDemandFactory.create(Iti61PortType.class);
        timeouts(onDemand);
    }

    private void timeouts(Object proxy) {
        Client client = ClientProxy.getClient(proxy);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(settings.outboundTimeout().toMillis());
        policy.setReceiveTimeout(settings.outboundTimeout().toMillis());
        policy.setAllowChunking(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    /** Registers the submission; throws the registry's first error when it refuses. */
    public void register(Submission submission) {
        RegistryResponseType response;
        try {
            var request = XdsMessages.writeSubmission(submission);
            // On-demand entries go by ITI-61 (Register On-Demand Document Entry), stable ones by ITI-42.
            boolean onDemandEntries = submission.documents().stream()
                    .anyMatch(d -> d.type() == DocumentEntryType.ON_DEMAND);
            response = onDemandEntries ? onDemand.documentRegistryRegisterOnDemandDocumentEntry(request)
                    : port.documentRegistryRegisterDocumentSetB(request);
        } catch (RuntimeException e) {
            LOG.warning(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                    + " outcome=unreachable reason=\"" + e.getMessage() + "\"");
            throw new XdsRefusal(XdsErrorCode.REGISTRY_ERROR, "The registry could not be reached: " + e.getMessage());
        }
        if (!SUCCESS.equals(response.getStatus())) {
            var errors = response.getRegistryErrorList() == null ? List.<org.openehealth.ipf.commons.ihe.xds.core.stub
                    .ebrs30.rs.RegistryError>of() : response.getRegistryErrorList().getRegistryError();
            String code = errors.isEmpty() ? XdsErrorCode.REGISTRY_ERROR.code() : errors.get(0).getErrorCode();
            String text = errors.isEmpty() ? "the registry refused the submission" : errors.get(0).getCodeContext();
            LOG.info(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                    + " outcome=refused error=" + code);
            throw new XdsRefusal(errorCode(code), text);
        }
        LOG.info(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                + " documents=" + submission.documents().size() + " outcome=success");
    }

    private static XdsErrorCode errorCode(String code) {
        for (XdsErrorCode c : XdsErrorCode.values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        return XdsErrorCode.REGISTRY_ERROR;
    }
}
