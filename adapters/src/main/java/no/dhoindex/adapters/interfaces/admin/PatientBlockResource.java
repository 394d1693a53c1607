package no.dhoindex.adapters.interfaces.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.sharing.BlockedRecipient;
import no.dhoindex.adapters.sharing.PatientBlock;
import no.dhoindex.adapters.sharing.PatientBlocks;
import no.dhoindex.shared.xds.model.NationalIdentityNumber;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * A patient's blocking of this organisation's data (admin): {@code PUT
 * /admin/blocks/{authority-oid}/{id}} blocks it towards everyone, or with {@code ?recipient=orgnr:<orgnr>}
 * / {@code ?recipient=hpr:<HPR number>} towards that recipient only (204); {@code DELETE} with the
 * same recipient lifts it (204, or 404 when there was no such block); {@code GET} lists the
 * patient's blocks. Bad ids answer 400.
 */
@Path("/blocks/{authority}/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PatientBlockResource {

    private static final Logger LOG = Logger.getLogger(PatientBlockResource.class.getName());

    @Inject
    PatientBlocks blocks;

    @Inject
    OrganisationSettings settings;

    @PUT
    public Response block(@PathParam("authority") String authority, @PathParam("id") String id,
                          @QueryParam("recipient") String recipient) {
        // Idempotent: blocking again what is blocked answers the same.
        return withBlock(authority, id, recipient, block -> {
            logged("patient-block", block, blocks.add(block) ? "added" : "already-blocked");
            return Response.noContent().build();
        });
    }

    @DELETE
    public Response lift(@PathParam("authority") String authority, @PathParam("id") String id,
                         @QueryParam("recipient") String recipient) {
        return withBlock(authority, id, recipient, block -> {
            boolean lifted = blocks.lift(block);
            logged("patient-block-lift", block, lifted ? "lifted" : "no-such-block");
            return lifted ? Response.noContent().build()
                    : problem(404, "The patient has no such block of " + settings.organisation().name() + "'s data");
        });
    }

    @GET
    public Response list(@PathParam("authority") String authority, @PathParam("id") String id) {
        return withBlock(authority, id, null, asked -> {
            JsonArrayBuilder recipients = Json.createArrayBuilder();
            blocks.of(asked.patient()).forEach(b -> recipients.add(recipientName(b)));
            return Response.ok(Json.createObjectBuilder().add("patientId", asked.patient().toCx())
                    .add("blockedFor", recipients).build().toString()).build();
        });
    }

    /** Reads the block the request names and acts on it; bad input answers 400 with what is wrong. */
    private static Response withBlock(String authority, String id, String recipient,
                                      Function<PatientBlock, Response> action) {
        PatientBlock block;
        try {
            PatientId patient = PatientId.of(authority, id);
            NationalIdentityNumber.Defect defect = patient.isNationalId() ? NationalIdentityNumber.check(id, false)
                    : null;
            if (defect != null) {
                throw new IllegalArgumentException("Not a national id: " + defect.reason());
            }
            block = new PatientBlock(patient,
                    recipient == null || recipient.isBlank() ? null : BlockedRecipient.parse(recipient.strip()));
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
        return action.apply(block);
    }

    /** The patient is not named in the log: that a patient blocked is itself sensitive. */
    private void logged(String event, PatientBlock block, String outcome) {
        LOG.info(() -> "event=" + event + " organisation=" + settings.organisation().id() + " recipient="
                + recipientName(block) + " outcome=" + outcome);
    }

    private static String recipientName(PatientBlock block) {
        return block.recipient() == null ? "everyone" : block.recipient().toString();
    }

    static Response problem(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("status", status).add("detail", detail).build().toString())
                .build();
    }
}
