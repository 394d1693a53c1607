package no.dhoindex.demoplatform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.annotation.WebServlet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The demo DHO platform's FHIR R4 API at {@code /demo-platform/fhir}: a HAPI FHIR plain server
 * over an in-memory store seeded with synthetic patients and their home measurements.
 */
@WebServlet(urlPatterns = "/fhir/*", loadOnStartup = 1)
public class DemoPlatformServlet extends RestfulServer {

    public DemoPlatformServlet() {
        super(FhirContext.forR4Cached());
    }

    @Override
    protected void initialize() {
        PlatformStore store = new PlatformStore();
        DemoSeries.seed(store, LocalDate.now(ZoneOffset.UTC));
        store.onChange(new SubscriptionNotifier(store)::changed);
        setResourceProviders(List.of(new PatientProvider(store), new ObservationProvider(store),
                new CarePlanProvider(store), new MedicationStatementProvider(store), new SubscriptionProvider(store)));
        setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
        getServletContext().setAttribute(DemoPlatformReadiness.SEEDED, Boolean.TRUE);
    }
}
