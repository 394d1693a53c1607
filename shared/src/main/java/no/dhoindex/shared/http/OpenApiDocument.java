package no.dhoindex.shared.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves a deployable's own OpenAPI document ({@code /openapi.json} in its WAR) at
 * {@code /<context>/openapi}: written by hand because most of what a deployable serves (SOAP
 * endpoints, HAPI's FHIR servlet) is invisible to the server's generated {@code /openapi}, which
 * lists JAX-RS resources only. Each deployable's test holds the document to the endpoints its code
 * really has. Public, as every service description.
 */
public abstract class OpenApiDocument extends HttpServlet {

    private volatile byte[] document;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (document == null) {
            try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
                if (in == null) {
                    response.sendError(404, "this deployable has no OpenAPI document");
                    return;
                }
                document = in.readAllBytes();
            }
        }
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(document);
    }
}
