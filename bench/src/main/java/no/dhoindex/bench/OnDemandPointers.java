package no.dhoindex.bench;

import java.util.ArrayList;
import java.util.List;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The freshness benchmark's reading of the registry: the ITI-18 FindDocuments it asks for a patient's approved
 * on-demand entries, and the service stop times of one repository's entries in the answer.
 *
 * <p>FindDocuments answers stable entries only unless {@code $XDSDocumentEntryType} names on-demand ones (ITI-18's
 * default, the registry's {@code DocumentFilter}), so the query must ask for them: without it the adapter's pointer
 * is never in the answer, which is why the benchmark's first runs never saw one.
 */
final class OnDemandPointers {

    static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    private OnDemandPointers() {
    }

    /** ITI-18 FindDocuments: the patient's approved on-demand entries, as LeafClass. */
    static String findApproved(String patientCx) {
        return StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + patientCx + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryType", "('" + ON_DEMAND + "')").build();
    }

    /**
     * The serviceStopTime of every on-demand entry in the answer (its SOAP envelope, parsed namespace-aware) whose
     * repositoryUniqueId is {@code repository} (an empty string for an entry without one), in document order.
     *
     * @throws IllegalArgumentException when there is no answer or it holds no AdhocQueryResponse
     */
    static List<String> serviceStopTimes(Document answer, String repository) {
        if (answer == null || answer.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0", "AdhocQueryResponse")
                .getLength() == 0) {
            throw new IllegalArgumentException("No AdhocQueryResponse in the answer");
        }
        List<String> stops = new ArrayList<>();
        NodeList entries = answer.getElementsByTagNameNS(RIM, "ExtrinsicObject");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            if (ON_DEMAND.equals(entry.getAttribute("objectType")) && repository.equals(slot(entry, "repositoryUniqueId"))) {
                String stop = slot(entry, "serviceStopTime");
                stops.add(stop == null ? "" : stop);
            }
        }
        return stops;
    }

    /** The first value of the entry's own slot of that name (not a classification's), or null. */
    private static String slot(Element entry, String name) {
        for (var n = entry.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element slot && RIM.equals(slot.getNamespaceURI()) && "Slot".equals(slot.getLocalName())
                    && name.equals(slot.getAttribute("name"))) {
                NodeList values = slot.getElementsByTagNameNS(RIM, "Value");
                return values.getLength() == 0 ? null : values.item(0).getTextContent().strip();
            }
        }
        return null;
    }
}
