package no.dhoindex.adapters.interfaces.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.dhoindex.adapters.reconciliation.Reconciler;
import no.dhoindex.adapters.reconciliation.Reconciliation;
import no.dhoindex.adapters.registry.RegistryUnreachable;

/**
 * The organisation's reconciliation with the registry (admin): {@code GET /admin/reconciliation}
 * verifies (report only), {@code POST} verifies and repairs; 200 with the report, 409 while another
 * run is under way, 502 when the registry could not be listed.
 */
@Path("/reconciliation")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    @Inject
    Reconciler reconciler;

    @GET
    public Response verify() {
        return run(false);
    }

    @POST
    public Response repair() {
        return run(true);
    }

    private Response run(boolean repair) {
        try {
            return Response.ok(json(reconciler.run(repair))).build();
        } catch (Reconciler.Running busy) {
            return PatientBlockResource.problem(409, busy.getMessage());
        } catch (RegistryUnreachable unreachable) {
            return PatientBlockResource.problem(502, "The registry's listing could not be read: " + unreachable.getMessage());
        }
    }

    static String json(Reconciliation.Report report) {
        return Json.createObjectBuilder().add("organisation", report.organisation())
                .add("checkedAt", report.checkedAt().toString()).add("published", report.published())
                .add("registered", report.registered()).add("missing", differences(report.missing()))
                .add("extra", differences(report.extra())).add("stale", differences(report.stale()))
                .add("repaired", Json.createObjectBuilder().add("registered", report.reRegistered())
                        .add("deprecated", report.deprecated()))
                .add("errors", Json.createArrayBuilder(report.errors())).build().toString();
    }

    private static JsonArrayBuilder differences(List<Reconciliation.Difference> differences) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Reconciliation.Difference d : differences) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("uniqueId", d.uniqueId())
                    .add("entryUuid", d.entryUuid()).add("patient", d.patient())
                    .add("repair", d.repair().name().toLowerCase(java.util.Locale.ROOT));
            if (!d.differences().isEmpty()) {
                item.add("differences", Json.createArrayBuilder(d.differences()));
            }
            array.add(item);
        }
        return array;
    }
}
