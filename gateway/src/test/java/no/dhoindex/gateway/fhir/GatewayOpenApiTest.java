package no.dhoindex.gateway.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.dhoindex.testsupport.OpenApiCoverage;
import org.junit.jupiter.api.Test;

/**
 * The gateway's OpenAPI document names exactly what its code serves: every FHIR search and read of
 * its HAPI providers with exactly their parameters, the CapabilityStatement, every servlet path and
 * every SOAP action of its port type; and nothing it does not (beyond the server's /health).
 */
class GatewayOpenApiTest {

    private static final Map<String, Object> DOCUMENT = OpenApiCoverage.document(GatewayOpenApi.class);
    private static final OpenApiCoverage CODE = OpenApiCoverage.of(GatewayOpenApi.class);

    private static Set<String> served() {
        Set<String> served = new TreeSet<>(CODE.fhirOperations("/fhir"));
        served.add("GET /fhir/metadata"); // HAPI's own, from GatewayCapabilities
        served.addAll(CODE.jaxRsOperations());
        return served;
    }

    @Test
    void everyFhirOperationIsDocumented() {
        assertTrue(served().containsAll(Set.of("GET /fhir/Observation", "GET /fhir/Observation/{id}",
                "GET /fhir/Binary/{id}", "GET /fhir/AuditEvent")), served()::toString);
        Set<String> missing = new TreeSet<>(served());
        missing.removeAll(OpenApiCoverage.documented(DOCUMENT));
        assertEquals(Set.of(), missing, "served but not in openapi.json");
    }

    @Test
    void everySearchDocumentsExactlyTheParametersItTakes() {
        Map<String, Set<String>> taken = CODE.fhirSearchParameters("/fhir");
        assertEquals(Set.of("patient.identifier", "code", "category", "date", "_sort", "_count", "_cursor"),
                taken.get("GET /fhir/Observation"));
        taken.forEach((operation, parameters) -> assertEquals(parameters,
                OpenApiCoverage.documentedParameters(DOCUMENT, operation), operation));
    }

    @Test
    void everyServletPathIsDocumented() {
        assertEquals(Set.of(), CODE.undocumentedServletPaths(DOCUMENT));
    }

    @Test
    void theSoapEndpointListsEverySoapActionOfItsPortType() {
        assertEquals(CODE.soapActions(), OpenApiCoverage.documentedSoapActions(DOCUMENT));
    }

    @Test
    void nothingIsDocumentedThatIsNotServed() {
        assertEquals(Set.of(), CODE.documentedButNotServed(DOCUMENT, served()), "in openapi.json but not served");
    }
}
