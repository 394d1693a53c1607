package no.dhoindex.adapters.interfaces.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.dhoindex.testsupport.OpenApiCoverage;
import org.junit.jupiter.api.Test;

/**
 * The adapter's OpenAPI document names exactly what its code serves: every JAX-RS operation (admin,
 * FHIR search and read, ITI-65, metadata, the access log), every servlet path, every SOAP action of
 * its port types; and nothing it does not (beyond the server's /health).
 */
class AdapterOpenApiTest {

    private static final Map<String, Object> DOCUMENT = OpenApiCoverage.document(AdapterOpenApi.class);
    private static final OpenApiCoverage CODE = OpenApiCoverage.of(AdapterOpenApi.class);

    @Test
    void everyJaxRsOperationIsDocumented() {
        Set<String> served = CODE.jaxRsOperations();
        assertTrue(served.contains("POST /fhir") && served.contains("GET /fhir/Observation/{id}")
                && served.contains("PUT /admin/blocks/{authority}/{id}"), served::toString);
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(OpenApiCoverage.documented(DOCUMENT));
        assertEquals(Set.of(), missing, "served but not in openapi.json");
    }

    @Test
    void everyServletPathIsDocumented() {
        Set<String> paths = ((Map<String, Object>) DOCUMENT.get("paths")).keySet();
        Set<String> missing = new TreeSet<>(CODE.exactServletPaths());
        missing.removeAll(paths);
        assertEquals(Set.of(), missing);
    }

    @Test
    void theSoapEndpointsListEverySoapActionTheirPortTypesHave() {
        assertEquals(CODE.soapActions(), OpenApiCoverage.documentedSoapActions(DOCUMENT));
    }

    @Test
    void nothingIsDocumentedThatIsNotServed() {
        Set<String> served = new TreeSet<>(CODE.jaxRsOperations());
        CODE.exactServletPaths().forEach(p -> served.add("path " + p));
        Set<String> extra = new TreeSet<>();
        for (String operation : OpenApiCoverage.documented(DOCUMENT)) {
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (!served.contains(operation) && !served.contains("path " + path) && !path.startsWith("/services/")
                    && !path.startsWith("/health/")) {
                extra.add(operation);
            }
        }
        assertEquals(Set.of(), extra, "in openapi.json but not served");
    }
}
