package no.dhoindex.adapters.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.xml.ws.soap.SOAPBinding;
import no.dhoindex.adapters.repository.DocumentRepositoryPortType;
import no.dhoindex.adapters.repository.ProvideAndRegister;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.adapters.xca.CrossGatewayQuery;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

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
        publish(bus, "/repository", DocumentRepositoryPortType.class, new DocumentRepositoryService(provide, retrieve));
        publish(bus, "/xca", RespondingGatewayPortType.class,
                new RespondingGatewayService(crossGatewayQuery, retrieve, settings::organisation));
    }

    private static void publish(Bus bus, String address, Class<?> port, Object implementation) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(port);
        factory.setServiceBean(implementation);
        factory.setAddress(address);
        factory.setBindingId(SOAPBinding.SOAP12HTTP_MTOM_BINDING);
        // ITI-41/43/39 carry documents as MTOM/XOP parts (ITI TF-2x V.3.6), also in replies.
        factory.setProperties(new java.util.HashMap<>(java.util.Map.of("mtom-enabled", Boolean.TRUE)));
        WSAddressingFeature addressing = new WSAddressingFeature();
        addressing.setAddressingRequired(true);
        factory.getFeatures().add(addressing);
        factory.create();
    }
}
