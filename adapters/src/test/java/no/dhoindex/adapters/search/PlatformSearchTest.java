package no.dhoindex.adapters.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.PlatformUnavailable;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** The search as the adapter passes it on to its platform: everything that selects the page is the platform's. */
class PlatformSearchTest {

    private static final String PLATFORM = "http://127.0.0.1:9/platform/fhir/";

    private static String asked(DataKind kind, SourceQuery query) {
        return URLDecoder.decode(PlatformSearch.url(PLATFORM, kind, "15077510041", query).toString(), StandardCharsets.UTF_8);
    }

    @Test
    void anObservationSearchPassesCodeDatesOrderAndPageToThePlatform() {
        SourceQuery query = new SourceQuery(List.of("http://loinc.org|8867-4", "http://loinc.org|2708-6"),
                List.of("vital-signs"), List.of("ge2026-11-25", "lt2026-12-02"), true, 50, 100);
        assertEquals("http://127.0.0.1:9/platform/fhir/Observation?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|15077510041"
                + "&_security:not=urn:oid:2.16.578.1.12.4.1.1.9603|NORS"
                + "&code=http://loinc.org|8867-4,http://loinc.org|2708-6&date=ge2026-11-25&date=lt2026-12-02&_sort=-date"
                + "&category=vital-signs&_count=51&_offset=100", asked(DataKind.MEASUREMENTS, query));
    }

    @Test
    void oldestFirstAsksForDateAscending() {
        SourceQuery query = new SourceQuery(List.of(), List.of(), List.of(), false, 10, 0);
        assertEquals("http://127.0.0.1:9/platform/fhir/Observation?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|15077510041"
                + "&_security:not=urn:oid:2.16.578.1.12.4.1.1.9603|NORS&_sort=date&_count=11&_offset=0",
                asked(DataKind.MEASUREMENTS, query));
    }

    @Test
    void aPlanOrMedicationListSearchIsPagedAndLeavesNorsOutToo() {
        SourceQuery query = new SourceQuery(List.of(), List.of(), List.of(), true, 5, 5);
        assertEquals("http://127.0.0.1:9/platform/fhir/CarePlan?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|15077510041"
                + "&_security:not=urn:oid:2.16.578.1.12.4.1.1.9603|NORS&_count=6&_offset=5",
                asked(DataKind.CARE_PLAN, query));
    }

    /** The platform's answers over HTTP: 200 parsed as read, 404 and 410 absent, anything else unavailable. */
    @Test
    void thePlatformsAnswerIsParsedAndAFailureIsUnavailable() throws IOException {
        HttpServer platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String searchset = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\"}}]}";
        platform.createContext("/", exchange -> {
            int status = switch (exchange.getRequestURI().getPath()) {
                case "/Observation" -> 200;
                case "/Observation/gone" -> 410;
                case "/Observation/unknown" -> 404;
                default -> 500;
            };
            byte[] body = (status == 200 ? searchset : "{\"resourceType\":\"OperationOutcome\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        platform.start();
        try {
            String base = "http://127.0.0.1:" + platform.getAddress().getPort();
            for (int i = 0; i < 3; i++) {   // the connection kept alive and used again
                Bundle page = PlatformSearch.get(URI.create(base + "/Observation?_count=1"), Duration.ofSeconds(5),
                        "search", body -> FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body));
                assertEquals("o1", page.getEntryFirstRep().getResource().getIdElement().getIdPart());
            }
            assertNull(PlatformSearch.get(URI.create(base + "/Observation/unknown"), Duration.ofSeconds(5), "read",
                    body -> "parsed"));
            assertNull(PlatformSearch.get(URI.create(base + "/Observation/gone"), Duration.ofSeconds(5), "read",
                    body -> "parsed"));
            assertThrows(PlatformUnavailable.class, () -> PlatformSearch.get(URI.create(base + "/Broken"),
                    Duration.ofSeconds(5), "search", body -> "parsed"));
            assertThrows(PlatformUnavailable.class, () -> PlatformSearch.get(URI.create(base + "/Observation"),
                    Duration.ofSeconds(5), "search", body -> {
                        throw new ca.uhn.fhir.parser.DataFormatException("not FHIR");
                    }));
        } finally {
            platform.stop(0);
        }
    }
}
