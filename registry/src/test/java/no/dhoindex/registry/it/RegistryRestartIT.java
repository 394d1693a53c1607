package no.dhoindex.registry.it;

import static no.dhoindex.testsupport.StoredQueryBuilder.GET_DOCUMENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.junit.jupiter.api.Test;

/** The embedded default keeps its pointers in an H2 file: they are still there after a restart. */
class RegistryRestartIT {

    @Test
    void pointersSurviveARestart() throws Exception {
        Path work = Path.of("target", "it-restart");
        Path data = work.resolve("data").toAbsolutePath();
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_B);
        try (PayaraMicroProcess first = start(work, data)) {
            Soap.Reply registered = RegistryServers.hospital(first).register(first.uri("/registry/services/registry"),
                    Samples.singleDocument(values));
            assertTrue(registered.isSuccess(), registered::toString);
        }
        try (PayaraMicroProcess second = start(work, data)) {
            Soap.Reply found = new no.dhoindex.testsupport.XuaCaller(work.resolve("xua-test-issuer"),
                    data.resolve("xua-trusted")).query(second.uri("/registry/services/registry"),
                    StoredQueryBuilder.query(GET_DOCUMENTS)
                            .slot("$XDSDocumentEntryUniqueId", "('" + values.get("documentUniqueId") + "')").build(),
                    Samples.nationalCx(Samples.PATIENT_B).replace("&amp;", "&"));
            assertTrue(found.isSuccess(), found::toString);
            assertEquals(1, found.count("ExtrinsicObject"), found::toString);
        }
    }

    private static PayaraMicroProcess start(Path work, Path data) throws Exception {
        return RegistryServers.start(work, Map.of("dho.data.dir", data.toString()));
    }
}
