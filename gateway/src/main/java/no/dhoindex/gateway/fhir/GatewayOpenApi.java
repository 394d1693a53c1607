package no.dhoindex.gateway.fhir;

import jakarta.servlet.annotation.WebServlet;
import no.dhoindex.shared.http.OpenApiDocument;

/** The gateway's OpenAPI document at {@code /gateway/openapi} (src/main/resources/openapi.json). */
@WebServlet(urlPatterns = "/openapi")
public class GatewayOpenApi extends OpenApiDocument {
}
