package no.dhoindex.adapters.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import no.dhoindex.adapters.lifecycle.OwnLifecycle;
import no.dhoindex.adapters.repository.DocumentRepositoryPortType;
import no.dhoindex.adapters.repository.ProvideAndRegister;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.adapters.xca.CrossGatewayQuery;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import no.dhoindex.adapters.access.SourceAccessLog;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.soap.OperationSecurity;
import no.dhoindex.shared.soap.SoapEndpoints;
import no.dhoindex.shared.soap.SystemTokenIn;
import no.dhoindex.shared.soap.XuaIn;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * The organisation's SOAP endpoints under {@code /services}: {@code /repository} (ITI-41/43/86 and
 * ITI-62 forwarded, SOAP 1.2 + MTOM) and {@code /xca} (ITI-38/39). WS-Addressing required.
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

    @Inject
    OrganisationTrust trust;

    @Inject
    SourceAccessLog accessLog;

    @Inject
    OwnLifecycle lifecycle;

    private static final String ITI_41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    private static final String ITI_43 = "urn:ihe:iti:2007:RetrieveDocumentSet";
    private static final String ITI_38 = "urn:ihe:iti:2007:CrossGatewayQuery";
    private static final String ITI_39 = "urn:ihe:iti:2007:CrossGatewayRetrieve";
    private static final String ITI_86 = "urn:ihe:iti:2017:RemoveDocuments";
    private static final String ITI_62 = "urn:ihe:iti:2010:DeleteDocumentSet";
    private static final String ITI_57 = "urn:ihe:iti:2010:UpdateDocumentSet";

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        Bus bus = getBus();
        BusFactory.setDefaultBus(bus);
        // Documents are provided by the organisation's own systems (HelseID client credentials), and
        // retrieved only for a user vouched for by a trusted gateway (XUA), as over /xca.
        XuaIn user = new XuaIn(() -> settings.organisation().homeCommunityId(), settings.xuaTrustStore(),
                settings.xuaPolicy()).onRefusal(this::refused);
        SystemTokenIn lifecycleSystems = new SystemTokenIn(trust.ownSystems(OrganisationTrust.PROVIDE_SCOPE,
                OrganisationTrust.ADMIN_SCOPE));
        SoapEndpoints.publish(bus, "/repository", DocumentRepositoryPortType.class,
                new DocumentRepositoryService(provide, retrieve, accessLog, lifecycle), true, OperationSecurity.builder()
                        .operation(ITI_41, new SystemTokenIn(trust.ownSystems(OrganisationTrust.PROVIDE_SCOPE)))
                        // Removing documents and pointers: the organisation's own systems that provide or administer.
                        .operation(ITI_86, lifecycleSystems)
                        .operation(ITI_62, lifecycleSystems)
                        .operation(ITI_57, lifecycleSystems)
                        .operation(ITI_43, user)
                        .build());
        // Other communities ask only on behalf of a user, vouched for by a trusted gateway's XUA assertion.
        SoapEndpoints.publish(bus, "/xca", RespondingGatewayPortType.class,
                new RespondingGatewayService(crossGatewayQuery, retrieve, settings::organisation, accessLog), true,
                OperationSecurity.builder()
                        .operation(ITI_38, user)
                        .operation(ITI_39, user)
                        .build());
    }

    /** A call refused for its assertion is in the access log too (with the user and patient, if the assertion said). */
    private void refused(XuaClaims claims, String action, String reason) {
        accessLog.record(claims, null, (action == null ? "call" : action) + " refused", AccessRecord.Outcome.REFUSED,
                reason);
    }
}
