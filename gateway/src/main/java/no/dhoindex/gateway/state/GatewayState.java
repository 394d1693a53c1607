package no.dhoindex.gateway.state;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.shared.state.BreakerStates;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.trust.ReplayCache;
import no.dhoindex.shared.trust.UsedProofs;

/**
 * The state gateway nodes must share: used DPoP proof ids and circuit-breaker state. With
 * {@code dho.gateway.grid=payara} it lives in Payara's data grid (Hazelcast), so a proof used at one
 * node is refused at the other and a source one node found dead is skipped by both; with
 * {@code local}, in this JVM. The issuer's JWKS is not shared: each node fetches it from the issuer
 * itself on an unknown key id (see README, "Gateway nodes in a cluster").
 *
 * <p>Decided at start, not at the first request: with {@code payara} and no data grid in this server
 * the gateway fails to deploy, naming the setting. Two nodes each with their own replay cache would
 * accept a proof replayed at the other one, so there is no quiet fall-back to {@code local}.
 */
@ApplicationScoped
public class GatewayState {

    private static final Logger LOG = Logger.getLogger(GatewayState.class.getName());
    /** Where Payara binds its Hazelcast instance in JNDI. */
    static final String PAYARA_HAZELCAST = "payara/Hazelcast";

    @Inject
    GatewaySettings settings;

    private UsedProofs proofs;
    private BreakerStates breakers;

    /** At deployment: fails it when the data grid asked for is not there. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        ready();
    }

    private synchronized void ready() {
        if (proofs != null) {
            return;
        }
        if (settings.grid() == GatewaySettings.Grid.PAYARA) {
            HazelcastInstance grid = payaraDataGrid();
            proofs = new GridUsedProofs(grid.getMap("dho.gateway.usedProofs"));
            breakers = new GridBreakerStates(grid.getMap("dho.gateway.breakers"));
            LOG.info(() -> "event=gateway-state grid=payara cluster=" + grid.getConfig().getClusterName()
                    + " members=" + grid.getCluster().getMembers().size()
                    + " join=\"" + grid.getConfig().getNetworkConfig().getJoin() + "\"");
        } else {
            proofs = new ReplayCache();
            breakers = new LocalBreakerStates();
            LOG.info("event=gateway-state grid=local: used DPoP proofs and breaker state are kept in this JVM;"
                    + " run one gateway node only (dho.gateway.grid=payara for more)");
        }
    }

    private static HazelcastInstance payaraDataGrid() {
        HazelcastInstance grid;
        try {
            grid = InitialContext.doLookup(PAYARA_HAZELCAST);
        } catch (NamingException | RuntimeException e) {
            throw notThere("there is no " + PAYARA_HAZELCAST + " in JNDI (" + e + ")");
        }
        if (grid == null || !grid.getLifecycleService().isRunning()) {
            throw notThere(PAYARA_HAZELCAST + " is not running");
        }
        // Payara Micro runs a data grid of its own with --nocluster (cluster "development", joining no
        // one; only --nohazelcast alone turns it off): its state would be this node's alone. A gateway
        // cluster has a name of its own and a way to find its members.
        String name = grid.getConfig().getClusterName();
        if (DEFAULT_CLUSTER.equals(name)) {
            throw notThere("its cluster is Payara's default \"" + DEFAULT_CLUSTER + "\" (clustering off, or a"
                    + " cluster anyone on the network may join): give the gateway nodes a --clustername of their own");
        }
        if (!findsMembers(grid.getConfig().getNetworkConfig().getJoin())) {
            throw notThere("its cluster \"" + name + "\" has no way to find other members (no TCP/IP, multicast or"
                    + " discovery join)");
        }
        return grid;
    }

    static final String DEFAULT_CLUSTER = "development";

    private static boolean findsMembers(JoinConfig join) {
        return join.getTcpIpConfig().isEnabled() || join.getMulticastConfig().isEnabled()
                || !join.getDiscoveryConfig().getDiscoveryStrategyConfigs().isEmpty()
                || join.getDiscoveryConfig().getDiscoveryServiceProvider() != null
                || join.getKubernetesConfig().isEnabled();
    }

    private static IllegalStateException notThere(String why) {
        return new IllegalStateException("dho.gateway.grid=payara, but Payara's data grid (Hazelcast) is not enabled"
                + " in this server: " + why + ". Start Payara Micro clustered (without --nocluster/--nohazelcast,"
                + " with --clustername and TCP discovery), or set dho.gateway.grid=local for a single gateway node.");
    }

    @Produces
    @ApplicationScoped
    UsedProofs usedProofs() {
        ready();
        return proofs;
    }

    @Produces
    @ApplicationScoped
    BreakerStates breakerStates() {
        ready();
        return breakers;
    }
}
