package no.dhoindex.registry.it;

import static no.dhoindex.registry.it.RegistryClient.findDocuments;
import static no.dhoindex.registry.it.RegistryClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SubmissionBuilder.Document;
import no.dhoindex.testsupport.SyntheticIds;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ITI-92 Restricted Update and ITI-57 Update Document Set through the running registry: a new
 * version replaces the latest (which queries then answer as deprecated, or not at all at metadata
 * level 1), and what is refused (a stale version, another organisation's entry) stores nothing.
 */
abstract class MetadataUpdateContract {

    abstract PayaraMicroProcess server();

    RegistryClient registry;
    URI endpoint;
    String patient;
    String first;
    Document document;

    @BeforeEach
    void registerAFirstVersion() {
        endpoint = server().uri("/registry/services/registry");
        registry = new RegistryClient(endpoint, RegistryServers.dataDir(server()), RegistryServers.hospital(server()));
        patient = SyntheticIds.next();
        registry.about(patient);
        first = "urn:uuid:" + UUID.randomUUID();
        document = SubmissionBuilder.document().set("serviceStopTime", "20261101100000");
        registry.registered(SubmissionBuilder.forPatient(patient).add(first, document).build());
    }

    private Soap.Reply send(String action, String submission) {
        return RegistryServers.hospital(server()).call(endpoint, action, submission);
    }

    private Soap.Reply allVersions() {
        return registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId())));
    }

    private String newVersion(String previousVersion, String stopTime) {
        document.set("serviceStopTime", stopTime);
        return SubmissionBuilder.forPatient(patient).addVersion("Document01", document, first, previousVersion).build();
    }

    @Test
    void aRestrictedUpdateMakesTheLatestVersion() {
        Soap.Reply updated = send(XdsActions.ITI_92, newVersion("1", "20261101110000"));
        assertTrue(updated.isSuccess(), updated::toString);

        Soap.Reply versions = allVersions();
        assertEquals(2, versions.count("ExtrinsicObject"), versions::toString);
        assertEquals(List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated",
                "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"), RegistryClient.statuses(versions));
        Soap.Reply latest = registry.found(findDocuments(patient, StoredQueryBuilder.APPROVED, StoredQueryBuilder.DEPRECATED));
        assertEquals(1, latest.count("ExtrinsicObject"), "metadata level 1 answers the latest version only");
        assertTrue(latest.toString().contains("20261101110000"), latest::toString);
        Soap.Reply level2 = registry.found(findDocuments(patient, StoredQueryBuilder.APPROVED, StoredQueryBuilder.DEPRECATED)
                .slot("$MetadataLevel", "2"));
        assertEquals(2, level2.count("ExtrinsicObject"), "metadata level 2 answers every version");
        Soap.Reply byLogicalId = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryLogicalID", list(first)).slot("$MetadataLevel", "2"));
        assertEquals(2, byLogicalId.count("ExtrinsicObject"), byLogicalId::toString);
    }

    @Test
    void anUpdateOfAVersionThatIsNoLongerTheLatestIsRefused() {
        assertTrue(send(XdsActions.ITI_92, newVersion("1", "20261101110000")).isSuccess());

        Soap.Reply stale = send(XdsActions.ITI_92, newVersion("1", "20261101120000"));
        assertEquals(List.of("XDSMetadataVersionError"), stale.errorCodes(), stale::toString);
        assertEquals(2, allVersions().count("ExtrinsicObject"), "nothing stored");
    }

    @Test
    void anotherOrganisationsEntryIsNotItsToUpdate() {
        SystemCaller municipality = new SystemCaller(RegistryServers.trustAnchor(server()), "kommune-adapter",
                SystemCaller.REGISTER);
        String theirs = SubmissionBuilder.forPatient(patient)
                .fromSource("2.16.578.1.12.4.1.7.1.3", "2.16.578.1.12.4.1.7.1.3.1")
                .addVersion("Document01", document, first, "1").build();
        Soap.Reply refused = municipality.call(endpoint, XdsActions.ITI_92, theirs);
        assertEquals(403, refused.httpStatus(), refused::toString);
        assertEquals(1, allVersions().count("ExtrinsicObject"), "nothing stored");
    }

    @Test
    void aRestrictedUpdateDoesNotChangeStatus() {
        String deprecate = SubmissionBuilder.forPatient(patient).updateStatus(first, "Approved", "Deprecated").build();
        Soap.Reply refused = send(XdsActions.ITI_92, deprecate);
        assertTrue(!refused.isSuccess(), refused::toString);
        assertEquals(List.of("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"),
                RegistryClient.statuses(allVersions()));
    }

    @Test
    void anUpdateDeprecatesAndApprovesAnEntry() {
        String deprecate = SubmissionBuilder.forPatient(patient).updateStatus(first, "Approved", "Deprecated").build();
        Soap.Reply deprecated = send(XdsActions.ITI_57, deprecate);
        assertTrue(deprecated.isSuccess(), deprecated::toString);
        assertEquals(0, registry.found(findDocuments(patient, StoredQueryBuilder.APPROVED)).count("ExtrinsicObject"));

        String approve = SubmissionBuilder.forPatient(patient).updateStatus(first, "Deprecated", "Approved").build();
        Soap.Reply approved = send(XdsActions.ITI_57, approve);
        assertTrue(approved.isSuccess(), approved::toString);
        assertEquals(1, registry.found(findDocuments(patient, StoredQueryBuilder.APPROVED)).count("ExtrinsicObject"));
    }

    @Test
    void aFolderVersionTakesItsDocumentsAlongAndMetadataLevel2AnswersBoth() {
        String folderUid = "2.25." + new java.math.BigInteger(UUID.randomUUID().toString().replace("-", ""), 16);
        String folder = "urn:uuid:" + UUID.randomUUID();
        registry.registered(SubmissionBuilder.forPatient(patient).folder(folder, folderUid, "A00-1")
                .associate("HasMember", folder, first).build());

        Soap.Reply updated = send(XdsActions.ITI_57, SubmissionBuilder.forPatient(patient)
                .folderVersion("Folder01", folderUid, "A00-2", folder, "1").build());
        assertTrue(updated.isSuccess(), updated::toString);

        Soap.Reply latest = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                .slot("$XDSFolderUniqueId", "'" + folderUid + "'"));
        assertEquals(1, latest.count("RegistryPackage"), latest::toString);
        assertEquals("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved",
                latest.elements(Soap.RIM, "RegistryPackage").get(0).getAttribute("status"), latest::toString);
        assertEquals(1, latest.count("ExtrinsicObject"), "the new version holds the document: " + latest);
        Soap.Reply every = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                .slot("$XDSFolderUniqueId", "'" + folderUid + "'").slot("$MetadataLevel", "2"));
        assertEquals(2, every.count("RegistryPackage"), every::toString);
        assertEquals(1, every.count("ExtrinsicObject"), every::toString);
        assertEquals(2, every.count("Association"), "one membership per folder version: " + every);
        Soap.Reply byLogicalId = registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDERS)
                .slot("$XDSFolderLogicalID", list(folder)).slot("$MetadataLevel", "2"));
        assertEquals(2, byLogicalId.count("RegistryPackage"), byLogicalId::toString);
    }

    @Test
    void aFirstVersionIsRegisteredByIti42NotByAnUpdate() {
        String initial = SubmissionBuilder.forPatient(patient).add("Document01", SubmissionBuilder.document()).build();
        Soap.Reply refused = send(XdsActions.ITI_57, initial);
        assertEquals(List.of("XDSMetadataUpdateError"), refused.errorCodes(), refused::toString);
    }
}
