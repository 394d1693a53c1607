package no.dhoindex.gateway.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebServlet;
import java.io.IOException;
import no.dhoindex.gateway.federation.FederatedRetrieval;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.interfaces.AnswerBuffer;
import no.dhoindex.gateway.security.GatewayCaller;
import no.dhoindex.gateway.security.GatewayTrust;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.soap.Credential;
import no.dhoindex.shared.soap.FilterVerifiedCaller;
import no.dhoindex.shared.soap.OperationSecurity;
import no.dhoindex.shared.soap.SoapEndpoints;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.cxf.ws.policy.PolicyEngine;

/** The gateway's SOAP endpoint {@code /services/xca}: ITI-18 and ITI-43 in (SOAP 1.2, MTOM, WS-Addressing). */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1)
public class GatewayServlet extends CXFNonSpringServlet {

    @Inject
    Federation federation;

    @Inject
    FederatedRetrieval retrieval;

    @Inject
    PatientAccess patients;

    @Inject
    GatewayTrust trust;

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        Bus bus = getBus();
        BusFactory.setDefaultBus(bus);
        withoutPolicies(bus);
        bus.getOutInterceptors().add(new QueryAnswerFormat());
        // Health personnel's DPoP-bound token, verified by CallerGate for the whole HTTP request.
        Credential user = trust.required() ? new FilterVerifiedCaller(GatewayCaller.VERIFIED_CALLER)
                : Credential.unchecked("dho.gateway.security=off");
        SoapEndpoints.publish(bus, "/xca", InitiatingGatewayPortType.class,
                new InitiatingGatewayService(federation, retrieval, patients), true, OperationSecurity.builder()
                        .operation("urn:ihe:iti:2007:RegistryStoredQuery", user)
                        .operation("urn:ihe:iti:2007:RetrieveDocumentSet", user)
                        .build());
    }

    /** Every answer written into a buffer of {@link AnswerBuffer#BYTES}, not the container's 8 KiB blocks. */
    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        AnswerBuffer.size(response);
        super.service(request, response);
    }

    /**
     * No WS-Policy on the endpoint's bus (none is published or asserted; WS-Addressing is required by the endpoint's
     * own interceptors): the policy engine's interceptors ran on every message in and out for nothing (JFR), as on
     * the registry's bus and the gateway's clients'.
     */
    static void withoutPolicies(Bus bus) {
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
    }
}
