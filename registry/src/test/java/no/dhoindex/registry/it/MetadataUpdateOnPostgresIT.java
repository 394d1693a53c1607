package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** ITI-57 / ITI-92 at the registry on PostgreSQL (skipped, with the reason, where it is unreachable). */
class MetadataUpdateOnPostgresIT extends MetadataUpdateContract {

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
