package no.dhoindex.demoplatform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The demo DHO platform's FHIR R4 API at {@code /demo-platform/fhir}: a HAPI FHIR plain server
 * over an in-memory store seeded with synthetic patients and their home measurements.
 */
@WebServlet(urlPatterns = "/fhir/*", loadOnStartup = 1)
public class DemoPlatformServlet extends RestfulServer {

    private static final Logger LOG = Logger.getLogger(DemoPlatformServlet.class.getName());

    public DemoPlatformServlet() {
        super(FhirContext.forR4Cached());
    }

    /** Each answer sent whole once complete, not a TCP segment per JSON value ({@link WholeAnswer}). */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        WholeAnswer answer = new WholeAnswer(response);
        super.service(request, answer);
        answer.send();
    }

    @Override
    protected void initialize() {
        PlatformStore store = new PlatformStore();
        DemoSeries.seed(store, LocalDate.now(ZoneOffset.UTC));
        String name = getServletContext().getContextPath().replaceFirst("^/", "");
        PlatformSettings settings = PlatformSettings.read(ConfigProvider.getConfig(), name);
        // Up to the start of this minute, so a restart within it gives the same history.
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        settings.histories().forEach((patient, count) -> {
            LongHistory.seed(store, patient, count, end);
            LOG.info(() -> "event=long-history platform=" + name + " patient=" + patient + " measurements=" + count
                    + " end=" + end);
        });
        store.onChange(new SubscriptionNotifier(store)::changed);
        setResourceProviders(List.of(new PatientProvider(store), new ObservationProvider(store),
                new CarePlanProvider(store), new MedicationStatementProvider(store), new SubscriptionProvider(store)));
        setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
        getServletContext().setAttribute(DemoPlatformReadiness.SEEDED, Boolean.TRUE);
    }
}
