package no.dhoindex.adapters.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The registry's on-demand pointers to one organisation's platform data, as ITI-18 returns them:
 * several organisations publish pointers for the same demo patients, so tests look at one
 * repository's at a time.
 */
final class RegistryPointers {

    static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    static final String MEASUREMENTS = "8716-3^^2.16.840.1.113883.6.1";
    private static final String UNIQUE_ID_SCHEME = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";

    /** One DocumentEntry as the registry returned it. */
    record Pointer(String entryUuid, String uniqueId, String status, String repositoryUniqueId) {
    }

    private RegistryPointers() {
    }

    /**
     * The patient's approved on-demand pointers held by {@code repositoryUniqueId}, optionally only
     * those of a class code and with an event code (LOINC).
     */
    static List<Pointer> approved(String fnr, String repositoryUniqueId, String classCode, String eventCode) {
        return heldBy(findApproved(fnr, classCode, eventCode), repositoryUniqueId);
    }

    /** ITI-18 FindDocuments: the patient's approved on-demand entries, of every organisation. */
    static Soap.Reply findApproved(String fnr, String classCode, String eventCode) {
        StoredQueryBuilder query = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryType", "('" + ON_DEMAND + "')");
        if (classCode != null) {
            query.slot("$XDSDocumentEntryClassCode", "('" + classCode + "')");
        }
        if (eventCode != null) {
            query.slot("$XDSDocumentEntryEventCodeList", "('" + eventCode + "^^2.16.840.1.113883.6.1')");
        }
        Soap.Reply reply = AdapterStack.xua().query(AdapterStack.uri("/registry/services/registry"), query.build());
        assertTrue(reply.isSuccess(), reply::toString);
        return reply;
    }

    /** The reply's entries whose documents {@code repositoryUniqueId} holds. */
    static List<Pointer> heldBy(Soap.Reply reply, String repositoryUniqueId) {
        return pointers(reply).stream().filter(p -> repositoryUniqueId.equals(p.repositoryUniqueId())).toList();
    }

    static List<Pointer> pointers(Soap.Reply reply) {
        List<Pointer> result = new ArrayList<>();
        for (Element entry : reply.elements(Soap.RIM, "ExtrinsicObject")) {
            String uniqueId = null;
            NodeList identifiers = entry.getElementsByTagNameNS(Soap.RIM, "ExternalIdentifier");
            for (int i = 0; i < identifiers.getLength(); i++) {
                Element e = (Element) identifiers.item(i);
                if (UNIQUE_ID_SCHEME.equals(e.getAttribute("identificationScheme"))) {
                    uniqueId = e.getAttribute("value");
                }
            }
            result.add(new Pointer(entry.getAttribute("id"), uniqueId, entry.getAttribute("status"),
                    slot(entry, "repositoryUniqueId")));
        }
        return result;
    }

    static String slot(Element entry, String name) {
        NodeList slots = entry.getElementsByTagNameNS(Soap.RIM, "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element slot = (Element) slots.item(i);
            if (name.equals(slot.getAttribute("name"))) {
                return slot.getElementsByTagNameNS(Soap.RIM, "Value").item(0).getTextContent();
            }
        }
        return null;
    }
}
