package no.dhoindex.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.dhoindex.shared.state.BreakerStates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid implementations on two Hazelcast members in this JVM (the Hazelcast Payara runs, on
 * loopback, a cluster of its own): what one member records the other sees, and compare-and-set
 * loses no concurrent change. In a real Payara Micro cluster: GatewayGridIT.
 */
class GridStateTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static HazelcastInstance a;
    private static HazelcastInstance b;

    @BeforeAll
    static void twoMembers() {
        String cluster = "dho-grid-test-" + UUID.randomUUID();
        a = Hazelcast.newHazelcastInstance(config(cluster));
        b = Hazelcast.newHazelcastInstance(config(cluster));
        assertEquals(2, a.getCluster().getMembers().size());
    }

    private static Config config(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.getNetworkConfig().setPort(5980).setPortAutoIncrement(true).setPortCount(50);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:5980-6029");
        return config;
    }

    @AfterAll
    static void stop() {
        b.shutdown();
        a.shutdown();
    }

    @Test
    void aProofIdUsedAtOneMemberIsRefusedAtTheOther() {
        GridUsedProofs atA = new GridUsedProofs(a.getMap("proofs"));
        GridUsedProofs atB = new GridUsedProofs(b.getMap("proofs"));
        String jti = UUID.randomUUID().toString();
        assertTrue(atA.firstUse(jti, NOW.plusSeconds(15), NOW));
        assertFalse(atB.firstUse(jti, NOW.plusSeconds(15), NOW));
        assertFalse(atA.firstUse(jti, NOW.plusSeconds(15), NOW));
    }

    @Test
    void aProofIdIsKeptUntilItsProofExpiresNotForever() {
        GridUsedProofs proofs = new GridUsedProofs(a.getMap("proofs"));
        String jti = UUID.randomUUID().toString();
        Instant now = Instant.now();
        assertTrue(proofs.firstUse(jti, now.plusMillis(200), now));
        assertEquals(1, a.getMap("proofs").getEntryView(jti).getTtl() / 1000, "rounded up to whole seconds");
    }

    @Test
    void concurrentFailuresCountedAtBothMembersAreAllCounted() throws InterruptedException {
        GridBreakerStates atA = new GridBreakerStates(a.getMap("breakers"));
        GridBreakerStates atB = new GridBreakerStates(b.getMap("breakers"));
        List<Thread> threads = new ArrayList<>();
        for (GridBreakerStates states : List.of(atA, atB, atA, atB)) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    states.change("kommune", s -> new BreakerStates.State(s == null ? 1 : s.failures() + 1,
                            NOW.plusSeconds(10)));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(new BreakerStates.State(100, NOW.plusSeconds(10)), atB.get("kommune"));
        atB.change("kommune", s -> null);
        assertNull(atA.get("kommune"));
    }

    @Test
    void statesAreStoredAsPlainStrings() {
        BreakerStates.State open = new BreakerStates.State(5, NOW);
        assertEquals(open, GridBreakerStates.decode(GridBreakerStates.encode(open)));
        BreakerStates.State counting = new BreakerStates.State(2, null);
        assertEquals("2;", GridBreakerStates.encode(counting));
        assertEquals(counting, GridBreakerStates.decode("2;"));
    }
}
