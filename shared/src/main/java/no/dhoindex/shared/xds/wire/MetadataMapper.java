package no.dhoindex.shared.xds.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
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
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationLabel;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentAvailability;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.LocalizedString;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Timestamp;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Version;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.XDSMetaClass;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RegisterDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.transform.ebxml.RecipientTransformer;

/**
 * Translates between IPF's XDS metadata model (the edge) and DHO Index's domain records, in
 * both directions. HL7 v2 composites (XCN, XON, XTN, CX) and the source patient's PID fields
 * ({@code sourcePatientInfo}) become their parts ({@link Hl7v2Parts}).
 */
public final class MetadataMapper {

    static final RecipientTransformer RECIPIENT = new RecipientTransformer();

    private MetadataMapper() {
    }

    // ---- IPF -> domain ----------------------------------------------------------------

    public static Submission toSubmission(RegisterDocumentSet request) {
        return new Submission(
                toSubmissionSet(request.getSubmissionSet()),
                request.getDocumentEntries().stream().map(MetadataMapper::toPointer).toList(),
                request.getFolders().stream().map(MetadataMapper::toFolder).toList(),
                request.getAssociations().stream().map(MetadataMapper::toAssociation).toList());
    }

    public static DocumentPointer toPointer(DocumentEntry e) {
        DocumentCodes codes = new DocumentCodes(code(e.getClassCode()), code(e.getTypeCode()), code(e.getFormatCode()),
                code(e.getHealthcareFacilityTypeCode()), code(e.getPracticeSettingCode()), codes(e.getEventCodeList()),
                codes(e.getConfidentialityCodes()));
        Provenance provenance = new Provenance(authors(e.getAuthors()), Hl7v2Parts.person(e.getLegalAuthenticator()),
                time(e.getCreationTime()), time(e.getServiceStartTime()), time(e.getServiceStopTime()),
                Hl7v2Parts.identifier(e.getSourcePatientId()), Hl7v2Parts.sourcePatient(e.getSourcePatientInfo()));
        DocumentLocation location = new DocumentLocation(e.getRepositoryUniqueId(), e.getMimeType(),
                e.getLanguageCode(), e.getHash(), e.getSize(), e.getUri(),
                e.getDocumentAvailability() == null ? null : e.getDocumentAvailability().getFullQualified());
        List<Identifier> referenceIds = e.getReferenceIdList().stream().map(Hl7v2Parts::identifier)
                .filter(Objects::nonNull).toList();
        return new DocumentPointer(id(e), status(e.getAvailabilityStatus()),
                e.getType() == org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.ON_DEMAND
                        ? DocumentEntryType.ON_DEMAND : DocumentEntryType.STABLE,
                patient(e.getPatientId()), codes, provenance, location, text(e.getTitle()), text(e.getComments()),
                referenceIds, extra(e.getExtraMetadata()));
    }

    public static SubmissionSet toSubmissionSet(org.openehealth.ipf.commons.ihe.xds.core.metadata.SubmissionSet s) {
        return new SubmissionSet(id(s), status(s.getAvailabilityStatus()), patient(s.getPatientId()), s.getSourceId(),
                time(s.getSubmissionTime()), code(s.getContentTypeCode()), authors(s.getAuthors()),
                s.getIntendedRecipients().stream().map(Hl7v2Parts::recipient).toList(), text(s.getTitle()),
                text(s.getComments()), extra(s.getExtraMetadata()));
    }

    public static Folder toFolder(org.openehealth.ipf.commons.ihe.xds.core.metadata.Folder f) {
        return new Folder(id(f), status(f.getAvailabilityStatus()), patient(f.getPatientId()), codes(f.getCodeList()),
                time(f.getLastUpdateTime()), text(f.getTitle()), text(f.getComments()), extra(f.getExtraMetadata()));
    }

    public static Association toAssociation(org.openehealth.ipf.commons.ihe.xds.core.metadata.Association a) {
        Map<String, List<String>> extra = new LinkedHashMap<>(extra(a.getExtraMetadata()));
        // IPF reads the Metadata Update slots into fields; the domain keeps them by their slot names.
        if (a.getPreviousVersion() != null) {
            extra.put(Association.PREVIOUS_VERSION, List.of(a.getPreviousVersion()));
        }
        if (a.getOriginalStatus() != null) {
            extra.put(Association.ORIGINAL_STATUS, List.of(a.getOriginalStatus().name()));
        }
        if (a.getNewStatus() != null) {
            extra.put(Association.NEW_STATUS, List.of(a.getNewStatus().name()));
        }
        if (a.getAssociationPropagation() != null) {
            extra.put(Association.ASSOCIATION_PROPAGATION, List.of(a.getAssociationPropagation() ? "yes" : "no"));
        }
        return new Association(a.getEntryUuid(), AssociationType.valueOf(a.getAssociationType().name()),
                a.getSourceUuid(), a.getTargetUuid(), status(a.getAvailabilityStatus()),
                a.getLabel() == null ? null : a.getLabel().getOpcode(), null, extra,
                a.getDocCode() == null ? null : code(a.getDocCode()));
    }

    private static RegistryObjectId id(XDSMetaClass o) {
        return new RegistryObjectId(o.getEntryUuid(), o.getUniqueId(), o.getLogicalUuid(),
                o.getVersion() == null ? null : o.getVersion().getVersionName(), o.getHomeCommunityId());
    }

    private static AvailabilityStatus status(org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus s) {
        return s == null ? null : AvailabilityStatus.valueOf(s.name());
    }

    private static PatientId patient(Identifiable id) {
        if (id == null || id.getId() == null) {
            return null;
        }
        String authority = id.getAssigningAuthority() == null ? null : id.getAssigningAuthority().getUniversalId();
        return authority == null ? null : new PatientId(id.getId(), authority);
    }

    private static Code code(org.openehealth.ipf.commons.ihe.xds.core.metadata.Code c) {
        if (c == null || c.getCode() == null) {
            return null;
        }
        return new Code(c.getCode(), c.getSchemeName(), c.getDisplayName() == null ? null : c.getDisplayName().getValue());
    }

    static List<Code> codes(List<org.openehealth.ipf.commons.ihe.xds.core.metadata.Code> codes) {
        List<Code> result = new ArrayList<>();
        for (var c : codes) {
            Code mapped = code(c);
            if (mapped != null) {
                result.add(mapped);
            }
        }
        return result;
    }

    private static List<Author> authors(List<org.openehealth.ipf.commons.ihe.xds.core.metadata.Author> authors) {
        return authors.stream().map(a -> new Author(Hl7v2Parts.person(a.getAuthorPerson()),
                present(a.getAuthorInstitution().stream().map(Hl7v2Parts::institution)),
                present(a.getAuthorRole().stream().map(Hl7v2Parts::identifier)),
                present(a.getAuthorSpecialty().stream().map(Hl7v2Parts::identifier)),
                present(a.getAuthorTelecom().stream().map(Hl7v2Parts::telecom)))).toList();
    }

    private static <T> List<T> present(Stream<T> values) {
        return values.filter(Objects::nonNull).toList();
    }

    private static String time(Timestamp t) {
        return t == null ? null : t.toHL7();
    }

    private static Text text(LocalizedString s) {
        return s == null || s.getValue() == null ? null : new Text(s.getValue(), s.getLang(), s.getCharset());
    }

    private static Map<String, List<String>> extra(Map<String, List<String>> extra) {
        return extra == null ? Map.of() : new LinkedHashMap<>(extra);
    }

    // ---- domain -> IPF ----------------------------------------------------------------

    public static DocumentEntry toIpf(DocumentPointer p) {
        DocumentEntry e = new DocumentEntry();
        fill(e, p.id(), p.status(), p.patientId(), p.title(), p.comments(), p.extraMetadata());
        e.setType(p.type() == DocumentEntryType.ON_DEMAND
                ? org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.ON_DEMAND
                : org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.STABLE);
        DocumentCodes c = p.codes();
        e.setClassCode(ipf(c.classCode()));
        e.setTypeCode(ipf(c.typeCode()));
        e.setFormatCode(ipf(c.formatCode()));
        e.setHealthcareFacilityTypeCode(ipf(c.healthcareFacilityTypeCode()));
        e.setPracticeSettingCode(ipf(c.practiceSettingCode()));
        c.eventCodes().forEach(code -> e.getEventCodeList().add(ipf(code)));
        c.confidentialityCodes().forEach(code -> e.getConfidentialityCodes().add(ipf(code)));
        Provenance pr = p.provenance();
        pr.authors().forEach(a -> e.getAuthors().add(ipf(a)));
        e.setLegalAuthenticator(Hl7v2Parts.ipf(pr.legalAuthenticator()));
        e.setCreationTime(pr.creationTime());
        e.setServiceStartTime(pr.serviceStartTime());
        e.setServiceStopTime(pr.serviceStopTime());
        e.setSourcePatientId(Hl7v2Parts.ipf(pr.sourcePatientId()));
        e.setSourcePatientInfo(Hl7v2Parts.ipf(pr.sourcePatient()));
        DocumentLocation l = p.location();
        e.setRepositoryUniqueId(l.repositoryUniqueId());
        e.setMimeType(l.mimeType());
        e.setLanguageCode(l.languageCode());
        e.setHash(l.hash());
        e.setSize(l.size());
        e.setUri(l.uri());
        if (l.documentAvailability() != null) {
            e.setDocumentAvailability(DocumentAvailability.valueOfOpcode(l.documentAvailability()));
        }
        p.referenceIds().forEach(r -> e.getReferenceIdList().add(Hl7v2Parts.referenceId(r)));
        return e;
    }

    public static org.openehealth.ipf.commons.ihe.xds.core.metadata.SubmissionSet toIpf(SubmissionSet s) {
        var set = new org.openehealth.ipf.commons.ihe.xds.core.metadata.SubmissionSet();
        fill(set, s.id(), s.status(), s.patientId(), s.title(), s.comments(), s.extraMetadata());
        set.setSourceId(s.sourceId());
        set.setSubmissionTime(s.submissionTime());
        set.setContentTypeCode(ipf(s.contentTypeCode()));
        s.authors().forEach(a -> set.getAuthors().add(ipf(a)));
        s.intendedRecipients().forEach(r -> set.getIntendedRecipients().add(Hl7v2Parts.ipf(r)));
        return set;
    }

    public static org.openehealth.ipf.commons.ihe.xds.core.metadata.Folder toIpf(Folder f) {
        var folder = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Folder();
        fill(folder, f.id(), f.status(), f.patientId(), f.title(), f.comments(), f.extraMetadata());
        f.codes().forEach(c -> folder.getCodeList().add(ipf(c)));
        folder.setLastUpdateTime(f.lastUpdateTime());
        return folder;
    }

    public static org.openehealth.ipf.commons.ihe.xds.core.metadata.Association toIpf(Association a) {
        var association = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Association(
                org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType.valueOf(a.type().name()),
                a.entryUuid(), a.sourceUuid(), a.targetUuid());
        association.setAvailabilityStatus(ipf(a.status()));
        if (a.submissionSetStatus() != null) {
            association.setLabel(AssociationLabel.fromOpcode(a.submissionSetStatus()));
        }
        association.setPreviousVersion(a.previousVersion());
        association.setOriginalStatus(ipf(a.originalStatus()));
        association.setNewStatus(ipf(a.newStatus()));
        if (a.extraMetadata().containsKey(Association.ASSOCIATION_PROPAGATION)) {
            association.setAssociationPropagation(a.propagates());
        }
        Map<String, List<String>> extra = new LinkedHashMap<>(a.extraMetadata());
        List.of(Association.PREVIOUS_VERSION, Association.ORIGINAL_STATUS, Association.NEW_STATUS,
                Association.ASSOCIATION_PROPAGATION).forEach(extra::remove);
        if (!extra.isEmpty()) {
            association.setExtraMetadata(extra);
        }
        if (a.documentation() != null) {
            association.setDocCode(ipf(a.documentation()));
        }
        return association;
    }

    private static void fill(XDSMetaClass o, RegistryObjectId id, AvailabilityStatus status, PatientId patientId,
                             Text title, Text comments, Map<String, List<String>> extra) {
        o.setEntryUuid(id.entryUuid());
        o.setUniqueId(id.uniqueId());
        o.setLogicalUuid(id.logicalUuid());
        o.setVersion(id.version() == null ? null : new Version(id.version()));
        o.setHomeCommunityId(id.homeCommunityId());
        o.setAvailabilityStatus(ipf(status));
        o.setPatientId(patientId == null ? null : Hl7v2Parts.ipf(Identifier.of(patientId)));
        o.setTitle(ipf(title));
        o.setComments(ipf(comments));
        if (!extra.isEmpty()) {
            o.setExtraMetadata(new LinkedHashMap<>(extra));
        }
    }

    private static org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus ipf(AvailabilityStatus s) {
        return s == null ? null : org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus.valueOf(s.name());
    }

    private static LocalizedString ipf(Text t) {
        return t == null ? null : new LocalizedString(t.value(), t.lang(), t.charset());
    }

    static org.openehealth.ipf.commons.ihe.xds.core.metadata.Code ipf(Code c) {
        return c == null ? null : new org.openehealth.ipf.commons.ihe.xds.core.metadata.Code(c.code(),
                c.displayName() == null ? null : new LocalizedString(c.displayName()), c.scheme());
    }

    private static org.openehealth.ipf.commons.ihe.xds.core.metadata.Author ipf(Author a) {
        var author = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Author();
        author.setAuthorPerson(Hl7v2Parts.ipf(a.person()));
        a.institutions().forEach(i -> author.getAuthorInstitution().add(Hl7v2Parts.ipf(i)));
        a.roles().forEach(r -> author.getAuthorRole().add(Hl7v2Parts.ipf(r)));
        a.specialties().forEach(s -> author.getAuthorSpecialty().add(Hl7v2Parts.ipf(s)));
        a.telecoms().forEach(t -> author.getAuthorTelecom().add(Hl7v2Parts.ipf(t)));
        return author;
    }
}
