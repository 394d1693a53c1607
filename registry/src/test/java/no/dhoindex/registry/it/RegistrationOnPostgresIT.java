package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The ITI-42 registration rules on PostgreSQL (skipped, with the reason, where it is unreachable). */
class RegistrationOnPostgresIT extends RegistrationContract {

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
