package no.dhoindex.adapters.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import no.dhoindex.adapters.repository.DocumentRepositoryPortType;
import no.dhoindex.adapters.repository.ProvideAndRegister;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.adapters.xca.CrossGatewayQuery;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import no.dhoindex.shared.soap.SoapEndpoints;
import no.dhoindex.shared.soap.XuaIn;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * The organisation's SOAP endpoints under {@code /services}: {@code /repository} (ITI-41/43,
 * SOAP 1.2 + MTOM) and {@code /xca} (ITI-38/39). WS-Addressing required.
 */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1)
public class AdapterServlet extends CXFNonSpringServlet {

    @Inject
    ProvideAndRegister provide;

    @Inject
    RetrieveDocuments retrieve;

    @Inject
    CrossGatewayQuery crossGatewayQuery;

    @Inject
    OrganisationSettings settings;

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        Bus bus = getBus();
        BusFactory.setDefaultBus(bus);
        SoapEndpoints.publish(bus, "/repository", DocumentRepositoryPortType.class,
                new DocumentRepositoryService(provide, retrieve), true);
        // Other communities ask only on behalf of a user, vouched for by a trusted gateway's XUA assertion.
        SoapEndpoints.publish(bus, "/xca", RespondingGatewayPortType.class,
                new RespondingGatewayService(crossGatewayQuery, retrieve, settings::organisation), true,
                java.util.List.of(new XuaIn(() -> settings.organisation().homeCommunityId(), settings.xuaTrustStore(),
                        settings.purposesOfUse())));
    }
}
