package no.dhoindex.adapters.interfaces.accesslog;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import no.dhoindex.adapters.access.SourceAccessLog;
import no.dhoindex.shared.access.AccessLogSearch;

/**
 * {@code GET AuditEvent?patient.identifier=urn:oid:<authority>|<id>}: this organisation's access log
 * about the patient (who has been given or refused their data here), for an auditor, an auditing
 * system (the gateway, for a citizen) or the patient; see {@link AccessLogSearch}.
 */
@Path("/AuditEvent")
@RequestScoped
public class AuditEventResource {

    @Inject
    SourceAccessLog log;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(AccessLogSearch.FHIR_JSON)
    public Response search(@QueryParam("patient.identifier") String identifier) {
        return log.search().search(identifier, request);
    }
}
