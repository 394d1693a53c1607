package no.dhoindex.conformance.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.testsupport.Soap;
import org.w3c.dom.Element;

/**
 * What one source holds about one patient, read from its own GetAll answer (LeafClass): every
 * DocumentEntry, SubmissionSet, Folder and Association with its entryUUID and uniqueId. The matrix
 * aims its questions at these objects.
 */
record Holdings(String patient, List<Entry> documents, List<Entry> submissionSets, List<Entry> folders,
                List<Link> associations) {

    static final String DOCUMENT_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    static final String SUBMISSION_SET_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    static final String FOLDER_UNIQUE_ID = "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a";
    static final String REFERENCE_ID_LIST = "urn:ihe:iti:xds:2013:referenceIdList";

    /** An object: its entryUUID, uniqueId, and for documents where it is kept and its reference ids. */
    record Entry(String uuid, String uniqueId, String repositoryUniqueId, String home, List<String> referenceIds) {
    }

    record Link(String uuid, String type, String source, String target) {
    }

    static Holdings of(String patient, Soap.Reply getAll) {
        if (!getAll.isSuccess()) {
            throw new IllegalStateException("GetAll for " + patient + " failed: " + getAll);
        }
        List<Entry> documents = new ArrayList<>();
        for (Element e : getAll.elements(Soap.RIM, "ExtrinsicObject")) {
            documents.add(new Entry(e.getAttribute("id"), identifier(e, DOCUMENT_UNIQUE_ID),
                    slot(e, "repositoryUniqueId").stream().findFirst().orElse(null),
                    e.getAttribute("home").isEmpty() ? null : e.getAttribute("home"), slot(e, REFERENCE_ID_LIST)));
        }
        List<Entry> sets = new ArrayList<>();
        List<Entry> folders = new ArrayList<>();
        for (Element e : getAll.elements(Soap.RIM, "RegistryPackage")) {
            String set = identifier(e, SUBMISSION_SET_UNIQUE_ID);
            if (set != null) {
                sets.add(new Entry(e.getAttribute("id"), set, null, null, List.of()));
            } else {
                folders.add(new Entry(e.getAttribute("id"), identifier(e, FOLDER_UNIQUE_ID), null, null, List.of()));
            }
        }
        List<Link> links = new ArrayList<>();
        for (Element e : getAll.elements(Soap.RIM, "Association")) {
            links.add(new Link(e.getAttribute("id"), e.getAttribute("associationType"), e.getAttribute("sourceObject"),
                    e.getAttribute("targetObject")));
        }
        return new Holdings(patient, documents, sets, folders, links);
    }

    /** This source's documents with the registry's submission sets, folders and associations around them. */
    Holdings withContext(Holdings registry) {
        return new Holdings(patient, documents, registry.submissionSets(), registry.folders(), registry.associations());
    }

    /** Every entryUUID and uniqueId here: none of them may appear in an answer to another patient's caller. */
    Set<String> markers() {
        Set<String> markers = new LinkedHashSet<>();
        for (List<Entry> entries : List.of(documents, submissionSets, folders)) {
            for (Entry e : entries) {
                markers.add(e.uuid());
                if (e.uniqueId() != null) {
                    markers.add(e.uniqueId());
                }
            }
        }
        associations.forEach(a -> markers.add(a.uuid()));
        return markers;
    }

    Optional<Entry> document() {
        return documents.stream().findFirst();
    }

    /** A stable document this source keeps itself (ITI-43 / ITI-39 targets), in {@code repository}. */
    Optional<Entry> documentIn(String repository) {
        return documents.stream().filter(d -> repository.equals(d.repositoryUniqueId())).findFirst();
    }

    Optional<Entry> documentWithReferenceId() {
        return documents.stream().filter(d -> !d.referenceIds().isEmpty()).findFirst();
    }

    /** A document some folder holds (HasMember from a folder). */
    Optional<Entry> documentInFolder() {
        Set<String> folderIds = new LinkedHashSet<>();
        folders.forEach(f -> folderIds.add(f.uuid()));
        return associations.stream().filter(a -> a.type().endsWith("HasMember") && folderIds.contains(a.source()))
                .map(Link::target).flatMap(t -> documents.stream().filter(d -> d.uuid().equals(t))).findFirst();
    }

    /** A document that is the source of a document relationship (APND, RPLC, XFRM, signs). */
    Optional<Entry> relatedDocument() {
        return associations.stream().filter(a -> !a.type().endsWith("HasMember"))
                .map(Link::source).flatMap(s -> documents.stream().filter(d -> d.uuid().equals(s))).findFirst();
    }

    Optional<Entry> submissionSet() {
        return submissionSets.stream().findFirst();
    }

    Optional<Entry> folder() {
        return folders.stream().findFirst();
    }

    private static String identifier(Element object, String scheme) {
        for (Element id : children(object, "ExternalIdentifier")) {
            if (scheme.equals(id.getAttribute("identificationScheme"))) {
                return id.getAttribute("value");
            }
        }
        return null;
    }

    private static List<String> slot(Element object, String name) {
        List<String> values = new ArrayList<>();
        for (Element slot : children(object, "Slot")) {
            if (name.equals(slot.getAttribute("name"))) {
                var nodes = slot.getElementsByTagNameNS(Soap.RIM, "Value");
                for (int i = 0; i < nodes.getLength(); i++) {
                    values.add(nodes.item(i).getTextContent());
                }
            }
        }
        return values;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Soap.RIM.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }
}
