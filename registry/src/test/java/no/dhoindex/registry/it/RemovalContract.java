package no.dhoindex.registry.it;

import static no.dhoindex.registry.it.RegistryClient.documentUniqueIds;
import static no.dhoindex.registry.it.RegistryClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.w3c.dom.Element;

/**
 * ITI-62 Remove Metadata through the running registry (ITI TF-2b 3.62.4.1.3): all of a removal or
 * nothing, and an organisation removes only its own pointers, under its own system's token.
 */
abstract class RemovalContract {

    abstract PayaraMicroProcess server();

    private URI endpoint;
    private RegistryClient registry;
    private SystemCaller hospital;
    private String patient;
    private Document document;
    private String setUniqueId;

    /** Each test registers one submission of the hospital's: a submission set with one document. */
    @BeforeEach
    void registerOne() {
        endpoint = server().uri("/registry/services/registry");
        hospital = RegistryServers.hospital(server());
        registry = new RegistryClient(endpoint, RegistryServers.dataDir(server()), hospital);
        patient = SyntheticIds.next();
        document = SubmissionBuilder.document();
        SubmissionBuilder submission = SubmissionBuilder.forPatient(patient).add("Doc1", document);
        setUniqueId = submission.submissionSetUniqueId();
        registry.registered(submission.build());
    }

    /** The entryUUIDs of the submission set and its contents, as GetSubmissionSetAndContents lists them. */
    private List<String> submissionObjects() {
        Soap.Reply reply = registry.about(patient).found(StoredQueryBuilder.query(
                StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS).slot("$XDSSubmissionSetUniqueId",
                "'" + setUniqueId + "'").objectRefs());
        List<String> ids = new ArrayList<>();
        for (Element ref : reply.elements(Soap.RIM, "ObjectRef")) {
            ids.add(ref.getAttribute("id"));
        }
        return ids;
    }

    private Set<String> storedDocuments() {
        return documentUniqueIds(registry.about(patient).found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId()))));
    }

    private static String removal(List<String> entryUuids) {
        StringBuilder x = new StringBuilder("<lcm:RemoveObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:"
                + "xsd:lcm:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:ObjectRefList>");
        entryUuids.forEach(id -> x.append("<rim:ObjectRef id=\"").append(id).append("\"/>"));
        return x.append("</rim:ObjectRefList></lcm:RemoveObjectsRequest>").toString();
    }

    @Test
    void theOrganisationRemovesItsWholeSubmission() {
        List<String> objects = submissionObjects();
        assertEquals(3, objects.size(), objects::toString);

        Soap.Reply reply = hospital.call(endpoint, XdsActions.ITI_62, removal(objects));

        assertTrue(reply.isSuccess(), reply::toString);
        assertEquals(Set.of(), storedDocuments());
        assertEquals(List.of(), submissionObjects());
    }

    @Test
    void aSubmissionSetStillReferencedIsNotRemovedAndNothingChanges() {
        List<String> objects = submissionObjects();
        String set = objects.stream().filter(id -> registry.about(patient).found(StoredQueryBuilder.query(
                StoredQueryBuilder.GET_SUBMISSION_SETS).slot("$uuid", list(id))).count("RegistryPackage") > 0)
                .findFirst().orElseThrow();

        Soap.Reply reply = hospital.call(endpoint, XdsActions.ITI_62, removal(List.of(set)));

        assertEquals(List.of("ReferencesExistException"), reply.errorCodes(), reply::toString);
        assertEquals(objects.size(), submissionObjects().size());
    }

    @Test
    void anUnknownObjectIsAnUnresolvedReferenceAndNothingIsRemoved() {
        List<String> objects = new ArrayList<>(submissionObjects());
        objects.add("urn:uuid:11111111-2222-3333-4444-999999999999");

        Soap.Reply reply = hospital.call(endpoint, XdsActions.ITI_62, removal(objects));

        assertEquals(List.of("UnresolvedReferenceException"), reply.errorCodes(), reply::toString);
        assertEquals(Set.of(document.uniqueId()), storedDocuments());
    }

    @Test
    void anotherOrganisationsSystemIsRefusedAndNothingIsRemoved() {
        SystemCaller municipality = new SystemCaller(RegistryServers.trustAnchor(server()), "kommune-adapter",
                SystemCaller.REGISTER);

        Soap.Reply reply = municipality.call(endpoint, XdsActions.ITI_62, removal(submissionObjects()));

        assertTrue(reply.isFault(), reply::toString);
        assertEquals(403, reply.httpStatus(), reply::toString);
        assertEquals(Set.of(document.uniqueId()), storedDocuments());
    }

    @Test
    void aRemovalWithoutATokenIsRefused() {
        Soap.Reply reply = Soap.call(endpoint, XdsActions.ITI_62, removal(submissionObjects()));

        assertTrue(reply.isFault(), reply::toString);
        assertEquals(401, reply.httpStatus(), reply::toString);
        assertEquals(Set.of(document.uniqueId()), storedDocuments());
    }
}
