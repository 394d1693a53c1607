package no.dhoindex.registry.it;

import static no.dhoindex.registry.it.RegistryClient.documentUniqueIds;
import static no.dhoindex.registry.it.RegistryClient.findDocuments;
import static no.dhoindex.registry.it.RegistryClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SubmissionBuilder.Document;
import no.dhoindex.testsupport.SyntheticIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ITI-42's rules (ITI TF-2b 3.42.4.1.3): known patients only, one patient per submission, new
 * uniqueIds, and a refused submission stores nothing at all.
 */
abstract class RegistrationContract {

    abstract PayaraMicroProcess server();

    RegistryClient registry;
    String patient;

    @BeforeEach
    void connect() {
        registry = new RegistryClient(server().uri("/registry/services/registry"), RegistryServers.dataDir(server()),
                RegistryServers.hospital(server()));
        patient = SyntheticIds.next();
        registry.about(patient);
    }

    private Set<String> stored(String uniqueId) {
        return documentUniqueIds(registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(uniqueId))));
    }

    private static StoredQueryBuilder getDocument(Document document) {
        return StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(document.uniqueId()));
    }

    private int entries(String uniqueId) {
        return registry.found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(uniqueId))).count("ExtrinsicObject");
    }

    private int feed(String authority, String id) throws Exception {
        URI uri = server().uri("/registry/admin/patients/" + authority + "/" + id);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody());
        RegistryServers.hospital(server()).headers("PUT", uri).forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void patientOfAnotherAuthorityIsUnknownUntilFed() throws Exception {
        String authority = "1.3.6.1.4.1.21367.13.20.1000";
        String id = "IHE" + System.nanoTime();
        Document document = SubmissionBuilder.document();
        String submission = SubmissionBuilder.forPatientCx(Samples.cx(id, authority)).add("Doc1", document).build();
        registry.aboutCx(Samples.cx(id, authority));

        Soap.Reply refused = registry.register(submission);
        assertEquals(List.of("XDSUnknownPatientId"), refused.errorCodes(), refused::toString);
        assertEquals(Set.of(), stored(document.uniqueId()));

        assertEquals(201, feed(authority, id));
        assertEquals(200, feed(authority, id), "a second feed of the same id is accepted as known");
        Soap.Reply accepted = registry.register(submission);
        assertTrue(accepted.isSuccess(), accepted::toString);
        assertEquals(Set.of(document.uniqueId()), stored(document.uniqueId()));
    }

    @Test
    void malformedNationalIdIsUnknown() {
        Document document = SubmissionBuilder.document();
        // 15077510042: right format and date, wrong check digit.
        Soap.Reply refused = registry.register(SubmissionBuilder.forPatient("15077510042").add("Doc1", document).build());
        assertEquals(List.of("XDSUnknownPatientId"), refused.errorCodes(), refused::toString);
        assertEquals(Set.of(), documentUniqueIds(registry.about("15077510042").found(getDocument(document))));
        Soap.Reply badDate = registry.register(SubmissionBuilder.forPatient("32137510041").add("Doc1", document).build());
        assertEquals(List.of("XDSUnknownPatientId"), badDate.errorCodes(), badDate::toString);
        assertEquals(Set.of(), documentUniqueIds(registry.about("32137510041").found(getDocument(document))));
    }

    @Test
    void feedRefusesWhatIsNotAnIdentifier() throws Exception {
        assertEquals(400, feed("not-an-oid", "123"));
        assertEquals(422, feed("2.16.578.1.12.4.1.4.1", "15077510042"));
    }

    @Test
    void identicalDocumentResubmittedIsAnotherEntry() {
        Document document = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", document).build());
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", document).build());
        assertEquals(2, entries(document.uniqueId()), "two entries for the one document");
    }

    @Test
    void documentResubmittedWithAnotherHashIsRefused() {
        Document document = SubmissionBuilder.document();
        registry.registered(SubmissionBuilder.forPatient(patient).add("Doc1", document).build());
        document.set("hash", "0000000000000000000000000000000000000000");
        Document second = SubmissionBuilder.document();
        Soap.Reply refused = registry.register(SubmissionBuilder.forPatient(patient).add("Doc1", document)
                .add("Doc2", second).build());
        assertEquals(List.of("XDSNonIdenticalHash"), refused.errorCodes(), refused::toString);
        assertEquals(1, entries(document.uniqueId()), "the original entry only");
        assertEquals(Set.of(), stored(second.uniqueId()), "nothing of the refused submission is stored");
    }

    @Test
    void uniqueIdTwiceInOneMessageIsRefused() {
        Document document = SubmissionBuilder.document();
        Document twin = SubmissionBuilder.document().set("uniqueId", document.uniqueId());
        Soap.Reply refused = registry.register(SubmissionBuilder.forPatient(patient).add("Doc1", document)
                .add("Doc2", twin).build());
        assertEquals(List.of("XDSRegistryDuplicateUniqueIdInMessage"), refused.errorCodes(), refused::toString);
        assertEquals(Set.of(), stored(document.uniqueId()));
    }

    @Test
    void documentOfAnotherPatientThanTheSubmissionSetIsRefused() {
        Document mine = SubmissionBuilder.document();
        String other = SyntheticIds.next();
        String submission = SubmissionBuilder.forPatient(patient).add("Doc1", mine).build()
                .replaceFirst("(identificationScheme=\"urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427\" value=\")[^\"]+",
                        "$1" + Samples.nationalCx(other));
        Soap.Reply refused = registry.register(submission);
        assertEquals(List.of("XDSPatientIdDoesNotMatch"), refused.errorCodes(), refused::toString);
        assertEquals(Set.of(), stored(mine.uniqueId()));
    }

    @Test
    void refusedSubmissionLeavesNothingBehind() {
        Document good = SubmissionBuilder.document();
        String missingTarget = "urn:uuid:" + java.util.UUID.randomUUID();
        Soap.Reply refused = registry.register(SubmissionBuilder.forPatient(patient).add("Doc1", good)
                .relate(StoredQueryContract.RPLC, "Doc1", missingTarget).build());
        assertEquals(1, refused.errorCodes().size(), refused::toString);
        assertEquals(Set.of(), documentUniqueIds(registry.found(findDocuments(patient))));
        assertEquals(Set.of(), stored(good.uniqueId()));
    }
}
