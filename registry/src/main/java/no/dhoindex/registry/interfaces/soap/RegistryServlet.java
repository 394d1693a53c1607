package no.dhoindex.registry.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import no.dhoindex.registry.application.RegisterSubmission;
import no.dhoindex.registry.application.StoredQueries;
import no.dhoindex.registry.interfaces.soap.iti18.RegistryStoredQueryTransaction;
import no.dhoindex.registry.interfaces.soap.iti42.RegisterDocumentSetTransaction;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.shared.soap.SoapEndpoints;
import no.dhoindex.shared.soap.XuaIn;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.openehealth.ipf.commons.ihe.xds.XDS;

/**
 * Publishes the registry's SOAP endpoint with plain CXF (no Spring) at
 * {@code /services/registry}: SOAP 1.2 (MTOM requests accepted, plain replies), WS-Addressing required.
 */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1)
public class RegistryServlet extends CXFNonSpringServlet {

    public static final String ADDRESS = "/registry";

    @Inject
    RegisterSubmission registration;

    @Inject
    StoredQueries queries;

    @Inject
    RegistrySettings settings;

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        Bus bus = getBus();
        BusFactory.setDefaultBus(bus);
        if (!settings.xuaRequired()) {
            java.util.logging.Logger.getLogger(RegistryServlet.class.getName()).warning("event=xua-off"
                    + " dho.registry.xua=off: stored queries are answered WITHOUT an XUA assertion. Benchmarks only.");
        }
        SoapEndpoints.publish(bus, ADDRESS, DocumentRegistryPortType.class, new DocumentRegistryService(
                new RegisterDocumentSetTransaction(registration, XDS.Interactions.ITI_42, "iti42"),
                new RegisterDocumentSetTransaction(registration, XDS.Interactions.ITI_61, "iti61"),
                new RegistryStoredQueryTransaction(queries)), false,
                // Queries are answered for a user vouched for by a trusted gateway (XUA); registrations are not queries.
                settings.xuaRequired() ? java.util.List.of(new XuaIn(settings::xuaAudience, settings.xuaTrustStore(),
                        settings.purposesOfUse(), java.util.Set.of("urn:ihe:iti:2007:RegistryStoredQuery")))
                        : java.util.List.of());
    }
}
