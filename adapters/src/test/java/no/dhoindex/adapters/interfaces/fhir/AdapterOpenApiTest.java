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
        assertEquals(Set.of(), CODE.undocumentedServletPaths(DOCUMENT));
    }

    @Test
    void theSoapEndpointsListEverySoapActionTheirPortTypesHave() {
        assertEquals(CODE.soapActions(), OpenApiCoverage.documentedSoapActions(DOCUMENT));
    }

    @Test
    void nothingIsDocumentedThatIsNotServed() {
        assertEquals(Set.of(), CODE.documentedButNotServed(DOCUMENT, CODE.jaxRsOperations()),
                "in openapi.json but not served");
    }
}
