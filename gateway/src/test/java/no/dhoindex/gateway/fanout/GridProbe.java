package no.dhoindex.gateway.fanout;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import no.dhoindex.shared.state.BreakerStates;
import no.dhoindex.shared.trust.UsedProofs;

/**
 * Deployed only in the grid test's archive: the gateway's shared state (as the gateway injects it)
 * over HTTP, so a test can use it at two nodes of one cluster.
 */
@Path("grid")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class GridProbe {

    static final int THRESHOLD = 3;
    static final Duration OPEN = Duration.ofMinutes(5);

    @Inject
    UsedProofs proofs;

    @Inject
    BreakerStates states;

    /** "first" or "replay", as DpopChecks would see the proof id. */
    @POST
    @Path("proofs/{jti}")
    public String use(@PathParam("jti") String jti) {
        Instant now = Instant.now();
        return proofs.firstUse(jti, now.plusSeconds(60), now) ? "first" : "replay";
    }

    /** One failure of the source, as FanOut records it; answers the breaker's state after it. */
    @POST
    @Path("breakers/{source}/failures")
    public String failed(@PathParam("source") String source) {
        new CircuitBreakers(states).failed(source, Instant.now(), THRESHOLD, OPEN);
        return breaker(source);
    }

    @POST
    @Path("breakers/{source}/successes")
    public String succeeded(@PathParam("source") String source) {
        new CircuitBreakers(states).succeeded(source);
        return breaker(source);
    }

    /** "closed" (the source is asked) or "open" (skipped). */
    @GET
    @Path("breakers/{source}")
    public String breaker(@PathParam("source") String source) {
        return new CircuitBreakers(states).allows(source, Instant.now()) ? "closed" : "open";
    }

    /** How many members the data grid this node is in has. */
    @GET
    @Path("members")
    public String members() throws NamingException {
        HazelcastInstance grid = InitialContext.doLookup("payara/Hazelcast");
        return String.valueOf(grid.getCluster().getMembers().size());
    }

    @ApplicationPath("probe")
    public static class Application extends jakarta.ws.rs.core.Application {
    }
}
