package no.dhoindex.registry.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The registry's PostgreSQL sessions plan by index (see QueryPlanTest); other URLs and explicit options stay as given. */
class RegistryDatabaseTest {

    @Test
    void postgresSessionsPlanWithoutSequentialScans() {
        assertEquals("jdbc:postgresql://db:5432/registry?options=-c%20enable_seqscan%3Doff",
                RegistryDatabase.indexPlansOnly("jdbc:postgresql://db:5432/registry"));
        assertEquals("jdbc:postgresql://db/registry?ssl=true&options=-c%20enable_seqscan%3Doff",
                RegistryDatabase.indexPlansOnly("jdbc:postgresql://db/registry?ssl=true"));
    }

    @Test
    void otherUrlsAndExplicitOptionsAreLeftAsGiven() {
        assertEquals("jdbc:h2:file:./data/registry", RegistryDatabase.indexPlansOnly("jdbc:h2:file:./data/registry"));
        assertEquals("jdbc:postgresql://db/registry?options=-c%20work_mem%3D64MB",
                RegistryDatabase.indexPlansOnly("jdbc:postgresql://db/registry?options=-c%20work_mem%3D64MB"));
    }

    @Test
    void postgresInsertsABatchAsMultiRowStatements() {
        assertEquals("jdbc:postgresql://db/registry?options=-c%20enable_seqscan%3Doff&reWriteBatchedInserts=true",
                RegistryDatabase.batchedInserts(RegistryDatabase.indexPlansOnly("jdbc:postgresql://db/registry")));
        assertEquals("jdbc:postgresql://db/registry?reWriteBatchedInserts=false",
                RegistryDatabase.batchedInserts("jdbc:postgresql://db/registry?reWriteBatchedInserts=false"));
        assertEquals("jdbc:h2:file:./data/registry", RegistryDatabase.batchedInserts("jdbc:h2:file:./data/registry"));
    }

    @Test
    void anEmbeddedH2FileIsCompressedUnlessTheUrlSaysOtherwise() {
        assertEquals("jdbc:h2:file:./data/registry;DB_CLOSE_ON_EXIT=FALSE;COMPRESS=TRUE",
                RegistryDatabase.compressed("jdbc:h2:file:./data/registry;DB_CLOSE_ON_EXIT=FALSE"));
        assertEquals("jdbc:h2:file:./data/registry;compress=false",
                RegistryDatabase.compressed("jdbc:h2:file:./data/registry;compress=false"));
        assertEquals("jdbc:h2:mem:registry", RegistryDatabase.compressed("jdbc:h2:mem:registry"));
        assertEquals("jdbc:postgresql://db/registry", RegistryDatabase.compressed("jdbc:postgresql://db/registry"));
    }

    @Test
    void anEmbeddedH2FileHasItsAccessLogInAFileBesideIt() {
        assertEquals("jdbc:h2:file:/srv/dho/registry-access;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500",
                RegistryDatabase.accessLogUrl("jdbc:h2:file:/srv/dho/registry;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500"));
        assertEquals("jdbc:h2:file:./data/registry-access", RegistryDatabase.accessLogUrl("jdbc:h2:file:./data/registry"));
        assertNull(RegistryDatabase.accessLogUrl("jdbc:h2:mem:registry;DB_CLOSE_DELAY=-1"));
        assertNull(RegistryDatabase.accessLogUrl("jdbc:postgresql://db/registry"));
    }

    @Test
    void compactionTurnsMustEndBeforeTheNextIsDue() {
        assertDoesNotThrow(() -> RegistryDatabase.checkCompaction(10, 500, 10_000));
        assertDoesNotThrow(() -> RegistryDatabase.checkCompaction(0, 0, 0));
        assertThrows(IllegalStateException.class, () -> RegistryDatabase.checkCompaction(10, 10_000, 10_000));
        assertThrows(IllegalStateException.class, () -> RegistryDatabase.checkCompaction(10, 0, 10_000));
        assertThrows(IllegalStateException.class, () -> RegistryDatabase.checkCompaction(10, 500, 0));
        assertThrows(IllegalStateException.class, () -> RegistryDatabase.checkCompaction(-1, 500, 10_000));
    }
}
