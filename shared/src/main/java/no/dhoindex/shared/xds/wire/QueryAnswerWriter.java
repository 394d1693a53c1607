package no.dhoindex.shared.xds.wire;

import static org.openehealth.ipf.commons.ihe.xds.core.metadata.Vocabulary.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.Recipient;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Telecom;
import no.dhoindex.shared.xds.model.Text;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationLabel;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentAvailability;

/**
 * Writes a stored query's answer (ITI-18 / ITI-38 AdhocQueryResponse, ebRS 3.0) straight from the domain records
 * through {@link AnswerOut} (StAX calls, or XML text of its own for a Woodstox writer). The records stay free of XML
 * (no escaped or cached wire forms on them): they are the registry's, gateway's and adapters' shared model, and
 * the wire is this package's business. The same elements, attributes, slots, classifications and external identifiers, in the same order and
 * with the same HL7 v2 forms as IPF's transformer followed by JAXB ({@link XdsMessages#queryResponse}), without
 * building either model. What an IPF answer carries that this one does not: only the ids IPF generates for
 * classifications and external identifiers, which are fresh random UUIDs in both (ids the registry never stores nor
 * looks up; here from a non-cryptographic generator, as unpredictability is not their purpose).
 */
public final class QueryAnswerWriter {

    static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";

    private static final String CLASSIFICATION = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
    private static final String EXTERNAL_IDENTIFIER =
            "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";
    private static final String REGISTRY_PACKAGE =
            "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage";
    private static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    private static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    private static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    private static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    private static final String ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
    private static final String WARNING = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning";
    /** IPF's LocalizedString(value) for a code's display name carries these (CodeTransformer). */
    private static final String DISPLAY_NAME_LANG = "en-US";
    private static final String DISPLAY_NAME_CHARSET = "UTF-8";
    /** IPF splits sourcePatientInfo values that would pass this length (PatientInfoTransformer). */
    private static final int PID_VALUE_LENGTH = 255;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final AnswerOut w;

    private QueryAnswerWriter(AnswerOut w) {
        this.w = w;
    }

    /**
     * Writes {@code answer} as one AdhocQueryResponse element at the writer's position: into a Woodstox writer (CXF's)
     * as XML text of its own handed over raw, into any other by its StAX calls ({@link AnswerOut#of}). The element
     * declares every namespace it uses, so it stands on its own inside whatever envelope it is written into.
     */
    public static void write(QueryAnswer answer, ReturnType returnType, XMLStreamWriter w) throws XMLStreamException {
        write(answer, returnType, AnswerOut.of(w));
    }

    /**
     * Writes {@code answer} by StAX calls whatever the writer: the path before raw text, for comparisons (the bench's
     * AnswerWriterRawCpu) and for a writer that must see every element.
     */
    public static void writeByStaxCalls(QueryAnswer answer, ReturnType returnType, XMLStreamWriter w)
            throws XMLStreamException {
        write(answer, returnType, new AnswerOut.Stax(w));
    }

    static void write(QueryAnswer answer, ReturnType returnType, AnswerOut out) throws XMLStreamException {
        new QueryAnswerWriter(out).response(answer, returnType);
        out.finish();
    }

    /** A Classification or ExternalIdentifier, with the fresh id it is given ({@link #newId}). */
    private void startWithNewId(String element) throws XMLStreamException {
        start(element);
        w.attributeAsIs("id", newId());
    }

    /** An ebRIM element, in the default namespace the answer's root declares. */
    private void start(String local) throws XMLStreamException {
        w.start("", local, RIM);
    }

    private void response(QueryAnswer answer, ReturnType returnType) throws XMLStreamException {
        w.start("query", "AdhocQueryResponse", QUERY);
        w.namespace("query", QUERY);
        // ebRIM as the default namespace: most elements are ebRIM, and a prefix on each cost ~10 % of the answer's bytes.
        w.namespace("", RIM);
        w.namespace("rs", RS);
        w.attributeAsIs("status", switch (answer.status()) {
            case SUCCESS -> "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
            case PARTIAL_SUCCESS -> "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
            case FAILURE -> "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
        });
        if (!answer.errors().isEmpty()) {
            w.start("rs", "RegistryErrorList", RS);
            for (XdsError e : answer.errors()) {
                w.start("rs", "RegistryError", RS);
                attribute("codeContext", e.context());
                w.attributeAsIs("errorCode", e.code().code());
                w.attributeAsIs("severity", e.severity() == XdsError.Severity.WARNING ? WARNING : ERROR);
                attribute("location", e.location());
                w.end();
            }
            w.end();
        }
        start("RegistryObjectList");
        QueryResult result = answer.result();
        if (returnType == ReturnType.OBJECT_REF) {
            for (DocumentPointer d : result.documents()) {
                objectRef(d.entryUuid(), d.id().homeCommunityId());
            }
            for (SubmissionSet s : result.submissionSets()) {
                objectRef(s.entryUuid(), s.id().homeCommunityId());
            }
            for (Folder f : result.folders()) {
                objectRef(f.entryUuid(), f.id().homeCommunityId());
            }
            for (Association a : result.associations()) {
                objectRef(a.entryUuid(), a.homeCommunityId());
            }
        } else {
            // IPF's order (QueryResponseTransformer): entries, folders, submission sets, associations.
            for (DocumentPointer d : result.documents()) {
                documentEntry(d);
            }
            for (Folder f : result.folders()) {
                folder(f);
            }
            for (SubmissionSet s : result.submissionSets()) {
                submissionSet(s);
            }
            for (Association a : result.associations()) {
                association(a);
            }
        }
        w.end();
        w.end();
    }

    private void objectRef(String id, String home) throws XMLStreamException {
        start("ObjectRef");
        w.attribute("id", id);
        attribute("home", home);
        w.end();
    }

    private void documentEntry(DocumentPointer d) throws XMLStreamException {
        RegistryObjectId id = d.id();
        String uuid = id.entryUuid();
        DocumentLocation l = d.location();
        start("ExtrinsicObject");
        w.attribute("id", uuid);
        attribute("home", id.homeCommunityId());
        attribute("lid", id.logicalUuid());
        attribute("mimeType", l == null ? null : l.mimeType());
        w.attributeAsIs("objectType", d.type() == DocumentEntryType.ON_DEMAND ? ON_DEMAND : STABLE);
        own("status", status(d.status()));
        Provenance p = d.provenance();
        slot(SLOT_NAME_CREATION_TIME, p == null ? null : p.creationTime());
        if (l != null) {
            slot(SLOT_NAME_HASH, l.hash());
            slot(SLOT_NAME_LANGUAGE_CODE, l.languageCode());
        }
        if (p != null) {
            slot(SLOT_NAME_SERVICE_START_TIME, p.serviceStartTime());
            slot(SLOT_NAME_SERVICE_STOP_TIME, p.serviceStopTime());
        }
        if (l != null) {
            slot(SLOT_NAME_REPOSITORY_UNIQUE_ID, l.repositoryUniqueId());
            slot(SLOT_NAME_URI, l.uri());
            slot(SLOT_NAME_DOCUMENT_AVAILABILITY, l.documentAvailability() == null ? null
                    : DocumentAvailability.toFullQualifiedOpcode(
                            DocumentAvailability.valueOfOpcode(l.documentAvailability())));
            slot(SLOT_NAME_SIZE, l.size() == null ? null : l.size().toString());
        }
        if (p != null) {
            slot(SLOT_NAME_LEGAL_AUTHENTICATOR, p.legalAuthenticator() == null ? null : p.legalAuthenticator().toXcn());
            slot(SLOT_NAME_SOURCE_PATIENT_ID, p.sourcePatientId() == null ? null : p.sourcePatientId().toCxWithoutType());
            slot(SLOT_NAME_SOURCE_PATIENT_INFO, sourcePatientInfo(p.sourcePatient()));
        }
        if (!d.referenceIds().isEmpty()) {
            List<String> refs = new ArrayList<>(d.referenceIds().size());
            d.referenceIds().forEach(r -> refs.add(r.toCx()));
            slot(SLOT_NAME_REFERENCE_ID_LIST, refs);
        }
        extraSlots(d.extraMetadata());
        texts(d.title(), d.comments());
        version(id.version());
        if (p != null) {
            for (Author a : p.authors()) {
                author(a, uuid, DOC_ENTRY_AUTHOR_CLASS_SCHEME);
            }
        }
        DocumentCodes c = d.codes();
        if (c != null) {
            code(c.classCode(), uuid, DOC_ENTRY_CLASS_CODE_CLASS_SCHEME);
            code(c.formatCode(), uuid, DOC_ENTRY_FORMAT_CODE_CLASS_SCHEME);
            code(c.healthcareFacilityTypeCode(), uuid, DOC_ENTRY_HEALTHCARE_FACILITY_TYPE_CODE_CLASS_SCHEME);
            code(c.practiceSettingCode(), uuid, DOC_ENTRY_PRACTICE_SETTING_CODE_CLASS_SCHEME);
            code(c.typeCode(), uuid, DOC_ENTRY_TYPE_CODE_CLASS_SCHEME);
            for (Code code : c.confidentialityCodes()) {
                code(code, uuid, DOC_ENTRY_CONFIDENTIALITY_CODE_CLASS_SCHEME);
            }
            for (Code code : c.eventCodes()) {
                code(code, uuid, DOC_ENTRY_EVENT_CODE_CLASS_SCHEME);
            }
        }
        externalIdentifier(uuid, patient(d.patientId()), DOC_ENTRY_PATIENT_ID_EXTERNAL_ID,
                DOC_ENTRY_LOCALIZED_STRING_PATIENT_ID);
        externalIdentifier(uuid, id.uniqueId(), DOC_ENTRY_UNIQUE_ID_EXTERNAL_ID, DOC_ENTRY_LOCALIZED_STRING_UNIQUE_ID);
        w.end();
    }

    private void folder(Folder f) throws XMLStreamException {
        RegistryObjectId id = f.id();
        String uuid = id.entryUuid();
        packageClassification(uuid, FOLDER_CLASS_NODE);
        startPackage(id, f.status());
        slot(SLOT_NAME_LAST_UPDATE_TIME, f.lastUpdateTime());
        extraSlots(f.extraMetadata());
        texts(f.title(), f.comments());
        version(id.version());
        for (Code code : f.codes()) {
            code(code, uuid, FOLDER_CODE_LIST_CLASS_SCHEME);
        }
        externalIdentifier(uuid, patient(f.patientId()), FOLDER_PATIENT_ID_EXTERNAL_ID,
                FOLDER_LOCALIZED_STRING_PATIENT_ID);
        externalIdentifier(uuid, id.uniqueId(), FOLDER_UNIQUE_ID_EXTERNAL_ID, FOLDER_LOCALIZED_STRING_UNIQUE_ID);
        w.end();
    }

    private void submissionSet(SubmissionSet s) throws XMLStreamException {
        RegistryObjectId id = s.id();
        String uuid = id.entryUuid();
        packageClassification(uuid, SUBMISSION_SET_CLASS_NODE);
        startPackage(id, s.status());
        if (!s.intendedRecipients().isEmpty()) {
            List<String> recipients = new ArrayList<>(s.intendedRecipients().size());
            s.intendedRecipients().forEach(r -> recipients.add(recipient(r)));
            slot(SLOT_NAME_INTENDED_RECIPIENT, recipients);
        }
        slot(SLOT_NAME_SUBMISSION_TIME, s.submissionTime());
        extraSlots(s.extraMetadata());
        texts(s.title(), s.comments());
        version(id.version());
        for (Author a : s.authors()) {
            author(a, uuid, SUBMISSION_SET_AUTHOR_CLASS_SCHEME);
        }
        code(s.contentTypeCode(), uuid, SUBMISSION_SET_CONTENT_TYPE_CODE_CLASS_SCHEME);
        externalIdentifier(uuid, patient(s.patientId()), SUBMISSION_SET_PATIENT_ID_EXTERNAL_ID,
                SUBMISSION_SET_LOCALIZED_STRING_PATIENT_ID);
        externalIdentifier(uuid, id.uniqueId(), SUBMISSION_SET_UNIQUE_ID_EXTERNAL_ID,
                SUBMISSION_SET_LOCALIZED_STRING_UNIQUE_ID);
        externalIdentifier(uuid, s.sourceId(), SUBMISSION_SET_SOURCE_ID_EXTERNAL_ID,
                SUBMISSION_SET_LOCALIZED_STRING_SOURCE_ID);
        w.end();
    }

    private void association(Association a) throws XMLStreamException {
        start("Association");
        w.attribute("id", a.entryUuid());
        attribute("home", a.homeCommunityId());
        w.attributeAsIs("associationType",
                AssociationType.getOpcode30(AssociationType.valueOf(a.type().name())));
        w.attribute("sourceObject", a.sourceUuid());
        w.attribute("targetObject", a.targetUuid());
        own("status", status(a.status()));
        // IPF's order (AssociationTransformer); the Metadata Update slots the domain keeps among the extra metadata.
        slot(SLOT_NAME_SUBMISSION_SET_STATUS, a.submissionSetStatus() == null ? null
                : AssociationLabel.toOpcode(AssociationLabel.fromOpcode(a.submissionSetStatus())));
        slot(SLOT_NAME_PREVIOUS_VERSION, a.previousVersion());
        slot(SLOT_NAME_ORIGINAL_STATUS, status(a.originalStatus()));
        slot(SLOT_NAME_NEW_STATUS, status(a.newStatus()));
        if (a.extraMetadata().containsKey(Association.ASSOCIATION_PROPAGATION)) {
            slot(SLOT_NAME_ASSOCIATION_PROPAGATION, a.propagates() ? "yes" : "no");
        }
        extraSlots(a.extraMetadata());
        code(a.documentation(), a.entryUuid(), ASSOCIATION_DOC_CODE_CLASS_SCHEME);
        w.end();
    }

    private void startPackage(RegistryObjectId id, AvailabilityStatus status) throws XMLStreamException {
        start("RegistryPackage");
        w.attribute("id", id.entryUuid());
        attribute("home", id.homeCommunityId());
        attribute("lid", id.logicalUuid());
        w.attributeAsIs("objectType", REGISTRY_PACKAGE);
        own("status", status(status));
    }

    /** The Classification that makes a RegistryPackage a folder or submission set, written before it as IPF does. */
    private void packageClassification(String uuid, String node) throws XMLStreamException {
        startWithNewId("Classification");
        w.attribute("classifiedObject", uuid);
        w.attributeAsIs("classificationNode", node);
        w.attributeAsIs("objectType", CLASSIFICATION);
        w.end();
    }

    private void author(Author a, String classified, String scheme) throws XMLStreamException {
        startClassification(classified, scheme, NODE_REPRESENTATION_AUTHOR);
        slot(SLOT_NAME_AUTHOR_PERSON, a.person() == null ? null : a.person().toXcn());
        if (!a.institutions().isEmpty()) {
            List<String> values = new ArrayList<>(a.institutions().size());
            a.institutions().forEach(i -> values.add(i.toXon()));
            slot(SLOT_NAME_AUTHOR_INSTITUTION, values);
        }
        identifiers(SLOT_NAME_AUTHOR_ROLE, a.roles());
        identifiers(SLOT_NAME_AUTHOR_SPECIALTY, a.specialties());
        if (!a.telecoms().isEmpty()) {
            List<String> values = new ArrayList<>(a.telecoms().size());
            a.telecoms().forEach(t -> values.add(t.toXtn()));
            slot(SLOT_NAME_AUTHOR_TELECOM, values);
        }
        w.end();
    }

    private void identifiers(String slot, List<Identifier> identifiers) throws XMLStreamException {
        if (!identifiers.isEmpty()) {
            List<String> values = new ArrayList<>(identifiers.size());
            identifiers.forEach(i -> values.add(i.toCxWithoutType()));
            slot(slot, values);
        }
    }

    private void code(Code code, String classified, String scheme) throws XMLStreamException {
        if (code == null) {
            return;
        }
        startClassification(classified, scheme, code.code());
        slot(SLOT_NAME_CODING_SCHEME, code.scheme());
        if (code.displayName() != null) {
            start("Name");
            localizedString(code.displayName(), DISPLAY_NAME_LANG, DISPLAY_NAME_CHARSET);
            w.end();
        }
        w.end();
    }

    private void startClassification(String classified, String scheme, String node) throws XMLStreamException {
        startWithNewId("Classification");
        w.attributeAsIs("classificationScheme", scheme);
        w.attribute("classifiedObject", classified);
        w.attribute("nodeRepresentation", node);
        w.attributeAsIs("objectType", CLASSIFICATION);
    }

    private void externalIdentifier(String registryObject, String value, String scheme, String name)
            throws XMLStreamException {
        if (value == null) {
            return;
        }
        startWithNewId("ExternalIdentifier");
        w.attribute("registryObject", registryObject);
        w.attributeAsIs("identificationScheme", scheme);
        w.attribute("value", value);
        w.attributeAsIs("objectType", EXTERNAL_IDENTIFIER);
        start("Name");
        localizedString(name, null, null);
        w.end();
        w.end();
    }

    private void texts(Text title, Text comments) throws XMLStreamException {
        text("Name", title);
        text("Description", comments);
    }

    private void text(String element, Text text) throws XMLStreamException {
        if (text != null) {
            start(element);
            localizedString(text.value(), text.lang(), text.charset());
            w.end();
        }
    }

    private void localizedString(String value, String lang, String charset) throws XMLStreamException {
        start("LocalizedString");
        if (lang != null) {
            w.lang(lang);
        }
        attribute("charset", charset);
        attribute("value", value);
        w.end();
    }

    private void version(String version) throws XMLStreamException {
        if (version != null) {
            start("VersionInfo");
            w.attribute("versionName", version);
            w.end();
        }
    }

    /** A slot of one value; none when the value is null (IPF's addSlot leaves out null values, then empty slots). */
    private void slot(String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        startSlot(name, true);
        value(value);
        endSlot();
    }

    private void slot(String name, List<String> values) throws XMLStreamException {
        boolean any = false;
        for (String v : values) {
            any |= v != null;
        }
        if (!any) {
            return;
        }
        startSlot(name, true);
        for (String v : values) {
            if (v != null) {
                value(v);
            }
        }
        endSlot();
    }

    /**
     * The extra metadata slots as IPF's marshaller adds them ({@link XdsJaxbDataBinding}): those whose names are extra
     * metadata names ({@code urn:}, not {@code urn:ihe:}), after the others, each with all its values, even none.
     */
    private void extraSlots(Map<String, List<String>> extra) throws XMLStreamException {
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            if (XdsJaxbDataBinding.isExtraMetadataSlotName(e.getKey())) {
                startSlot(e.getKey(), false);
                for (String v : e.getValue()) {
                    value(v);
                }
                endSlot();
            }
        }
    }

    /** {@code own}: a slot name of the standard's (a constant), not one from the extra metadata. */
    private void startSlot(String name, boolean own) throws XMLStreamException {
        start("Slot");
        if (own) {
            w.attributeAsIs("name", name);
        } else {
            w.attribute("name", name);
        }
        start("ValueList");
    }

    private void value(String value) throws XMLStreamException {
        start("Value");
        w.text(value);
        w.end();
    }

    private void endSlot() throws XMLStreamException {
        w.end();
        w.end();
    }

    private void attribute(String name, String value) throws XMLStreamException {
        if (value != null) {
            w.attribute(name, value);
        }
    }

    /** An attribute whose value, when there is one, is this writer's own: a constant of ebRS or XDS. */
    private void own(String name, String value) throws XMLStreamException {
        if (value != null) {
            w.attributeAsIs(name, value);
        }
    }

    private static String status(AvailabilityStatus status) {
        return status == null ? null : status == AvailabilityStatus.APPROVED ? APPROVED : DEPRECATED;
    }

    private static String patient(PatientId patient) {
        return patient == null ? null : Identifier.of(patient).toCxWithoutType();
    }

    /** IPF's RecipientTransformer: XON|XCN|XTN, trailing empty parts left out. */
    private static String recipient(Recipient r) {
        StringBuilder b = new StringBuilder();
        Institution i = r.institution();
        Person p = r.person();
        Telecom t = r.telecom();
        if (i != null) {
            b.append(i.toXon());
        }
        if (p != null || t != null) {
            b.append('|');
            if (p != null) {
                b.append(p.toXcn());
            }
        }
        if (t != null) {
            b.append('|').append(t.toXtn());
        }
        return b.isEmpty() ? null : b.toString();
    }

    /**
     * The source patient's {@code PID-n|value} slot values as IPF's PatientInfoTransformer writes them: fields in
     * field order, repetitions joined with {@code ~}, a value split where it would pass 255 characters.
     */
    static List<String> sourcePatientInfo(SourcePatient p) {
        if (p == null) {
            return List.of();
        }
        List<Field> fields = new ArrayList<>(5 + p.otherFields().size());
        if (!p.identifiers().isEmpty()) {
            List<String> ids = new ArrayList<>(p.identifiers().size());
            p.identifiers().forEach(i -> ids.add(i.toCxWithoutType()));
            fields.add(new Field("PID-3", ids));
        }
        if (!p.names().isEmpty()) {
            List<String> names = new ArrayList<>(p.names().size());
            p.names().forEach(n -> names.add(n.toXpn()));
            fields.add(new Field("PID-5", names));
        }
        if (p.birthTime() != null) {
            fields.add(new Field("PID-7", List.of(p.birthTime())));
        }
        if (p.sex() != null) {
            fields.add(new Field("PID-8", List.of(p.sex())));
        }
        if (!p.addresses().isEmpty()) {
            List<String> addresses = new ArrayList<>(p.addresses().size());
            p.addresses().forEach(a -> addresses.add(a.toXad()));
            fields.add(new Field("PID-11", addresses));
        }
        p.otherFields().forEach((id, values) -> fields.add(new Field(id, values)));
        fields.sort(Field::compare);
        List<String> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            String prefix = f.id() + "|";
            StringBuilder b = new StringBuilder(prefix);
            for (String v : f.values()) {
                String value = v == null ? "" : v.trim();
                if (value.length() > PID_VALUE_LENGTH - b.length() && b.length() > prefix.length()) {
                    b.setLength(b.length() - 1);
                    out.add(b.toString());
                    b.setLength(prefix.length());
                }
                b.append(value).append('~');
            }
            if (b.length() > prefix.length()) {
                b.setLength(b.length() - 1);
                out.add(b.toString());
            }
        }
        return out;
    }

    /**
     * A PID field and its values, ordered as IPF's Hl7FieldIdComparator orders field ids; the id's segment and number
     * taken apart once, not at every comparison (the regex per comparison was ~6 % of writing an answer).
     */
    private record Field(String id, List<String> values, String segment, int number) {

        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("([A-Z][A-Z][A-Z0-9])-(\\d\\d?)");

        Field(String id, List<String> values) {
            this(id, values, ID.matcher(id));
        }

        private Field(String id, List<String> values, java.util.regex.Matcher m) {
            this(id, values, m.matches() ? m.group(1) : null, m.matches() ? Integer.parseInt(m.group(2)) : 0);
        }

        static int compare(Field a, Field b) {
            if (a.segment != null && a.segment.equals(b.segment)) {
                return a.number - b.number;
            }
            return a.id.compareTo(b.id);
        }
    }

    /** A random (version 4) UUID as urn:uuid, from the thread's non-cryptographic generator. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] c = new char[45];
        "urn:uuid:".getChars(0, 9, c, 0);
        hex(high >>> 32, 8, c, 9);
        c[17] = '-';
        hex(high >>> 16, 4, c, 18);
        c[22] = '-';
        hex(high, 4, c, 23);
        c[27] = '-';
        hex(low >>> 48, 4, c, 28);
        c[32] = '-';
        hex(low, 12, c, 33);
        return new String(c);
    }

    private static void hex(long value, int digits, char[] c, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            c[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
