package no.dhoindex.conformance.metadata;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.dhoindex.conformance.kit.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What the NIST toolkit does to a submission before sending it, and records for later steps:
 * patient ids set on every object (unless {@code NoPatientId}), symbolic ids turned into UUIDs
 * ({@code AssignUuids}), fresh uniqueIds (unless {@code NoAssignUids}). The maps are keyed by
 * the symbolic id the metadata file uses, as {@code UseId} refers to them.
 */
public final class SubmissionPreparation {

    private static final Set<String> PATIENT_ID_SCHEMES = Set.of(
            "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",   // XDSDocumentEntry.patientId
            "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",   // XDSSubmissionSet.patientId
            "urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a");  // XDSFolder.patientId
    private static final Set<String> UNIQUE_ID_SCHEMES = Set.of(
            "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",   // XDSDocumentEntry.uniqueId
            "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",   // XDSSubmissionSet.uniqueId
            "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a");  // XDSFolder.uniqueId
    // lid too: a first version's logical id is its own id, renamed with it.
    private static final List<String> REFERENCE_ATTRIBUTES = List.of("id", "lid", "classifiedObject", "registryObject",
            "sourceObject", "targetObject");

    private final Map<String, String> assignedUuids = new LinkedHashMap<>();
    private final Map<String, String> assignedUids = new LinkedHashMap<>();
    private final Map<String, String> assignedPatientIds = new LinkedHashMap<>();

    public Map<String, String> assignedUuids() {
        return assignedUuids;
    }

    public Map<String, String> assignedUids() {
        return assignedUids;
    }

    public Map<String, String> assignedPatientIds() {
        return assignedPatientIds;
    }

    /**
     * Applies the toolkit's defaults to a 3.0 SubmitObjectsRequest; {@code patientId} null keeps the file's,
     * {@code keepUidsOf} names objects whose uniqueId stays as written ({@code <NoAssignUids id="…"/>}).
     */
    public void prepare(Document submission, String patientId, boolean assignUuids, boolean assignUids,
                        Set<String> keepUidsOf) {
        List<Element> objects = topLevelObjects(submission);
        for (Element object : objects) {
            for (Element identifier : Xml.children(object, "ExternalIdentifier")) {
                String scheme = identifier.getAttribute("identificationScheme");
                String owner = object.getAttribute("id");
                if (PATIENT_ID_SCHEMES.contains(scheme)) {
                    if (patientId != null) {
                        identifier.setAttribute("value", patientId);
                    }
                    assignedPatientIds.put(owner, identifier.getAttribute("value"));
                } else if (UNIQUE_ID_SCHEMES.contains(scheme)) {
                    if (assignUids && !keepUidsOf.contains(owner)) {
                        identifier.setAttribute("value", newUid());
                    }
                    assignedUids.put(owner, identifier.getAttribute("value"));
                }
            }
        }
        if (assignUuids) {
            Map<String, String> mapping = new LinkedHashMap<>();
            collectSymbolicIds(submission.getDocumentElement(), mapping);
            rewriteReferences(submission.getDocumentElement(), mapping);
            assignedUuids.putAll(mapping);
        } else {
            for (Element object : objects) {
                String id = object.getAttribute("id");
                if (id.startsWith("urn:uuid:")) {
                    assignedUuids.put(id, id);
                }
            }
        }
    }

    private static List<Element> topLevelObjects(Document submission) {
        Element list = Xml.descendants(submission.getDocumentElement(), "RegistryObjectList").stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Submission has no RegistryObjectList"));
        return Xml.children(list);
    }

    private static void collectSymbolicIds(Element e, Map<String, String> mapping) {
        String id = e.getAttribute("id");
        if (!id.isEmpty() && !id.startsWith("urn:uuid:") && !mapping.containsKey(id)) {
            mapping.put(id, "urn:uuid:" + UUID.randomUUID());
        }
        for (Element child : Xml.children(e)) {
            collectSymbolicIds(child, mapping);
        }
    }

    private static void rewriteReferences(Element e, Map<String, String> mapping) {
        for (String attribute : REFERENCE_ATTRIBUTES) {
            String value = e.getAttribute(attribute);
            if (mapping.containsKey(value)) {
                e.setAttribute(attribute, mapping.get(value));
            }
        }
        for (Element child : Xml.children(e)) {
            rewriteReferences(child, mapping);
        }
    }

    /** A fresh OID under 2.25 (UUID-derived, ITU-T X.667), as unique as the toolkit's. */
    private static String newUid() {
        UUID uuid = UUID.randomUUID();
        BigInteger value = new BigInteger(1, toBytes(uuid));
        return "2.25." + value;
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return bytes;
    }
}
