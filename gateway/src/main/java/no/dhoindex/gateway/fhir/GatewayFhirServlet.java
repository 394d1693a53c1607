package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.gateway.access.SourceAccessLogs;
import no.dhoindex.gateway.interfaces.AnswerBuffer;
import no.dhoindex.gateway.security.PatientAccess;

/** The gateway's FHIR front door at {@code /gateway/fhir}: MHD ITI-67/68 and the federated Observation search. */
@WebServlet(urlPatterns = "/fhir/*", loadOnStartup = 1)
public class GatewayFhirServlet extends RestfulServer {

    @Inject
    FederatedFhir federated;

    @Inject
    FederatedData data;

    @Inject
    AccessLog log;

    @Inject
    PatientAccess patients;

    @Inject
    SourceAccessLogs sourceLogs;

    @Inject
    no.dhoindex.gateway.directory.GatewaySettings settings;

    public GatewayFhirServlet() {
        super(context());
    }

    /**
     * The gateway's FHIR context, without HAPI's search for id-less resources to contain at each
     * encoding (a walk of every element of every entry, a fifth of encoding a page): the gateway
     * sets no {@code Reference.resource} of its own, and a source's contained resources are still
     * written as they came.
     */
    private static FhirContext context() {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return fhir;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        AnswerBuffer.size(response);
        super.service(request, new UnflushedResponse(response));
    }

    @Override
    protected void initialize() {
        setResourceProviders(List.of(new DocumentReferenceProvider(federated, patients),
                new ObservationProvider(data), new CarePlanProvider(data), new MedicationStatementProvider(data),
                new BinaryProvider(federated, patients),
                new AuditEventProvider(log, sourceLogs,
                        no.dhoindex.shared.access.WithheldNames.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()))));
        setDefaultResponseEncoding(EncodingEnum.JSON);
        // The search's kept entries written as their sources sent them, not parsed and encoded again.
        registerInterceptor(new SearchsetPassThrough());
        setServerConformanceProvider(new GatewayCapabilities(this));
    }
}
