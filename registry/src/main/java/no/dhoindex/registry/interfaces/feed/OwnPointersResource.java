package no.dhoindex.registry.interfaces.feed;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.dhoindex.registry.application.Registrants;
import no.dhoindex.registry.domain.OwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.trust.VerifiedCaller;

/**
 * An organisation's read of what it has registered, under its own system's token (register scope):
 * {@code GET /admin/own/submission-sets/{uniqueId}} answers 200 with the set and its documents, or
 * 404, also for another organisation's set. A repository uses it to settle an ambiguous ITI-42
 * outcome and a duplicate; ITI-18 is for clinicians bound to a patient and is not used for this.
 */
@Path("/own")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OwnPointersResource {

    @Inject
    OwnPointers pointers;

    @Inject
    Registrants registrants;

    @Context
    HttpServletRequest request;

    @GET
    @Path("/submission-sets/{uniqueId}")
    public Response submissionSet(@PathParam("uniqueId") String uniqueId) {
        return pointers.submissionSet(registrant(), uniqueId).map(set -> {
            JsonArrayBuilder documents = Json.createArrayBuilder();
            for (OwnPointers.DocumentHeld d : set.documents()) {
                JsonObjectBuilder document = Json.createObjectBuilder().add("uniqueId", d.uniqueId())
                        .add("entryUuid", d.entryUuid()).add("status", d.status());
                if (d.hash() != null) {
                    document.add("hash", d.hash());
                }
                if (d.size() != null) {
                    document.add("size", d.size());
                }
                documents.add(document);
            }
            return Response.ok(Json.createObjectBuilder().add("uniqueId", set.uniqueId())
                    .add("entryUuid", set.entryUuid()).add("patient", set.patientId()).add("status", set.status())
                    .add("documents", documents).build().toString()).build();
        }).orElseGet(() -> Response.status(404).type(MediaType.APPLICATION_JSON).entity(Json.createObjectBuilder()
                .add("status", 404).add("detail", "No submission set " + uniqueId + " of yours").build().toString())
                .build());
    }

    /** The caller the filter verified; without one (registrations switched off, benchmarks) every arc is theirs. */
    private Registrant registrant() {
        Object caller = request.getAttribute(FeedingSystemsOnly.CALLER);
        return caller instanceof VerifiedCaller v ? registrants.of(v.organisation(), v.clientId()) : Registrant.UNCHECKED;
    }
}
