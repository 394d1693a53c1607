package no.dhoindex.registry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.w3c.dom.Element;

/** The registry as a test talks to it: ITI-42 and ITI-18 on the wire, and what the replies hold. */
final class RegistryClient {

    private final URI endpoint;
    private final no.dhoindex.testsupport.XuaCaller xua;

    private final no.dhoindex.testsupport.SystemCaller registrant;

    /**
     * @param dataDir    the server's data directory, whose xua-trusted store gets the tests' issuer certificate
     * @param registrant the organisation's system that registers (its token from the stack's trust anchor)
     */
    RegistryClient(URI endpoint, java.nio.file.Path dataDir, no.dhoindex.testsupport.SystemCaller registrant) {
        this.endpoint = endpoint;
        this.registrant = registrant;
        this.xua = new no.dhoindex.testsupport.XuaCaller(dataDir.resolveSibling("xua-test-issuer"),
                dataDir.resolve("xua-trusted"));
    }

    /** The tests' gateway, for calls a test builds itself. */
    no.dhoindex.testsupport.XuaCaller xua() {
        return xua;
    }

    Soap.Reply register(String submission) {
        return registrant.register(endpoint, submission);
    }

    void registered(String submission) {
        Soap.Reply reply = register(submission);
        assertTrue(reply.isSuccess(), reply::toString);
    }

    /** The patient (CX) the user's assertion names for queries by id; set by {@link #about}. */
    private String patientCx;

    /** Queries by id are asked for a user whose assertion names this patient: they see only its objects. */
    RegistryClient about(String fnr) {
        return aboutCx(Samples.nationalCx(fnr));
    }

    RegistryClient aboutCx(String cx) {
        this.patientCx = cx.replace("&amp;", "&");
        return this;
    }

    /**
     * ITI-18 as a trusted gateway asks it: with a user's XUA assertion naming the query's patient, or
     * for a query by id the patient set by {@link #about} (a test must say whose objects it looks for).
     */
    Soap.Reply query(StoredQueryBuilder query) {
        String xml = query.build();
        String named = no.dhoindex.testsupport.XuaCaller.patientOf(xml);
        if (named == null && patientCx == null) {
            throw new IllegalStateException("a query by id is asked about a patient: call about(fnr) first");
        }
        return xua.query(endpoint, xml, named != null ? named : patientCx);
    }

    /** ITI-18 for a user whose assertion names {@code fnr}, whatever the query asks. */
    Soap.Reply queryAs(String fnr, StoredQueryBuilder query) {
        return xua.query(endpoint, query.build(), Samples.nationalCx(fnr).replace("&amp;", "&"));
    }

    /** A successful query's reply. */
    Soap.Reply found(StoredQueryBuilder query) {
        Soap.Reply reply = query(query);
        assertTrue(reply.isSuccess(), reply::toString);
        return reply;
    }

    static StoredQueryBuilder findDocuments(String fnr, String... statuses) {
        return StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", list(statuses.length == 0
                        ? new String[]{StoredQueryBuilder.APPROVED} : statuses));
    }

    /** ('a','b') as stored-query list values are written. */
    static String list(String... values) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append('\'').append(values[i]).append('\'');
        }
        return s.append(')').toString();
    }

    /** The uniqueIds of the DocumentEntries in a LeafClass reply. */
    static Set<String> documentUniqueIds(Soap.Reply reply) {
        return externalIds(reply, "ExtrinsicObject", "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab");
    }

    static Set<String> submissionSetUniqueIds(Soap.Reply reply) {
        return externalIds(reply, "RegistryPackage", "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8");
    }

    static Set<String> folderUniqueIds(Soap.Reply reply) {
        return externalIds(reply, "RegistryPackage", "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a");
    }

    private static Set<String> externalIds(Soap.Reply reply, String kind, String scheme) {
        Set<String> ids = new TreeSet<>();
        for (Element object : reply.elements(Soap.RIM, kind)) {
            var identifiers = object.getElementsByTagNameNS(Soap.RIM, "ExternalIdentifier");
            for (int i = 0; i < identifiers.getLength(); i++) {
                Element e = (Element) identifiers.item(i);
                if (scheme.equals(e.getAttribute("identificationScheme"))) {
                    ids.add(e.getAttribute("value"));
                }
            }
        }
        return ids;
    }

    /** The entryUUID the registry gave the document with this uniqueId. */
    String uuidOf(String documentUniqueId) {
        Soap.Reply reply = found(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", list(documentUniqueId)));
        List<Element> objects = reply.elements(Soap.RIM, "ExtrinsicObject");
        assertEquals(1, objects.size(), reply::toString);
        return objects.get(0).getAttribute("id");
    }

    String folderUuidOf(String folderUniqueId) {
        Soap.Reply reply = found(StoredQueryBuilder.query(StoredQueryBuilder.GET_FOLDERS)
                .slot("$XDSFolderUniqueId", list(folderUniqueId)));
        List<Element> objects = reply.elements(Soap.RIM, "RegistryPackage");
        assertEquals(1, objects.size(), reply::toString);
        return objects.get(0).getAttribute("id");
    }

    /** Status of each DocumentEntry in a reply, by uniqueId. */
    static List<String> statuses(Soap.Reply reply) {
        List<String> statuses = new ArrayList<>();
        reply.elements(Soap.RIM, "ExtrinsicObject").forEach(e -> statuses.add(e.getAttribute("status")));
        return statuses;
    }
}
