package no.dhoindex.registry.interfaces.feed;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.dhoindex.registry.application.PatientPolicy;
import no.dhoindex.registry.domain.PatientDirectory;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Patient identity feed (admin): makes a patient id of another assigning authority known to the
 * registry, as an ITI-8/ITI-104 feed would. {@code PUT /admin/patients/{authority-oid}/{id}}
 * answers 201 when the id is new, 200 when it was known; {@code GET} answers 200 or 404.
 */
@Path("/patients/{authority}/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PatientFeedResource {

    @Inject
    PatientPolicy policy;

    @Inject
    PatientDirectory directory;

    @PUT
    public Response feed(@PathParam("authority") String authority, @PathParam("id") String id) {
        Response invalid = validate(authority, id);
        if (invalid != null) {
            return invalid;
        }
        try {
            boolean created = policy.feed(new PatientId(id, authority));
            return Response.status(created ? 201 : 200).entity(body(authority, id, "known")).build();
        } catch (XdsRefusal refusal) {
            return problem(422, refusal.getMessage());
        }
    }

    @GET
    public Response lookUp(@PathParam("authority") String authority, @PathParam("id") String id) {
        Response invalid = validate(authority, id);
        if (invalid != null) {
            return invalid;
        }
        PatientId patient = new PatientId(id, authority);
        return directory.isKnown(patient) ? Response.ok(body(authority, id, "known")).build()
                : problem(404, "Patient " + patient.toCx() + " is not known");
    }

    private static Response validate(String authority, String id) {
        try {
            PatientId.of(authority, id);
            return null;
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    private static String body(String authority, String id, String state) {
        return Json.createObjectBuilder().add("patientId", new PatientId(id, authority).toCx())
                .add("state", state).build().toString();
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("status", status).add("detail", detail).build().toString())
                .build();
    }
}
