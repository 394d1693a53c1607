package no.dhoindex.registry.interfaces.feed;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.dhoindex.registry.application.Registrants;
import no.dhoindex.registry.domain.OwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * An organisation's read of what it has registered, under its own system's token (register or admin scope):
 * {@code GET /admin/own/submission-sets/{uniqueId}} answers 200 with the set and its documents, or
 * 404, also for another organisation's set. A repository uses it to settle an ambiguous ITI-42
 * outcome and a duplicate; ITI-18 is for clinicians bound to a patient and is not used for this.
 * {@code GET /admin/own/documents} lists the organisation's document entries (keyset paging by
 * entryUUID), and {@code POST /admin/own/documents/{entryUuid}/deprecate} deprecates one of them:
 * what an adapter reconciles with, until ITI-57 exists.
 */
@Path("/own")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OwnPointersResource {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            OwnPointersResource.class.getName());

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
                if (d.membership() != null) {
                    document.add("membership", d.membership());
                }
                documents.add(document);
            }
            return Response.ok(Json.createObjectBuilder().add("uniqueId", set.uniqueId())
                    .add("entryUuid", set.entryUuid()).add("patient", set.patientId()).add("status", set.status())
                    .add("documents", documents).build().toString()).build();
        }).orElseGet(() -> problem(404, "No submission set " + uniqueId + " of yours"));
    }

    /** Default and largest page of {@link #documents}. */
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    @GET
    @Path("/documents")
    public Response documents(@QueryParam("patient") String patient, @QueryParam("after") String after,
                              @QueryParam("limit") String limit) {
        PatientId asked = patient == null || patient.isBlank() ? null : PatientId.parseCx(patient.strip());
        if (patient != null && !patient.isBlank() && asked == null) {
            return problem(400, "patient must be a CX: id^^^&authority-oid&ISO");
        }
        String patientCx = asked == null ? null : asked.toCx();
        int size;
        try {
            size = limit == null || limit.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (IllegalArgumentException e) {
            return problem(400, "limit is not a number: " + e.getMessage());
        }
        if (size < 1 || size > MAX_LIMIT) {
            return problem(400, "limit must be between 1 and " + MAX_LIMIT);
        }
        String from = after == null || after.isBlank() ? null : after.strip();
        // One more than asked tells whether there is a next page without a count.
        List<OwnPointers.DocumentListed> page = pointers.documents(registrant(), patientCx, from, size + 1);
        boolean more = page.size() > size;
        List<OwnPointers.DocumentListed> shown = more ? page.subList(0, size) : page;
        JsonArrayBuilder documents = Json.createArrayBuilder();
        for (OwnPointers.DocumentListed d : shown) {
            JsonObjectBuilder document = Json.createObjectBuilder();
            add(document, "entryUuid", d.entryUuid());
            add(document, "uniqueId", d.uniqueId());
            add(document, "patient", d.patientId());
            add(document, "classCode", d.classCode());
            add(document, "typeCode", d.typeCode());
            add(document, "hash", d.hash());
            if (d.size() != null) {
                document.add("size", d.size());
            } else {
                document.addNull("size");
            }
            add(document, "status", d.status());
            add(document, "repositoryUniqueId", d.repositoryUniqueId());
            add(document, "homeCommunityId", d.homeCommunityId());
            add(document, "submissionSetUniqueId", d.submissionSetUniqueId());
            add(document, "serviceStartTime", d.serviceStartTime());
            add(document, "serviceStopTime", d.serviceStopTime());
            documents.add(document);
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("documents", documents);
        if (more) {
            answer.add("next", shown.get(shown.size() - 1).entryUuid());
        } else {
            answer.addNull("next");
        }
        return Response.ok(answer.build().toString()).build();
    }

    @POST
    @Path("/documents/{entryUuid}/deprecate")
    public Response deprecate(@PathParam("entryUuid") String entryUuid) {
        Registrant registrant = registrant();
        boolean deprecated = pointers.deprecate(registrant, entryUuid);
        // Logged as registrations are: who changed which of the organisation's pointers.
        LOG.info(() -> "event=deprecate-own organisation=" + registrant.orgnr() + " client=" + registrant.clientId()
                + " entryUuid=" + entryUuid + " outcome=" + (deprecated ? "deprecated" : "not-found"));
        return deprecated ? Response.ok(Json.createObjectBuilder().add("entryUuid", entryUuid)
                .add("status", "DEPRECATED").build().toString()).build()
                : problem(404, "No document entry " + entryUuid + " of yours");
    }

    private static void add(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Json.createObjectBuilder()
                .add("status", status).add("detail", detail).build().toString()).build();
    }

    /** The caller the filter verified; without one (registrations switched off, benchmarks) every arc is theirs. */
    private Registrant registrant() {
        Object caller = request.getAttribute(FeedingSystemsOnly.CALLER);
        return caller instanceof VerifiedCaller v ? registrants.of(v.organisation(), v.clientId()) : Registrant.UNCHECKED;
    }
}
