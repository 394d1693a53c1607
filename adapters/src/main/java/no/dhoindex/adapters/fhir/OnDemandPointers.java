package no.dhoindex.adapters.fhir;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.DtmTime;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;

/**
 * One on-demand DocumentEntry per patient and kind of data ("measurements for patient X at
 * organisation Y"): its content is made at retrieve time from the platform, so the pointer only
 * says what exists and for which period. When that changes, a new version of the same logical entry
 * (same logicalID and uniqueId, version + 1) is sent by restricted update (ITI-92); when the patient has
 * no data of the kind any more, every version is removed (ITI-62).
 *
 * <p>Each version is registered in a submission set of its own; that set and the HasMember association
 * have ids derived from the version's entryUUID, so that a removal names them without asking the
 * registry (ITI-62 leaves no association dangling and no object unreferenced).
 */
public final class OnDemandPointers {

    static final String MIME_TYPE = "application/fhir+json";
    static final Code FORMAT = new Code("urn:ihe:iti:xds:2017:mimeTypeSufficient", "1.3.6.1.4.1.19376.1.2.3",
            "Format from mime type");
    static final Code NORMAL = new Code("N", "2.16.578.1.12.4.1.1.9603", "Normal");
    static final String LOINC = "2.16.840.1.113883.6.1";

    private final Organisation organisation;
    private final Code facilityType;
    private final Code practiceSetting;

    public OnDemandPointers(Organisation organisation, Code facilityType, Code practiceSetting) {
        this.organisation = organisation;
        this.facilityType = facilityType;
        this.practiceSetting = practiceSetting;
    }

    /**
     * The first version of the pointer for the data as it is now: its own logical entry, version 1,
     * which ITI-61 leaves to the registry to say (no logicalID or version sent).
     */
    public DocumentPointer pointer(PatientData data) {
        return pointer(data, new RegistryObjectId("urn:uuid:" + UUID.randomUUID(), oid(), null, null,
                organisation.homeCommunityId()));
    }

    /** The next version of {@code current} for the data as it is now: same logicalID and uniqueId. */
    public DocumentPointer nextVersion(DocumentPointer current, PatientData data) {
        return pointer(data, new RegistryObjectId("urn:uuid:" + UUID.randomUUID(), current.uniqueId(),
                logicalId(current), String.valueOf(version(current) + 1), organisation.homeCommunityId()));
    }

    /** The logical entry a pointer is a version of (a first version is its own). */
    public static String logicalId(DocumentPointer pointer) {
        String lid = pointer.id().logicalUuid();
        return lid == null ? pointer.entryUuid() : lid;
    }

    public static int version(DocumentPointer pointer) {
        String version = pointer.id().version();
        return version == null ? 1 : Integer.parseInt(version);
    }

    /** The id of the HasMember association that put this version in its submission set. */
    public static String membershipOf(String entryUuid) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("HasMember " + entryUuid).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the submission set that registered this version. */
    public static String submissionSetOf(String entryUuid) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("SubmissionSet " + entryUuid).getBytes(StandardCharsets.UTF_8));
    }

    /** What an ITI-62 removal of these versions names: each version, its membership and its submission set. */
    public static List<String> removal(List<DocumentPointer> versions) {
        List<String> ids = new ArrayList<>();
        for (DocumentPointer version : versions) {
            ids.add(version.entryUuid());
            ids.add(membershipOf(version.entryUuid()));
            ids.add(submissionSetOf(version.entryUuid()));
        }
        return ids;
    }

    private DocumentPointer pointer(PatientData data, RegistryObjectId id) {
        PatientId patient = PatientId.nationalId(data.nationalId());
        List<Code> events = new ArrayList<>();
        for (String code : data.codes()) {
            events.add(new Code(code, LOINC, code));
        }
        DocumentCodes codes = new DocumentCodes(data.kind().classCode(), data.kind().classCode(), FORMAT, facilityType,
                practiceSetting, events, List.of(NORMAL));
        Author author = new Author(null, List.of(organisation.authorInstitution()), List.of(), List.of(), List.of());
        Provenance provenance = new Provenance(List.of(author), null, null, data.firstTime(), data.lastTime(),
                Identifier.of(patient), null);
        DocumentLocation location = new DocumentLocation(organisation.repositoryUniqueId(), MIME_TYPE, "nb-NO", null,
                null, null, null);
        return new DocumentPointer(id, AvailabilityStatus.APPROVED, DocumentEntryType.ON_DEMAND, patient, codes, provenance, location,
                Text.of(data.kind().title() + ", " + organisation.name()), null, List.of(), Map.of());
    }

    /** The submission that publishes {@code pointer}: ITI-61 for a first version, ITI-92 for a later one. */
    public Submission submission(DocumentPointer pointer) {
        String setUuid = submissionSetOf(pointer.entryUuid());
        Author author = new Author(null, List.of(organisation.authorInstitution()), List.of(), List.of(), List.of());
        SubmissionSet set = new SubmissionSet(new RegistryObjectId(setUuid, oid(), null, null, null),
                AvailabilityStatus.APPROVED, pointer.patientId(), organisation.sourceId(), DtmTime.now(),
                pointer.codes().classCode(), List.of(author), List.of(), null, null, Map.of());
        List<Association> associations = new ArrayList<>();
        associations.add(new Association(membershipOf(pointer.entryUuid()), AssociationType.HAS_MEMBER, setUuid,
                pointer.entryUuid(), AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
        return new Submission(set, List.of(pointer), List.of(), associations);
    }

    /** A fresh OID-form unique id: 2.25 and a random UUID as an integer. */
    public static String oid() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
