package no.dhoindex.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Builds an ITI-18 AdhocQueryRequest body: a query id, its slots, and the return type. */
public final class StoredQueryBuilder {

    public static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    public static final String FIND_SUBMISSION_SETS = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9";
    public static final String FIND_FOLDERS = "urn:uuid:958f3006-baad-4929-a4de-ff1114824431";
    public static final String GET_ALL = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3";
    public static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    public static final String GET_FOLDERS = "urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4";
    public static final String GET_ASSOCIATIONS = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155";
    public static final String GET_DOCUMENTS_AND_ASSOCIATIONS = "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a";
    public static final String GET_SUBMISSION_SETS = "urn:uuid:51224314-5390-4169-9b91-b1980040715a";
    public static final String GET_SUBMISSION_SET_AND_CONTENTS = "urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83";
    public static final String GET_FOLDER_AND_CONTENTS = "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7";
    public static final String GET_FOLDERS_FOR_DOCUMENT = "urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578";
    public static final String GET_RELATED_DOCUMENTS = "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6";
    public static final String FIND_DOCUMENTS_BY_REFERENCE_ID = "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492";

    public static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    public static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

    private final String queryId;
    private final List<String> slots = new ArrayList<>();
    private String returnType = "LeafClass";
    private String home;

    private StoredQueryBuilder(String queryId) {
        this.queryId = queryId;
    }

    public static StoredQueryBuilder query(String queryId) {
        return new StoredQueryBuilder(queryId);
    }

    /** A slot with its values as they go on the wire (quote them yourself: 'x' or ('a','b')). */
    public StoredQueryBuilder slot(String name, String... values) {
        StringBuilder s = new StringBuilder("<rim:Slot name=\"").append(name).append("\"><rim:ValueList>");
        for (String v : values) {
            s.append("<rim:Value>").append(v).append("</rim:Value>");
        }
        slots.add(s.append("</rim:ValueList></rim:Slot>").toString());
        return this;
    }

    /** The homeCommunityId the query is addressed to (XCA, ITI-38). */
    public StoredQueryBuilder home(String homeCommunityId) {
        this.home = homeCommunityId;
        return this;
    }

    public StoredQueryBuilder objectRefs() {
        this.returnType = "ObjectRef";
        return this;
    }

    public String build() {
        return "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" "
                + "xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
                + "<query:ResponseOption returnComposedObjects=\"true\" returnType=\"" + returnType + "\"/>"
                + "<rim:AdhocQuery id=\"" + queryId + "\"" + (home == null ? "" : " home=\"" + home + "\"") + ">"
                + String.join("", slots) + "</rim:AdhocQuery>"
                + "</query:AdhocQueryRequest>";
    }
}
