package no.dhoindex.shared.xds.wire;

import static org.openehealth.ipf.commons.ihe.xds.core.metadata.Vocabulary.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationLabel;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentAvailability;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.commons.ihe.xds.core.transform.ebxml.StringToBoolTransformer;

/**
 * Reads a source's stored query answer (ITI-18 / ITI-38 AdhocQueryResponse, ebRS 3.0) with StAX straight into the
 * domain {@link QueryAnswer}: the inverse of {@link QueryAnswerWriter}, and the same answer, refusals and errors as
 * JAXB, IPF's transformer and {@link XdsMessages#readAnswer} give for the same message, without building either
 * model. What IPF reads from an ebXML object is read the way it reads it: the first slot of a name and its first
 * value, the first classification of a scheme, the first LocalizedString and the schema's defaults (en-US, UTF-8,
 * version 1.1, application/octet-stream), extra metadata slots ({@code urn:}, not {@code urn:ihe:}) as IPF's
 * unmarshaller collects them. The HL7 v2 values an entry carries (CX, XCN, XON, DTM) are read by {@link Hl7v2Values},
 * which reads them as IPF's parsers do or refuses them; telecoms, recipients and the source patient's PID fields still
 * go through IPF's parsers ({@link Hl7v2Parts}).
 * An answer that cannot be read is an {@link XdsRefusal} (XDSRegistryMetadataError); a message that is not XML is
 * the reader's {@link XMLStreamException}, as JAXB's would be.
 */
public final class QueryAnswerReader {

    private static final String QUERY = QueryAnswerWriter.QUERY;
    private static final String RIM = QueryAnswerWriter.RIM;
    private static final String RS = QueryAnswerWriter.RS;
    private static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    private static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    /** The ebRIM 3.0 schema's defaults, which JAXB's getters return for an absent attribute. */
    private static final String DEFAULT_LANG = "en-US";
    private static final String DEFAULT_CHARSET = "UTF-8";
    private static final String DEFAULT_VERSION = "1.1";
    private static final String DEFAULT_MIME_TYPE = "application/octet-stream";
    private static final String ERROR_SEVERITY = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
    private static final StringToBoolTransformer YES_NO = new StringToBoolTransformer();

    private QueryAnswerReader() {
    }

    /**
     * Reads the AdhocQueryResponse element {@code r} is at (a START_ELEMENT); on return {@code r} is at the event
     * after its end, as after JAXB's unmarshaller.
     */
    public static QueryAnswer read(XMLStreamReader r) throws XMLStreamException {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT || !QUERY.equals(r.getNamespaceURI())
                || !"AdhocQueryResponse".equals(r.getLocalName())) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                    "The answer could not be read: not an AdhocQueryResponse but " + r.getName());
        }
        String status = r.getAttributeValue(null, "status");
        List<RegistryError> errors = new ArrayList<>();
        Content content = new Content();
        while (next(r)) {
            if (is(r, RS, "RegistryErrorList")) {
                while (next(r)) {
                    if (is(r, RS, "RegistryError")) {
                        errors.add(new RegistryError(r.getAttributeValue(null, "errorCode"),
                                r.getAttributeValue(null, "codeContext"), r.getAttributeValue(null, "location"),
                                r.getAttributeValue(null, "severity")));
                    }
                    XmlElements.skip(r);
                }
            } else if (is(r, RIM, "RegistryObjectList")) {
                objects(r, content);
            } else {
                XmlElements.skip(r);
            }
        }
        if (r.hasNext()) {
            r.next();
        }
        // As IPF's transformer reads them: status and errors first, then the objects; any failure a refusal.
        try {
            Status wire = Status.valueOfOpcode(status);
            List<XdsError> read = new ArrayList<>(errors.size());
            for (RegistryError e : errors) {
                boolean warning = Severity.valueOfOpcode30(e.severity == null ? ERROR_SEVERITY : e.severity)
                        == Severity.WARNING;
                var known = XdsErrorCode.fromWire(e.code);
                read.add(new XdsError(known.orElse(XdsErrorCode.REGISTRY_ERROR),
                        known.isPresent() ? e.context : e.code + ": " + e.context, e.location,
                        warning ? XdsError.Severity.WARNING : XdsError.Severity.ERROR));
            }
            QueryResult result = content.result();
            QueryAnswer.Status answered = wire == Status.SUCCESS ? QueryAnswer.Status.SUCCESS
                    : wire == Status.PARTIAL_SUCCESS ? QueryAnswer.Status.PARTIAL_SUCCESS : QueryAnswer.Status.FAILURE;
            return new QueryAnswer(answered, result, read);
        } catch (XdsRefusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The answer could not be read: " + safe(e));
        }
    }

    private record RegistryError(String code, String context, String location, String severity) {
    }

    // ---- the wire: registry objects as IPF's ebXML wrappers see them --------------------------------

    private static void objects(XMLStreamReader r, Content content) throws XMLStreamException {
        while (next(r)) {
            if (!RIM.equals(r.getNamespaceURI())) {
                XmlElements.skip(r);
                continue;
            }
            switch (r.getLocalName()) {
                case "ExtrinsicObject" -> content.extrinsics.add(object(r, Kind.EXTRINSIC));
                case "RegistryPackage" -> content.packages.add(object(r, Kind.PACKAGE));
                case "Association" -> content.associations.add(object(r, Kind.ASSOCIATION));
                case "Classification" -> {
                    RimObject c = object(r, Kind.CLASSIFICATION);
                    if (c.classificationNode != null) {
                        content.packageNodes.add(c);
                    }
                }
                default -> XmlElements.skip(r);
            }
        }
    }

    private enum Kind { EXTRINSIC, PACKAGE, ASSOCIATION, CLASSIFICATION }

    /** One ebRIM object: its attributes, slots, first Name and Description, VersionInfo, classifications, ids. */
    private static final class RimObject {
        String id;
        String home;
        String lid;
        String objectType;
        String status;
        String mimeType;
        String associationType;
        String sourceObject;
        String targetObject;
        String classificationScheme;
        String classificationNode;
        String classifiedObject;
        String nodeRepresentation;
        String version;
        Localized name;
        Localized description;
        final List<Slot> slots = new ArrayList<>(8);
        final List<RimObject> classifications = new ArrayList<>(4);
        final List<String[]> externalIdentifiers = new ArrayList<>(2);
        Map<String, List<String>> extra;

        /** IPF's getSlotValues: the values of the first slot of that name (a slot without ValueList: an error). */
        List<String> values(String name) {
            for (Slot s : slots) {
                if (name.equals(s.name)) {
                    if (s.values == null) {
                        throw new IllegalStateException("slot " + name + " has no ValueList");
                    }
                    return s.values;
                }
            }
            return List.of();
        }

        String value(String name) {
            List<String> values = values(name);
            return values.isEmpty() ? null : values.get(0);
        }

        List<RimObject> classified(String scheme) {
            List<RimObject> found = new ArrayList<>(2);
            for (RimObject c : classifications) {
                if (scheme.equals(c.classificationScheme)) {
                    found.add(c);
                }
            }
            return found;
        }

        RimObject first(String scheme) {
            for (RimObject c : classifications) {
                if (scheme.equals(c.classificationScheme)) {
                    return c;
                }
            }
            return null;
        }

        String externalIdentifier(String scheme) {
            for (String[] e : externalIdentifiers) {
                if (scheme.equals(e[0])) {
                    return e[1];
                }
            }
            return null;
        }

        /** Whether this package carries a classification into {@code node} of itself (IPF's hasClassificationNode). */
        boolean classifiedAs(String node) {
            if (id == null) {
                return false;
            }
            for (RimObject c : classifications) {
                if (node.equals(c.classificationNode) && id.equals(c.classifiedObject)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Slot(String name, List<String> values) {
    }

    private record Localized(String value, String lang, String charset) {
    }

    private static RimObject object(XMLStreamReader r, Kind kind) throws XMLStreamException {
        RimObject o = new RimObject();
        o.id = r.getAttributeValue(null, "id");
        o.home = r.getAttributeValue(null, "home");
        o.lid = r.getAttributeValue(null, "lid");
        o.objectType = r.getAttributeValue(null, "objectType");
        o.status = r.getAttributeValue(null, "status");
        switch (kind) {
            case EXTRINSIC -> o.mimeType = r.getAttributeValue(null, "mimeType");
            case ASSOCIATION -> {
                o.associationType = r.getAttributeValue(null, "associationType");
                o.sourceObject = r.getAttributeValue(null, "sourceObject");
                o.targetObject = r.getAttributeValue(null, "targetObject");
            }
            case CLASSIFICATION -> {
                o.classificationScheme = r.getAttributeValue(null, "classificationScheme");
                o.classificationNode = r.getAttributeValue(null, "classificationNode");
                o.classifiedObject = r.getAttributeValue(null, "classifiedObject");
                o.nodeRepresentation = r.getAttributeValue(null, "nodeRepresentation");
            }
            default -> {
            }
        }
        while (next(r)) {
            if (!RIM.equals(r.getNamespaceURI())) {
                XmlElements.skip(r);
                continue;
            }
            switch (r.getLocalName()) {
                case "Slot" -> o.slots.add(slot(r));
                case "Name" -> o.name = localized(r);
                case "Description" -> o.description = localized(r);
                case "VersionInfo" -> {
                    String v = r.getAttributeValue(null, "versionName");
                    o.version = v == null ? DEFAULT_VERSION : v;
                    XmlElements.skip(r);
                }
                case "Classification" -> {
                    if (kind == Kind.CLASSIFICATION) {
                        XmlElements.skip(r);
                    } else {
                        o.classifications.add(object(r, Kind.CLASSIFICATION));
                    }
                }
                case "ExternalIdentifier" -> {
                    if (kind != Kind.CLASSIFICATION) {
                        o.externalIdentifiers.add(new String[] {r.getAttributeValue(null, "identificationScheme"),
                                r.getAttributeValue(null, "value")});
                    }
                    XmlElements.skip(r);
                }
                default -> XmlElements.skip(r);
            }
        }
        if (kind != Kind.CLASSIFICATION) {
            // IPF's unmarshaller listener: each extra metadata slot by name, the last of a name kept.
            for (Slot s : o.slots) {
                if (XdsJaxbDataBinding.isExtraMetadataSlotName(s.name)) {
                    if (o.extra == null) {
                        o.extra = new LinkedHashMap<>();
                    }
                    o.extra.put(s.name, s.values == null ? null : new ArrayList<>(s.values));
                }
            }
        }
        return o;
    }

    private static Slot slot(XMLStreamReader r) throws XMLStreamException {
        String name = r.getAttributeValue(null, "name");
        List<String> values = null;
        while (next(r)) {
            if (is(r, RIM, "ValueList")) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                while (next(r)) {
                    if (is(r, RIM, "Value")) {
                        values.add(text(r));
                    } else {
                        XmlElements.skip(r);
                    }
                }
            } else {
                XmlElements.skip(r);
            }
        }
        return new Slot(name, values);
    }

    /** The first LocalizedString of a Name or Description (IPF's getSingleLocalizedString), null when none. */
    private static Localized localized(XMLStreamReader r) throws XMLStreamException {
        Localized first = null;
        boolean any = false;
        while (next(r)) {
            if (is(r, RIM, "LocalizedString")) {
                if (!any) {
                    String lang = r.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
                    String charset = r.getAttributeValue(null, "charset");
                    first = new Localized(r.getAttributeValue(null, "value"), lang == null ? DEFAULT_LANG : lang,
                            charset == null ? DEFAULT_CHARSET : charset);
                    any = true;
                }
            }
            XmlElements.skip(r);
        }
        return first;
    }

    /** The element's text, its child elements' text included (as JAXB takes a string's mixed content). */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder b = null;
        String single = null;
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                        XMLStreamConstants.ENTITY_REFERENCE -> {
                    if (depth == 1) {
                        String t = r.getText();
                        if (single == null && b == null) {
                            single = t;
                        } else {
                            if (b == null) {
                                b = new StringBuilder(single);
                            }
                            b.append(t);
                        }
                    }
                }
                default -> {
                }
            }
        }
        return b != null ? b.toString() : single == null ? "" : single;
    }

    /** Moves to the next child element of the current one (true) or to the current one's end (false). */
    private static boolean next(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }


    private static boolean is(XMLStreamReader r, String namespace, String local) {
        return local.equals(r.getLocalName()) && namespace.equals(r.getNamespaceURI());
    }

    // ---- the domain: as IPF's transformers and MetadataMapper read the same objects ------------------

    private static final class Content {
        final List<RimObject> extrinsics = new ArrayList<>();
        final List<RimObject> packages = new ArrayList<>();
        final List<RimObject> associations = new ArrayList<>();
        /** The RegistryObjectList's Classifications with a classificationNode: what makes a package a folder or set. */
        final List<RimObject> packageNodes = new ArrayList<>();

        QueryResult result() {
            List<DocumentPointer> documents = new ArrayList<>(extrinsics.size());
            for (RimObject e : extrinsics) {
                if (STABLE.equals(e.objectType) || ON_DEMAND.equals(e.objectType)) {
                    documents.add(pointer(e));
                }
            }
            List<Folder> folders = new ArrayList<>();
            List<SubmissionSet> sets = new ArrayList<>();
            if (!packages.isEmpty()) {
                Set<String> folderIds = classifiedIds(FOLDER_CLASS_NODE);
                Set<String> setIds = classifiedIds(SUBMISSION_SET_CLASS_NODE);
                for (RimObject p : packages) {
                    if (folderIds.contains(p.id) || p.classifiedAs(FOLDER_CLASS_NODE)) {
                        folders.add(folder(p));
                    }
                }
                for (RimObject p : packages) {
                    if (setIds.contains(p.id) || p.classifiedAs(SUBMISSION_SET_CLASS_NODE)) {
                        sets.add(submissionSet(p));
                    }
                }
            }
            List<Association> read = new ArrayList<>(associations.size());
            for (RimObject a : associations) {
                read.add(association(a));
            }
            // As XdsMessages.readAnswer: every object transformed first, then each checked, entries first.
            for (DocumentPointer d : documents) {
                required("DocumentEntry", d.id(), d.patientId());
            }
            for (SubmissionSet s : sets) {
                required("SubmissionSet", s.id(), s.patientId());
            }
            for (Folder f : folders) {
                required("Folder", f.id(), f.patientId());
            }
            return new QueryResult(documents, sets, folders, read);
        }

        private Set<String> classifiedIds(String node) {
            Set<String> ids = new HashSet<>();
            for (RimObject c : packageNodes) {
                if (node.equals(c.classificationNode)) {
                    ids.add(c.classifiedObject);
                }
            }
            return ids;
        }
    }

    /** {@link XdsMessages}' check of each object: it must say what it is and whose (ITI TF-3 4.2.3). */
    private static void required(String kind, RegistryObjectId id, PatientId patient) {
        if (id.entryUuid() == null || id.entryUuid().isBlank()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "A " + kind + " of the answer has no entryUUID");
        }
        String missing = id.uniqueId() == null || id.uniqueId().isBlank() ? "uniqueId"
                : patient == null ? "patientId" : null;
        if (missing != null) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                    kind + " " + id.entryUuid() + " of the answer has no " + missing, id.entryUuid());
        }
    }

    private static DocumentPointer pointer(RimObject e) {
        DocumentCodes codes = new DocumentCodes(code(e.first(DOC_ENTRY_CLASS_CODE_CLASS_SCHEME)),
                code(e.first(DOC_ENTRY_TYPE_CODE_CLASS_SCHEME)), code(e.first(DOC_ENTRY_FORMAT_CODE_CLASS_SCHEME)),
                code(e.first(DOC_ENTRY_HEALTHCARE_FACILITY_TYPE_CODE_CLASS_SCHEME)),
                code(e.first(DOC_ENTRY_PRACTICE_SETTING_CODE_CLASS_SCHEME)),
                codes(e.classified(DOC_ENTRY_EVENT_CODE_CLASS_SCHEME)),
                codes(e.classified(DOC_ENTRY_CONFIDENTIALITY_CODE_CLASS_SCHEME)));
        String size = e.value(SLOT_NAME_SIZE);
        String availability = e.value(SLOT_NAME_DOCUMENT_AVAILABILITY);
        DocumentAvailability documentAvailability = DocumentAvailability.valueOfOpcode(availability);
        Provenance provenance = new Provenance(authors(e.classified(DOC_ENTRY_AUTHOR_CLASS_SCHEME)),
                Hl7v2Values.person(e.value(SLOT_NAME_LEGAL_AUTHENTICATOR)), time(e.value(SLOT_NAME_CREATION_TIME)),
                time(e.value(SLOT_NAME_SERVICE_START_TIME)), time(e.value(SLOT_NAME_SERVICE_STOP_TIME)),
                Hl7v2Values.identifier(e.value(SLOT_NAME_SOURCE_PATIENT_ID)),
                Hl7v2Parts.sourcePatient(e.values(SLOT_NAME_SOURCE_PATIENT_INFO)));
        DocumentLocation location = new DocumentLocation(e.value(SLOT_NAME_REPOSITORY_UNIQUE_ID),
                e.mimeType == null ? DEFAULT_MIME_TYPE : e.mimeType, e.value(SLOT_NAME_LANGUAGE_CODE),
                e.value(SLOT_NAME_HASH), size == null ? null : Long.parseLong(size),
                e.value(SLOT_NAME_URI),
                documentAvailability == null ? null : documentAvailability.getFullQualified());
        List<String> references = e.values(SLOT_NAME_REFERENCE_ID_LIST);
        List<Identifier> referenceIds = new ArrayList<>(references.size());
        for (String reference : references) {
            Identifier id = Hl7v2Values.referenceId(reference);
            if (id != null) {
                referenceIds.add(id);
            }
        }
        return new DocumentPointer(id(e), status(e.status),
                ON_DEMAND.equals(e.objectType) ? DocumentEntryType.ON_DEMAND : DocumentEntryType.STABLE,
                patient(e.externalIdentifier(DOC_ENTRY_PATIENT_ID_EXTERNAL_ID)), codes, provenance, location,
                text(e.name), text(e.description), referenceIds, extra(e));
    }

    private static SubmissionSet submissionSet(RimObject s) {
        List<String> recipients = s.values(SLOT_NAME_INTENDED_RECIPIENT);
        List<no.dhoindex.shared.xds.model.Recipient> intended = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            intended.add(Hl7v2Parts.recipient(recipient));
        }
        return new SubmissionSet(id(s, SUBMISSION_SET_UNIQUE_ID_EXTERNAL_ID), status(s.status),
                patient(s.externalIdentifier(SUBMISSION_SET_PATIENT_ID_EXTERNAL_ID)),
                s.externalIdentifier(SUBMISSION_SET_SOURCE_ID_EXTERNAL_ID), time(s.value(SLOT_NAME_SUBMISSION_TIME)),
                code(s.first(SUBMISSION_SET_CONTENT_TYPE_CODE_CLASS_SCHEME)),
                authors(s.classified(SUBMISSION_SET_AUTHOR_CLASS_SCHEME)), intended, text(s.name),
                text(s.description), extra(s));
    }

    private static Folder folder(RimObject f) {
        return new Folder(id(f, FOLDER_UNIQUE_ID_EXTERNAL_ID), status(f.status),
                patient(f.externalIdentifier(FOLDER_PATIENT_ID_EXTERNAL_ID)),
                codes(f.classified(FOLDER_CODE_LIST_CLASS_SCHEME)), time(f.value(SLOT_NAME_LAST_UPDATE_TIME)),
                text(f.name), text(f.description), extra(f));
    }

    private static Association association(RimObject a) {
        Map<String, List<String>> extra = new LinkedHashMap<>(extra(a));
        // As MetadataMapper.toAssociation: the Metadata Update slots by their slot names.
        String previousVersion = a.value(SLOT_NAME_PREVIOUS_VERSION);
        var originalStatus = org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus.valueOfOpcode(
                a.value(SLOT_NAME_ORIGINAL_STATUS));
        var newStatus = org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus.valueOfOpcode(
                a.value(SLOT_NAME_NEW_STATUS));
        Boolean propagation = YES_NO.fromEbXML(a.value(SLOT_NAME_ASSOCIATION_PROPAGATION));
        if (previousVersion != null) {
            extra.put(Association.PREVIOUS_VERSION, List.of(previousVersion));
        }
        if (originalStatus != null) {
            extra.put(Association.ORIGINAL_STATUS, List.of(originalStatus.name()));
        }
        if (newStatus != null) {
            extra.put(Association.NEW_STATUS, List.of(newStatus.name()));
        }
        if (propagation != null) {
            extra.put(Association.ASSOCIATION_PROPAGATION, List.of(propagation ? "yes" : "no"));
        }
        AssociationLabel label = AssociationLabel.fromOpcode(a.value(SLOT_NAME_SUBMISSION_SET_STATUS));
        var type = org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType.valueOfOpcode30(a.associationType);
        // IPF's association has no home: the domain association read from an answer has none either.
        return new Association(a.id, AssociationType.valueOf(type.name()), a.sourceObject, a.targetObject,
                status(a.status), label == null ? null : label.getOpcode(), null, extra,
                code(a.first(ASSOCIATION_DOC_CODE_CLASS_SCHEME)));
    }

    private static RegistryObjectId id(RimObject e) {
        return id(e, DOC_ENTRY_UNIQUE_ID_EXTERNAL_ID);
    }

    private static RegistryObjectId id(RimObject o, String uniqueIdScheme) {
        return new RegistryObjectId(o.id, o.externalIdentifier(uniqueIdScheme), o.lid, o.version, o.home);
    }

    private static List<Author> authors(List<RimObject> classifications) {
        List<Author> authors = new ArrayList<>(classifications.size());
        for (RimObject c : classifications) {
            authors.add(new Author(Hl7v2Values.person(c.value(SLOT_NAME_AUTHOR_PERSON)),
                    present(c.values(SLOT_NAME_AUTHOR_INSTITUTION), Hl7v2Values::institution),
                    present(c.values(SLOT_NAME_AUTHOR_ROLE), Hl7v2Values::identifier),
                    present(c.values(SLOT_NAME_AUTHOR_SPECIALTY), Hl7v2Values::identifier),
                    present(c.values(SLOT_NAME_AUTHOR_TELECOM), Hl7v2Parts::telecom)));
        }
        return authors;
    }

    private static <T> List<T> present(List<String> values, java.util.function.Function<String, T> parse) {
        List<T> parsed = new ArrayList<>(values.size());
        for (String v : values) {
            T t = parse.apply(v);
            if (t != null) {
                parsed.add(t);
            }
        }
        return parsed;
    }

    private static Code code(RimObject c) {
        if (c == null || c.nodeRepresentation == null) {
            return null;
        }
        return new Code(c.nodeRepresentation, c.value(SLOT_NAME_CODING_SCHEME), c.name == null ? null : c.name.value());
    }

    private static List<Code> codes(List<RimObject> classifications) {
        List<Code> codes = new ArrayList<>(classifications.size());
        for (RimObject c : classifications) {
            Code code = code(c);
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    private static AvailabilityStatus status(String wire) {
        var status = org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus.valueOfOpcode(wire);
        return status == null ? null : AvailabilityStatus.valueOf(status.name());
    }

    private static PatientId patient(String cx) {
        return Hl7v2Values.patient(cx);
    }

    private static String time(String hl7) {
        return Hl7v2Values.time(hl7);
    }

    private static Text text(Localized s) {
        return s == null || s.value() == null ? null : new Text(s.value(), s.lang(), s.charset());
    }

    private static Map<String, List<String>> extra(RimObject o) {
        return o.extra == null ? Map.of() : o.extra;
    }

    private static String safe(RuntimeException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
