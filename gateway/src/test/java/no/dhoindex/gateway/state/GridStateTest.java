package no.dhoindex.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.dhoindex.shared.state.BreakerStates;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.PayaraMicroProcess;
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
    static void twoMembers() throws IOException {
        String cluster = "dho-grid-test-" + UUID.randomUUID();
        int portA = PayaraMicroProcess.freePort();
        int portB = PayaraMicroProcess.freePort();
        a = Hazelcast.newHazelcastInstance(config(cluster, portA, portB));
        b = Hazelcast.newHazelcastInstance(config(cluster, portB, portA));
        assertEquals(2, a.getCluster().getMembers().size());
    }

    private static Config config(String cluster, int port, int other) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port).addMember("127.0.0.1:" + other);
        return config;
    }

    @AfterAll
    static void stop() {
        for (HazelcastInstance member : new HazelcastInstance[] {b, a}) {
            if (member != null) {
                member.shutdown();
            }
        }
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
        assertTrue(proofs.firstUse(jti, now.plusMillis(30_200), now));
        assertEquals(31_000, a.getMap("proofs").getEntryView(jti).getTtl(), "rounded up to whole seconds");

        String shortLived = UUID.randomUUID().toString();
        assertTrue(proofs.firstUse(shortLived, now.plusMillis(200), now));
        assertTrue(Eventually.await(Duration.ofSeconds(30), Duration.ofMillis(200),
                () -> !a.getMap("proofs").containsKey(shortLived), gone -> gone), "forgotten once its proof has expired");
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
                            NOW.plusSeconds(10), null));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(new BreakerStates.State(100, NOW.plusSeconds(10), null), atB.get("kommune"));
        atB.change("kommune", s -> null);
        assertNull(atA.get("kommune"));
    }

    @Test
    void statesAreStoredAsPlainStrings() {
        BreakerStates.State open = new BreakerStates.State(5, NOW, null);
        assertEquals(open, GridBreakerStates.decode(GridBreakerStates.encode(open)));
        BreakerStates.State probing = new BreakerStates.State(5, NOW, NOW.plusSeconds(30));
        assertEquals(probing, GridBreakerStates.decode(GridBreakerStates.encode(probing)));
        BreakerStates.State counting = new BreakerStates.State(2, null, null);
        assertEquals("2;;", GridBreakerStates.encode(counting));
        assertEquals(counting, GridBreakerStates.decode("2;;"));
    }
}
