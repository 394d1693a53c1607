package no.dhoindex.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds ITI-42 SubmitObjectsRequests with any number of DocumentEntries, Folders and
 * Associations, each complete per ITI TF-3 (every required slot, classification and external
 * identifier); tests change one attribute at a time.
 */
public final class SubmissionBuilder {

    public static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    public static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    private static final String NATIONAL = "2.16.578.1.12.4.1.4.1";

    private final String patientCx;
    private final String setUniqueId = Samples.uniqueId();
    private final List<String> objects = new ArrayList<>();
    private final List<String> associations = new ArrayList<>();
    private int counter;

    private SubmissionBuilder(String patientCx) {
        this.patientCx = patientCx;
    }

    public static SubmissionBuilder forPatient(String fnr) {
        return new SubmissionBuilder(fnr + "^^^&amp;" + NATIONAL + "&amp;ISO");
    }

    public static SubmissionBuilder forPatientCx(String escapedCx) {
        return new SubmissionBuilder(escapedCx);
    }

    private String sourceId = "2.16.578.1.12.4.1.7.1.2";
    private String repositoryUniqueId = "2.16.578.1.12.4.1.7.1.2.1";

    /** The source (submission set sourceId) and repository the documents added after this name; the demo hospital's by default. */
    public SubmissionBuilder fromSource(String sourceId, String repositoryUniqueId) {
        this.sourceId = sourceId;
        this.repositoryUniqueId = repositoryUniqueId;
        return this;
    }

    public String submissionSetUniqueId() {
        return setUniqueId;
    }

    /** A document's attributes; defaults are those of the single-document sample. */
    public static final class Document {
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String[]> eventCodes = new ArrayList<>();
        final List<String[]> confidentialityCodes = new ArrayList<>();
        final List<String> referenceIds = new ArrayList<>();
        String objectType = STABLE;

        Document() {
            values.put("uniqueId", Samples.uniqueId());
            values.put("classCode", "A00-1");
            values.put("classScheme", "2.16.578.1.12.4.1.1.9602");
            values.put("typeCode", "A01-1");
            values.put("typeScheme", "2.16.578.1.12.4.1.1.9602");
            values.put("formatCode", "urn:ihe:iti:xds:2017:mimeTypeSufficient");
            values.put("formatScheme", "1.3.6.1.4.1.19376.1.2.3");
            values.put("facilityCode", "86");
            values.put("facilityScheme", "2.16.578.1.12.4.1.1.1303");
            values.put("practiceCode", "1");
            values.put("practiceScheme", "2.16.578.1.12.4.1.1.8653");
            values.put("creationTime", "20261101120000");
            values.put("serviceStartTime", "20261101080000");
            values.put("serviceStopTime", "20261101100000");
            values.put("authorPerson", "^Lege^Anne^^^");
            values.put("title", "Dokument");
        }

        public Document set(String name, String value) {
            values.put(name, value);
            return this;
        }

        public Document eventCode(String code, String scheme) {
            eventCodes.add(new String[]{code, scheme});
            return this;
        }

        public Document confidentiality(String code) {
            confidentialityCodes.add(new String[]{code, "2.16.578.1.12.4.1.1.9603"});
            return this;
        }

        public Document referenceId(String cxi) {
            referenceIds.add(cxi);
            return this;
        }

        public Document onDemand() {
            objectType = ON_DEMAND;
            return this;
        }

        public String uniqueId() {
            return values.get("uniqueId");
        }
    }

    public static Document document() {
        return new Document();
    }

    /** Adds a document under symbolic id {@code id}, a member of the submission set. */
    public SubmissionBuilder add(String id, Document d) {
        return addVersion(id, d, null, null);
    }

    /**
     * Adds a new version of the entry with logical id {@code logicalUuid} (ITI-57 / ITI-92): the
     * submission set's HasMember names the version it replaces ({@code previousVersion}).
     */
    public SubmissionBuilder addVersion(String id, Document d, String logicalUuid, String previousVersion) {
        Map<String, String> v = d.values;
        StringBuilder x = new StringBuilder();
        x.append("<rim:ExtrinsicObject id=\"").append(id).append("\" mimeType=\"text/xml\" objectType=\"")
                .append(d.objectType).append("\"").append(logicalUuid == null ? "" : " lid=\"" + logicalUuid + "\"")
                .append(">");
        if (d.objectType.equals(STABLE)) {
            slot(x, "creationTime", v.get("creationTime"));
            slot(x, "hash", v.getOrDefault("hash", "4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e"));
            slot(x, "size", "1024");
        }
        slot(x, "languageCode", "nb-NO");
        slot(x, "repositoryUniqueId", repositoryUniqueId);
        if (v.get("serviceStartTime") != null) {
            slot(x, "serviceStartTime", v.get("serviceStartTime"));
        }
        if (v.get("serviceStopTime") != null) {
            slot(x, "serviceStopTime", v.get("serviceStopTime"));
        }
        slot(x, "sourcePatientId", patientCx);
        if (!d.referenceIds.isEmpty()) {
            x.append("<rim:Slot name=\"urn:ihe:iti:xds:2013:referenceIdList\"><rim:ValueList>");
            d.referenceIds.forEach(r -> x.append("<rim:Value>").append(r).append("</rim:Value>"));
            x.append("</rim:ValueList></rim:Slot>");
        }
        x.append("<rim:Name><rim:LocalizedString value=\"").append(v.get("title")).append("\"/></rim:Name>");
        x.append("<rim:Classification classificationScheme=\"urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d\" ")
                .append("classifiedObject=\"").append(id).append("\" nodeRepresentation=\"\">");
        slot(x, "authorPerson", v.get("authorPerson"));
        if (v.get("authorInstitution") != null) {
            slot(x, "authorInstitution", v.get("authorInstitution"));
        }
        x.append("</rim:Classification>");
        code(x, id, "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a", v.get("classCode"), v.get("classScheme"));
        List<String[]> confidentiality = d.confidentialityCodes.isEmpty()
                ? List.<String[]>of(new String[]{"N", "2.16.578.1.12.4.1.1.9603"}) : d.confidentialityCodes;
        confidentiality.forEach(c -> code(x, id, "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", c[0], c[1]));
        d.eventCodes.forEach(c -> code(x, id, "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4", c[0], c[1]));
        code(x, id, "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d", v.get("formatCode"), v.get("formatScheme"));
        code(x, id, "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", v.get("facilityCode"), v.get("facilityScheme"));
        code(x, id, "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", v.get("practiceCode"), v.get("practiceScheme"));
        code(x, id, "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", v.get("typeCode"), v.get("typeScheme"));
        identifier(x, id, "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", patientCx, "XDSDocumentEntry.patientId");
        identifier(x, id, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab", v.get("uniqueId"), "XDSDocumentEntry.uniqueId");
        x.append("</rim:ExtrinsicObject>");
        objects.add(x.toString());
        member(id, true, previousVersion);
        return this;
    }

    /** An UpdateAvailabilityStatus of a registry object (ITI-57): {@code from} and {@code to} "Approved" / "Deprecated". */
    public SubmissionBuilder updateStatus(String targetUuid, String from, String to) {
        String status = "urn:oasis:names:tc:ebxml-regrep:StatusType:";
        associations.add("<rim:Association id=\"as" + (++counter) + "\" associationType=\"urn:ihe:iti:2010:"
                + "AssociationType:UpdateAvailabilityStatus\" sourceObject=\"SubmissionSet01\" targetObject=\""
                + targetUuid + "\"><rim:Slot name=\"OriginalStatus\"><rim:ValueList><rim:Value>" + status + from
                + "</rim:Value></rim:ValueList></rim:Slot><rim:Slot name=\"NewStatus\"><rim:ValueList><rim:Value>"
                + status + to + "</rim:Value></rim:ValueList></rim:Slot></rim:Association>");
        return this;
    }

    /** Adds a folder under symbolic id {@code id} with a code list entry, a member of the submission set. */
    public SubmissionBuilder folder(String id, String uniqueId, String code) {
        return folderVersion(id, uniqueId, code, null, null);
    }

    /**
     * Adds a new version of the folder with logical id {@code logicalUuid} (ITI-57): the submission
     * set's HasMember names the version it replaces ({@code previousVersion}).
     */
    public SubmissionBuilder folderVersion(String id, String uniqueId, String code, String logicalUuid,
                                           String previousVersion) {
        StringBuilder x = new StringBuilder();
        x.append("<rim:RegistryPackage id=\"").append(id).append("\"")
                .append(logicalUuid == null ? "" : " lid=\"" + logicalUuid + "\"").append(">");
        x.append("<rim:Name><rim:LocalizedString value=\"Mappe\"/></rim:Name>");
        code(x, id, "urn:uuid:1ba97051-7806-41a8-a48b-8fce7af683c5", code, "2.16.578.1.12.4.1.1.9602");
        identifier(x, id, "urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a", patientCx, "XDSFolder.patientId");
        identifier(x, id, "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a", uniqueId, "XDSFolder.uniqueId");
        x.append("</rim:RegistryPackage>");
        x.append("<rim:Classification id=\"cl").append(id).append("\" classifiedObject=\"").append(id)
                .append("\" classificationNode=\"urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2\"/>");
        objects.add(x.toString());
        member(id, false, previousVersion);
        return this;
    }

    /** An association between two objects (symbolic ids of this submission or UUIDs of the registry's). */
    public SubmissionBuilder associate(String type, String source, String target) {
        String id = "as" + (++counter);
        associations.add("<rim:Association id=\"" + id + "\" associationType=\"urn:oasis:names:tc:ebxml-regrep:"
                + "AssociationType:" + type + "\" sourceObject=\"" + source + "\" targetObject=\"" + target + "\"/>");
        if (type.equals("HasMember")) {
            // A folder membership is itself a member of the submission set (ITI TF-3 4.2.2.1.2).
            member(id, false);
        }
        return this;
    }

    /** RPLC, APND, XFRM, XFRM_RPLC: {@code type} is the IHE code, e.g. "urn:ihe:iti:2007:AssociationType:RPLC". */
    public SubmissionBuilder relate(String iheType, String source, String targetUuid) {
        String id = "as" + (++counter);
        associations.add("<rim:Association id=\"" + id + "\" associationType=\"" + iheType + "\" sourceObject=\""
                + source + "\" targetObject=\"" + targetUuid + "\"/>");
        return this;
    }

    /** SubmissionSetStatus is stated for document members only (ITI TF-3 4.2.2.1.1). */
    private void member(String target, boolean document) {
        member(target, document, null);
    }

    private void member(String target, boolean document, String previousVersion) {
        String id = "as" + (++counter);
        associations.add("<rim:Association id=\"" + id + "\" associationType=\"urn:oasis:names:tc:ebxml-regrep:"
                + "AssociationType:HasMember\" sourceObject=\"SubmissionSet01\" targetObject=\"" + target + "\">"
                + (document ? "<rim:Slot name=\"SubmissionSetStatus\"><rim:ValueList><rim:Value>Original</rim:Value>"
                + "</rim:ValueList></rim:Slot>" : "")
                + (previousVersion == null ? "" : "<rim:Slot name=\"PreviousVersion\"><rim:ValueList><rim:Value>"
                + previousVersion + "</rim:Value></rim:ValueList></rim:Slot>") + "</rim:Association>");
    }

    public String build() {
        StringBuilder x = new StringBuilder("<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:"
                + "xsd:lcm:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>");
        objects.forEach(x::append);
        x.append("<rim:RegistryPackage id=\"SubmissionSet01\">");
        slot(x, "submissionTime", "20261124120000");
        x.append("<rim:Classification classificationScheme=\"urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d\" "
                + "classifiedObject=\"SubmissionSet01\" nodeRepresentation=\"\">");
        slot(x, "authorPerson", "^Lege^Anne^^^");
        x.append("</rim:Classification>");
        code(x, "SubmissionSet01", "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500", "A00-1", "2.16.578.1.12.4.1.1.9602");
        identifier(x, "SubmissionSet01", "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8", setUniqueId,
                "XDSSubmissionSet.uniqueId");
        identifier(x, "SubmissionSet01", "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832", sourceId,
                "XDSSubmissionSet.sourceId");
        identifier(x, "SubmissionSet01", "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446", patientCx,
                "XDSSubmissionSet.patientId");
        x.append("</rim:RegistryPackage><rim:Classification id=\"clSS\" classifiedObject=\"SubmissionSet01\" "
                + "classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\"/>");
        associations.forEach(x::append);
        return x.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>").toString();
    }

    private static void slot(StringBuilder x, String name, String value) {
        x.append("<rim:Slot name=\"").append(name).append("\"><rim:ValueList><rim:Value>").append(value)
                .append("</rim:Value></rim:ValueList></rim:Slot>");
    }

    private static void code(StringBuilder x, String object, String scheme, String code, String codingScheme) {
        x.append("<rim:Classification classificationScheme=\"").append(scheme).append("\" classifiedObject=\"")
                .append(object).append("\" nodeRepresentation=\"").append(code).append("\">");
        slot(x, "codingScheme", codingScheme);
        x.append("<rim:Name><rim:LocalizedString value=\"").append(code).append("\"/></rim:Name></rim:Classification>");
    }

    private void identifier(StringBuilder x, String object, String scheme, String value, String name) {
        x.append("<rim:ExternalIdentifier id=\"ei").append(++counter).append("\" registryObject=\"").append(object)
                .append("\" identificationScheme=\"").append(scheme).append("\" value=\"").append(value)
                .append("\"><rim:Name><rim:LocalizedString value=\"").append(name)
                .append("\"/></rim:Name></rim:ExternalIdentifier>");
    }
}
