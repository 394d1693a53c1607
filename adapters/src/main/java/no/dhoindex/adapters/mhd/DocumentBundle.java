package no.dhoindex.adapters.mhd;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR edge of MHD ITI-65 Provide Document Bundle (IHE MHD 4.x, R4): a transaction Bundle with
 * one SubmissionSet List, its DocumentReferences and their Binaries, read into the same domain
 * {@link Submission} and document contents an ITI-41 carries. Only what MHD's mapping to XDS says
 * (ITI TF-3 4.5.x, the MHD IG's "FHIR-XDS mapping") is read; what this recipient does not take
 * (folders, relatesTo, a Patient by URL) is refused naming it, never dropped. Structural faults are
 * {@link Invalid}; whether the metadata satisfies XDS is left to the ITI-41 validation it then goes through.
 */
public final class DocumentBundle {

    static final String MHD = "https://profiles.ihe.net/ITI/MHD/";
    static final String LIST_TYPES = MHD + "CodeSystem/MHDlistTypes";
    static final String SOURCE_ID = MHD + "StructureDefinition/ihe-sourceId";
    static final String DESIGNATION_TYPE = MHD + "StructureDefinition/ihe-designationType";
    private static final String OID = "urn:oid:";
    private static final String UUID = "urn:uuid:";
    /** Norwegian register of legal entities (Enhetsregisteret) and the HPR, as XON/XCN authorities. */
    private static final String HPR = "2.16.578.1.12.4.1.4.4";

    /** A request the MHD rules (not XDS's) refuse: HTTP 400 with an OperationOutcome naming what. */
    public static final class Invalid extends RuntimeException {
        private final String issueCode;

        Invalid(String issueCode, String message) {
            super(message, null, false, false);
            this.issueCode = issueCode;
        }

        Invalid(String message) {
            this("invalid", message);
        }

        /** The OperationOutcome issue code: {@code invalid}, {@code required} or {@code not-supported}. */
        public String issueCode() {
            return issueCode;
        }
    }

    /**
     * What the bundle asks to be stored. {@code contents}: each document's bytes by its entry's id in
     * {@code submission}; {@code entries}: for each bundle entry in order, its resource type and the
     * uniqueId of the object it became (the submission set's or a document's; a Binary's, its document's).
     */
    public record Provided(Submission submission, Map<String, byte[]> contents, List<Entry> entries) {
    }

    /** One entry of the request: {@code List}, {@code DocumentReference} or {@code Binary}, and its object's uniqueId. */
    public record Entry(String type, String uniqueId) {
    }

    private DocumentBundle() {
    }

    public static Provided read(Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw new Invalid("Bundle.type must be transaction (ITI-65), not " + bundle.getType());
        }
        Map<String, Resource> byUrl = new HashMap<>();
        ListResource set = null;
        List<DocumentReference> references = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                throw new Invalid("required", "every Bundle.entry carries a resource");
            }
            if (!entry.hasFullUrl()) {
                throw new Invalid("required", r.fhirType() + " entry without fullUrl");
            }
            if (entry.getRequest().getMethod() != Bundle.HTTPVerb.POST) {
                throw new Invalid(r.fhirType() + " entry " + entry.getFullUrl() + ": request.method must be POST");
            }
            if (byUrl.put(entry.getFullUrl(), r) != null) {
                throw new Invalid("fullUrl " + entry.getFullUrl() + " is used twice");
            }
            if (r instanceof ListResource list) {
                if (!hasCode(list.getCode(), LIST_TYPES, "submissionset")) {
                    throw new Invalid("not-supported", "only a SubmissionSet List is taken (List.code " + LIST_TYPES
                            + "|submissionset); folders are not supported here");
                }
                if (set != null) {
                    throw new Invalid("the Bundle carries more than one SubmissionSet List");
                }
                set = list;
            } else if (r instanceof DocumentReference d) {
                references.add(d);
            } else if (!(r instanceof Binary)) {
                throw new Invalid("not-supported", r.fhirType() + " is not taken by ITI-65 here (List, DocumentReference,"
                        + " Binary)");
            }
        }
        if (set == null) {
            throw new Invalid("required", "the Bundle carries no SubmissionSet List");
        }
        if (references.isEmpty()) {
            throw new Invalid("required", "the Bundle carries no DocumentReference");
        }
        PatientId patient = patient(set.getSubject(), "List.subject");
        Map<DocumentReference, String> entryIds = new LinkedHashMap<>();
        Map<String, byte[]> contents = new HashMap<>();
        Map<Binary, DocumentReference> binaries = new HashMap<>();
        List<DocumentPointer> documents = new ArrayList<>();
        int n = 0;
        for (DocumentReference d : references) {
            String entryId = uuid(d.getIdentifier()).orElse("DocumentReference" + (++n));
            entryIds.put(d, entryId);
            Binary binary = binary(d, byUrl);
            if (binaries.put(binary, d) != null) {
                throw new Invalid("two DocumentReferences name the same Binary");
            }
            contents.put(entryId, binary.getData() == null ? new byte[0] : binary.getData());
            documents.add(document(d, entryId, patient));
        }
        for (Resource r : byUrl.values()) {
            if (r instanceof Binary b && !binaries.containsKey(b)) {
                throw new Invalid("a Binary no DocumentReference names");
            }
        }
        String setEntryId = uuid(set.getIdentifier()).orElse("SubmissionSet01");
        List<Association> members = new ArrayList<>();
        List<DocumentReference> listed = new ArrayList<>();
        for (ListResource.ListEntryComponent item : set.getEntry()) {
            Resource target = byUrl.get(item.getItem().getReference());
            if (!(target instanceof DocumentReference d)) {
                throw new Invalid("List.entry.item " + item.getItem().getReference()
                        + " is not a DocumentReference of this Bundle");
            }
            listed.add(d);
            members.add(new Association("HasMember" + (members.size() + 1), AssociationType.HAS_MEMBER, setEntryId,
                    entryIds.get(d), AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
        }
        if (!listed.containsAll(references) || listed.size() != references.size()) {
            throw new Invalid("the SubmissionSet List must name each DocumentReference of the Bundle once");
        }
        Submission submission = new Submission(submissionSet(set, setEntryId, patient), documents, List.of(), members);
        List<Entry> entries = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            entries.add(new Entry(r.fhirType(), r instanceof ListResource ? submission.submissionSet().uniqueId()
                    : r instanceof DocumentReference d ? uniqueId(d)
                    : uniqueId(binaries.get((Binary) r))));
        }
        return new Provided(submission, contents, entries);
    }

    private static SubmissionSet submissionSet(ListResource set, String entryId, PatientId patient) {
        if (set.getStatus() != ListResource.ListStatus.CURRENT || set.getMode() != ListResource.ListMode.WORKING) {
            throw new Invalid("the SubmissionSet List must be status current and mode working");
        }
        String uniqueId = official(set.getIdentifier()).orElseThrow(() -> new Invalid("required",
                "List.identifier (use official): the submission set's uniqueId is missing"));
        String sourceId = set.getExtensionsByUrl(SOURCE_ID).stream().findFirst()
                .map(e -> e.getValue() instanceof Identifier i ? strip(i.getValue()) : null)
                .orElseThrow(() -> new Invalid("required", "List extension " + SOURCE_ID + " (the sourceId) is missing"));
        Code contentType = set.getExtensionsByUrl(DESIGNATION_TYPE).stream().findFirst()
                .map(e -> e.getValue() instanceof CodeableConcept c ? code(c) : null).orElse(null);
        return new SubmissionSet(new RegistryObjectId(entryId, uniqueId, null, null, null), AvailabilityStatus.APPROVED,
                patient, sourceId, set.hasDate() ? dtm(set.getDateElement()) : null, contentType,
                authors(set.getSource().isEmpty() ? List.of() : List.of(set.getSource()), set), List.of(),
                set.hasTitle() ? Text.of(set.getTitle()) : null,
                set.hasNote() ? Text.of(set.getNoteFirstRep().getText()) : null, Map.of());
    }

    private static DocumentPointer document(DocumentReference d, String entryId, PatientId setPatient) {
        String what = "DocumentReference " + entryId;
        if (d.getStatus() != Enumerations.DocumentReferenceStatus.CURRENT) {
            throw new Invalid(what + ": status must be current");
        }
        if (d.hasRelatesTo()) {
            throw new Invalid("not-supported", what + ": relatesTo (replace, transform, append, signs) is not supported"
                    + " by ITI-65 here");
        }
        if (d.getContent().size() != 1) {
            throw new Invalid(what + ": exactly one content is required");
        }
        PatientId patient = patient(d.getSubject(), what + ".subject");
        if (!patient.equals(setPatient)) {
            throw new Invalid(what + ": subject is not the SubmissionSet List's subject");
        }
        String uniqueId = uniqueId(d);
        DocumentReference.DocumentReferenceContentComponent content = d.getContentFirstRep();
        Attachment a = content.getAttachment();
        String hash = a.hasHash() ? HexFormat.of().formatHex(a.getHash()) : null;
        Long size = a.hasSize() ? (long) a.getSize() : null;
        DocumentReference.DocumentReferenceContextComponent context = d.getContext();
        List<Code> events = context.getEvent().stream().map(DocumentBundle::code).filter(Objects::nonNull).toList();
        List<Code> confidentiality = d.getSecurityLabel().stream().map(DocumentBundle::code).filter(Objects::nonNull)
                .toList();
        DocumentCodes codes = new DocumentCodes(d.hasCategory() ? code(d.getCategoryFirstRep()) : null,
                code(d.getType()), content.hasFormat() ? code(content.getFormat()) : null,
                code(context.getFacilityType()), code(context.getPracticeSetting()), events, confidentiality);
        Patient source = context.hasSourcePatientInfo() ? contained(d, context.getSourcePatientInfo(), Patient.class,
                what + ".context.sourcePatientInfo") : null;
        Provenance provenance = new Provenance(authors(d.getAuthor(), d),
                d.hasAuthenticator() ? person(contained(d, d.getAuthenticator(), Practitioner.class,
                        what + ".authenticator")) : null,
                a.hasCreation() ? dtm(a.getCreationElement()) : null,
                context.getPeriod().hasStart() ? dtm(context.getPeriod().getStartElement()) : null,
                context.getPeriod().hasEnd() ? dtm(context.getPeriod().getEndElement()) : null,
                source == null || !source.hasIdentifier() ? null : cx(source.getIdentifierFirstRep()),
                source == null ? null : sourcePatient(source));
        return new DocumentPointer(new RegistryObjectId(entryId, uniqueId, null, null, null), AvailabilityStatus.APPROVED,
                DocumentEntryType.STABLE, patient, codes, provenance,
                new DocumentLocation(null, a.getContentType(), a.getLanguage(), hash, size, null, null),
                a.hasTitle() ? Text.of(a.getTitle()) : null,
                d.hasDescription() ? Text.of(d.getDescription()) : null, List.of(), Map.of());
    }

    private static String uniqueId(DocumentReference d) {
        Identifier master = d.getMasterIdentifier();
        if (master == null || !master.hasValue()) {
            throw new Invalid("required", "DocumentReference.masterIdentifier (the document's uniqueId) is missing");
        }
        return strip(master.getValue());
    }

    /** The Binary a DocumentReference's attachment.url names: its fullUrl in this Bundle. */
    private static Binary binary(DocumentReference d, Map<String, Resource> byUrl) {
        Attachment a = d.getContentFirstRep().getAttachment();
        if (a.hasData()) {
            throw new Invalid("not-supported", "attachment.data: the document goes in a Binary of the Bundle,"
                    + " named by attachment.url");
        }
        Resource r = byUrl.get(a.getUrl());
        if (!(r instanceof Binary b)) {
            throw new Invalid("required", "attachment.url " + a.getUrl() + " names no Binary of this Bundle");
        }
        if (!b.hasData()) {
            throw new Invalid("required", "Binary " + a.getUrl() + " carries no data");
        }
        return b;
    }

    /**
     * The patient as a logical reference (identifier {@code urn:oid:<authority>|<id>}): this recipient
     * has no Patient resource server to resolve a literal reference against.
     */
    private static PatientId patient(Reference subject, String where) {
        Identifier id = subject.getIdentifier();
        if (subject.hasReference() || id == null || !id.hasSystem() || !id.getSystem().startsWith(OID) || !id.hasValue()) {
            throw new Invalid("required", where + " must be a logical reference: identifier with system"
                    + " urn:oid:<assigning authority> and the patient's id (no Patient resource server here)");
        }
        try {
            return PatientId.of(id.getSystem().substring(OID.length()), id.getValue());
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + ": " + e.getMessage());
        }
    }

    private static <T extends Resource> T contained(DomainResource owner, Reference reference, Class<T> type,
                                                    String where) {
        String ref = reference.getReference();
        if (ref != null && ref.startsWith("#")) {
            for (Resource r : owner.getContained()) {
                String id = r.getIdElement().getIdPart();
                if (id != null && ref.substring(1).equals(id.startsWith("#") ? id.substring(1) : id)
                        && type.isInstance(r)) {
                    return type.cast(r);
                }
            }
        }
        throw new Invalid("required", where + " must name a contained " + type.getSimpleName() + " (#id)");
    }

    /**
     * XDS authors from author references to contained resources: a Practitioner is the authorPerson,
     * an Organization an authorInstitution, a PractitionerRole both.
     */
    private static List<Author> authors(List<Reference> references, DomainResource owner) {
        Person person = null;
        List<Institution> institutions = new ArrayList<>();
        for (Reference ref : references) {
            Resource r = contained(owner, ref, Resource.class, "author");
            if (r instanceof Practitioner p && person == null) {
                person = person(p);
            } else if (r instanceof Organization o) {
                institutions.add(institution(o));
            } else if (r instanceof PractitionerRole role) {
                if (role.hasPractitioner() && person == null) {
                    person = person(contained(owner, role.getPractitioner(), Practitioner.class, "PractitionerRole"));
                }
                if (role.hasOrganization()) {
                    institutions.add(institution(contained(owner, role.getOrganization(), Organization.class,
                            "PractitionerRole")));
                }
            } else {
                throw new Invalid("not-supported", "author " + r.fhirType() + " is not taken here (Practitioner,"
                        + " PractitionerRole, Organization)");
            }
        }
        return person == null && institutions.isEmpty() ? List.of()
                : List.of(new Author(person, institutions, List.of(), List.of(), List.of()));
    }

    /** The person (XCN): id (the HPR number where it is one), family and given name. */
    private static Person person(Practitioner p) {
        HumanName name = p.getNameFirstRep();
        Identifier id = p.getIdentifier().stream().filter(i -> (OID + HPR).equals(i.getSystem())).findFirst().orElse(null);
        PersonName parts = PersonName.of(name.getFamily(), name.hasGiven() ? name.getGiven().get(0).getValue() : null);
        return id == null ? new Person(null, parts, null)
                : new Person(id.getValue(), parts, AssigningAuthority.iso(HPR));
    }

    /** The institution (XON): name, and the organisation's number under its identifier's OID (Enhetsregisteret). */
    private static Institution institution(Organization o) {
        Identifier id = o.getIdentifier().stream().filter(i -> i.hasSystem() && i.getSystem().startsWith(OID))
                .findFirst().orElse(null);
        return id == null ? new Institution(o.getName(), null, null)
                : new Institution(o.getName(), id.getValue(),
                        AssigningAuthority.iso(id.getSystem().substring(OID.length())));
    }

    /** The contained source Patient as the source's view of the patient (XDS sourcePatientInfo), as parts. */
    private static SourcePatient sourcePatient(Patient p) {
        List<no.dhoindex.shared.xds.model.Identifier> ids = p.getIdentifier().stream().map(DocumentBundle::cx).toList();
        List<PersonName> names = p.hasName() ? List.of(PersonName.of(p.getNameFirstRep().getFamily(),
                p.getNameFirstRep().hasGiven() ? p.getNameFirstRep().getGiven().get(0).getValue() : null)) : List.of();
        String birth = p.hasBirthDate() ? p.getBirthDateElement().getValueAsString().replace("-", "") : null;
        String sex = !p.hasGender() ? null : switch (p.getGender()) {
            case MALE -> "M";
            case FEMALE -> "F";
            case OTHER -> "O";
            default -> "U";
        };
        return new SourcePatient(ids, names, birth, sex, List.of(), Map.of());
    }

    private static no.dhoindex.shared.xds.model.Identifier cx(Identifier i) {
        if (!i.hasSystem() || !i.getSystem().startsWith(OID) || !i.hasValue()) {
            throw new Invalid("required", "a patient identifier needs system urn:oid:<assigning authority> and a value");
        }
        return new no.dhoindex.shared.xds.model.Identifier(i.getValue(),
                AssigningAuthority.iso(i.getSystem().substring(OID.length())), null);
    }

    private static Code code(CodeableConcept concept) {
        return concept == null || concept.isEmpty() ? null : code(concept.getCodingFirstRep());
    }

    private static Code code(Coding c) {
        if (c == null || !c.hasCode()) {
            return null;
        }
        return new Code(c.getCode(), strip(c.getSystem()), c.getDisplay());
    }

    private static boolean hasCode(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    /** The identifier with use official (a uniqueId), without its urn:oid: / urn:ietf:rfc:3986 prefix. */
    private static java.util.Optional<String> official(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> i.getUse() == Identifier.IdentifierUse.OFFICIAL && i.hasValue())
                .map(i -> strip(i.getValue())).findFirst();
    }

    /** An entryUUID the source gave (identifier {@code urn:uuid:…}, use usual), kept as the object's id. */
    private static java.util.Optional<String> uuid(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> i.getUse() != Identifier.IdentifierUse.OFFICIAL && i.hasValue()
                && i.getValue().startsWith(UUID)).map(Identifier::getValue).findFirst();
    }

    private static String strip(String value) {
        if (value == null) {
            return null;
        }
        if (value.startsWith(OID)) {
            return value.substring(OID.length());
        }
        return value.startsWith("urn:ietf:rfc:3986:") ? value.substring("urn:ietf:rfc:3986:".length()) : value;
    }

    /** HL7 DTM in UTC, to the precision given (a date stays a date). */
    static String dtm(BaseDateTimeType t) {
        TemporalPrecisionEnum precision = t.getPrecision();
        String pattern = switch (precision) {
            case YEAR -> "yyyy";
            case MONTH -> "yyyyMM";
            case DAY -> "yyyyMMdd";
            case MINUTE -> "yyyyMMddHHmm";
            default -> "yyyyMMddHHmmss";
        };
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            return t.getValueAsString().replace("-", "").substring(0, pattern.length());
        }
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(t.getValue());
    }
}
