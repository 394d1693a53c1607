package no.dhoindex.registry.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import java.util.function.Function;
import no.dhoindex.registry.application.RegisterSubmission;
import no.dhoindex.registry.application.UpdateDocumentSet;
import no.dhoindex.registry.interfaces.soap.iti57.UpdateDocumentSetTransaction;
import no.dhoindex.registry.interfaces.soap.iti92.RestrictedUpdateDocumentSetTransaction;
import no.dhoindex.registry.application.Registrants;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.OrganisationSystems;
import no.dhoindex.registry.interfaces.accesslog.RegistryAccessLog;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.soap.Credential;
import no.dhoindex.shared.soap.OperationSecurity;
import no.dhoindex.shared.soap.SystemTokenIn;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.registry.application.StoredQueries;
import no.dhoindex.registry.interfaces.soap.iti18.RegistryStoredQueryTransaction;
import no.dhoindex.registry.interfaces.soap.iti42.RegisterDocumentSetTransaction;
import no.dhoindex.registry.interfaces.soap.iti62.RemoveMetadataTransaction;
import no.dhoindex.registry.application.MetadataRemoval;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.shared.soap.SoapEndpoints;
import no.dhoindex.shared.soap.XuaIn;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.openehealth.ipf.commons.ihe.xds.XDS;

/**
 * Publishes the registry's SOAP endpoint with plain CXF (no Spring) at
 * {@code /services/registry} (ITI-42, ITI-61, ITI-57, ITI-92, ITI-62 and ITI-18): SOAP 1.2 (MTOM requests accepted,
 * plain replies), WS-Addressing required.
 */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1)
public class RegistryServlet extends CXFNonSpringServlet {

    public static final String ADDRESS = "/registry";

    @Inject
    RegisterSubmission registration;

    @Inject
    UpdateDocumentSet updates;

    @Inject
    StoredQueries queries;

    @Inject
    RegistrySettings settings;

    @Inject
    Registrants registrants;

    @Inject
    OrganisationSystems systems;

    @Inject
    RegistryAccessLog accessLog;

    @Inject
    MetadataRemoval removal;

    private static final String ITI_42 = "urn:ihe:iti:2007:RegisterDocumentSet-b";
    private static final String ITI_61 = "urn:ihe:iti:2010:RegisterOnDemandDocumentEntry";
    private static final String ITI_62 = "urn:ihe:iti:2010:DeleteDocumentSet";
    private static final String ITI_18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    private static final String ITI_57 = "urn:ihe:iti:2010:UpdateDocumentSet";
    private static final String ITI_92 = "urn:ihe:iti:2018:RestrictedUpdateDocumentSet";

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        Bus bus = getBus();
        BusFactory.setDefaultBus(bus);
        // No WS-Policy here (no policy is published or asserted; WS-Addressing is required by the endpoint's own
        // interceptors): the policy engine's bus interceptors only cost 2-3 % of the CPU of every request (JFR).
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
        // Queries are answered for a user vouched for by a trusted gateway (XUA); off only for benchmarks (warned).
        Credential query = settings.xuaRequired()
                ? new XuaIn(settings::xuaAudience, settings.xuaTrustStore(), settings.xuaPolicy()).onRefusal(
                        (claims, action, reason) -> accessLog.record(claims, null, "ITI-18 refused",
                                AccessRecord.Outcome.REFUSED, reason))
                : Credential.unchecked("dho.registry.xua=off");
        // Registrations and updates come from an organisation's own system, under its HelseID client-credentials token.
        Function<VerifiedCaller, Registrant> registrant = null;
        Credential registering;
        if (settings.registrationTokensRequired()) {
            registering = new SystemTokenIn(systems.verifier());
            registrant = caller -> registrants.of(caller.organisation(), caller.clientId());
        } else {
            registering = Credential.unchecked("dho.registry.registrations=off");
        }
        SoapEndpoints.publish(bus, ADDRESS, DocumentRegistryPortType.class, new DocumentRegistryService(
                new RegisterDocumentSetTransaction(registration, XDS.Interactions.ITI_42, "iti42", registrant),
                new RegisterDocumentSetTransaction(registration, XDS.Interactions.ITI_61, "iti61", registrant),
                new RegistryStoredQueryTransaction(queries, accessLog, settings.xuaRequired()),
                new UpdateDocumentSetTransaction(updates, registrant),
                new RestrictedUpdateDocumentSetTransaction(updates, registrant),
                new RemoveMetadataTransaction(removal, new SubmittingOrganisation(registrant))), false,
                OperationSecurity.builder()
                .operation(ITI_42, registering)
                .operation(ITI_61, registering)
                .operation(ITI_57, registering)
                .operation(ITI_92, registering)
                // An organisation removes its own pointers under the same token and rules as it registers them.
                .operation(ITI_62, registering)
                .operation(ITI_18, query)
                .build());
    }
}
