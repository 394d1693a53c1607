package no.dhoindex.adapters.interfaces.fhir;

import jakarta.servlet.annotation.WebServlet;
import no.dhoindex.shared.http.OpenApiDocument;

/** The adapter's OpenAPI document at {@code /adapters/<org>/openapi} (src/main/resources/openapi.json). */
@WebServlet(urlPatterns = "/openapi")
public class AdapterOpenApi extends OpenApiDocument {
}
