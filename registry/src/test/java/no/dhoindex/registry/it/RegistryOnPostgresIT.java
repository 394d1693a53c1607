package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The registry contract on PostgreSQL (127.0.0.1:5432, database {@code test}, a fresh schema per
 * run). Where PostgreSQL is unreachable these tests are reported as skipped, with the reason.
 */
class RegistryOnPostgresIT extends RegistryContract {

    @BeforeAll
    static void requirePostgres() {
        String reason = Postgres.unreachableReason();
        Assumptions.assumeTrue(reason == null, () -> "Skipping the PostgreSQL registry tests: " + reason);
    }

    @Override
    PayaraMicroProcess server() {
        return RegistryServers.postgres();
    }
}
