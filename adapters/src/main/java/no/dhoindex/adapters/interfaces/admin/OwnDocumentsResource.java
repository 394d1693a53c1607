package no.dhoindex.adapters.interfaces.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import no.dhoindex.adapters.lifecycle.OwnLifecycle;
import no.dhoindex.adapters.registry.RegistryUnreachable;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.error.XdsRefusal;

/**
 * The organisation's own documents over their life (admin scope, its own systems only):
 * {@code GET /admin/documents/{uniqueId}} the pointer published for it (to name it in ITI-57: a status change is an
 * ITI-57 at the repository endpoint);
 * {@code DELETE /admin/documents/{uniqueId}} removes its pointer (ITI-62) and its stored content (ITI-86).
 * 404 for a document the organisation has not published here, 409 when the registry refuses
 * (its XDS error code and reason), 502 when the registry could not be asked.
 */
@Path("/documents/{uniqueId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OwnDocumentsResource {

    @Inject
    OwnLifecycle lifecycle;

    @Context
    HttpServletRequest request;

    private Caller caller() {
        // OwnSystemsOnly verified the token before this resource is reached; without it, refuse (fail closed).
        Object verified = request.getAttribute(VerifiedCaller.class.getName());
        if (!(verified instanceof VerifiedCaller v)) {
            throw new AccessDenied("own-system", "the call carries no verified system token");
        }
        return Caller.organisationSystem(v.clientId(), v.organisation());
    }

    /**
     * The pointer published for the document, as the organisation's system needs it to name it in ITI-57 / ITI-62:
     * its entryUUID, patient (CX), class code and status here.
     */
    @GET
    public Response read(@PathParam("uniqueId") String uniqueId) {
        return answer(() -> lifecycle.ownDocument(caller(), uniqueId).map(p -> Response.ok(Json.createObjectBuilder()
                        .add("uniqueId", p.uniqueId()).add("entryUuid", p.entryUuid()).add("patient", p.patientId().toCx())
                        .add("classCode", Json.createObjectBuilder().add("code", p.codes().classCode().code())
                                .add("scheme", p.codes().classCode().scheme()))
                        .add("status", p.status().name()).build().toString()).build())
                .orElseGet(() -> notPublished(uniqueId)));
    }

    @DELETE
    public Response remove(@PathParam("uniqueId") String uniqueId) {
        return answer(() -> {
            Optional<OwnLifecycle.DocumentRemoved> removed = lifecycle.removeDocument(caller(), uniqueId);
            return removed.map(r -> Response.ok(Json.createObjectBuilder().add("uniqueId", r.documentUniqueId())
                    .add("removedAtRegistry", Json.createArrayBuilder(r.removedAtRegistry()))
                    .add("contentRemoved", r.contentRemoved()).build().toString()).build())
                    .orElseGet(() -> notPublished(uniqueId));
        });
    }

    private static Response notPublished(String uniqueId) {
        return PatientBlockResource.problem(404, "No document " + uniqueId + " published here");
    }

    private static Response answer(java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (AccessDenied denied) {
            return PatientBlockResource.problem(403, denied.getMessage());
        } catch (RegistryUnreachable unreachable) {
            return PatientBlockResource.problem(502, "The registry could not be asked: " + unreachable.getMessage());
        } catch (XdsRefusal refusal) {
            return PatientBlockResource.problem(409, "The registry refused: " + refusal.errorCode().code() + ": "
                    + refusal.getMessage());
        }
    }
}
