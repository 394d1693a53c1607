package no.dhoindex.registry.it;

import static no.dhoindex.testsupport.StoredQueryBuilder.APPROVED;
import static no.dhoindex.testsupport.StoredQueryBuilder.FIND_DOCUMENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.junit.jupiter.api.Test;

/**
 * What the registry promises over its SOAP interface, run against each database
 * ({@link RegistryOnH2IT}, {@link RegistryOnPostgresIT}).
 */
abstract class RegistryContract {

    abstract PayaraMicroProcess server();

    URI registry() {
        return server().uri("/registry/services/registry");
    }

    Soap.Reply register(String submission) {
        return RegistryServers.hospital(server()).register(registry(), submission);
    }

    Soap.Reply query(StoredQueryBuilder query) {
        return new no.dhoindex.testsupport.XuaCaller(RegistryServers.dataDir(server()).resolveSibling("xua-test-issuer"),
                RegistryServers.dataDir(server()).resolve("xua-trusted")).query(registry(), query.build());
    }

    @Test
    void registeredDocumentIsFoundByFindDocuments() {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_C);
        Soap.Reply registered = register(Samples.singleDocument(values));
        assertTrue(registered.isSuccess(), registered::toString);

        Soap.Reply found = query(StoredQueryBuilder.query(FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_C) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + APPROVED + "')"));
        assertTrue(found.isSuccess(), found::toString);
        assertTrue(found.text().contains(values.get("documentUniqueId")), found::toString);
        assertEquals(1, found.elements(Soap.RIM, "ExtrinsicObject").stream()
                .filter(e -> found.text().contains(values.get("documentUniqueId"))).count());
    }
}
