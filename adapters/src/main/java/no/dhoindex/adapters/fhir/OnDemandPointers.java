package no.dhoindex.adapters.fhir;

import java.math.BigInteger;
import java.nio.ByteBuffer;
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
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;

/**
 * One on-demand DocumentEntry per patient and kind of data ("measurements for patient X at
 * organisation Y"): its content is made at retrieve time from the platform, so the pointer only
 * says what exists and for which period. A changed period or new measurement types replace it (RPLC).
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

    /** Whether the platform's data has moved on from what the current pointer says. */
    public static boolean outdated(DocumentPointer current, PatientData data) {
        String stop = current.provenance().serviceStopTime();
        boolean sameDay = stop != null && data.lastTime() != null && day(stop).equals(day(data.lastTime()));
        List<String> codes = current.codes().eventCodes().stream().map(Code::code).toList();
        return !sameDay || !codes.containsAll(data.codes());
    }

    private static String day(String dtm) {
        return dtm.length() >= 8 ? dtm.substring(0, 8) : dtm;
    }

    /** The pointer for the data as it is now. */
    public DocumentPointer pointer(PatientData data) {
        PatientId patient = PatientId.nationalId(data.nationalId());
        String entryUuid = "urn:uuid:" + UUID.randomUUID();
        List<Code> events = new ArrayList<>();
        for (String code : data.codes()) {
            events.add(new Code(code, LOINC, code));
        }
        DocumentCodes codes = new DocumentCodes(data.kind().classCode(), data.kind().classCode(), FORMAT, facilityType,
                practiceSetting, events, List.of(NORMAL));
        Author author = new Author(null, List.of(organisation.authorInstitution()), List.of(), List.of(), List.of());
        Provenance provenance = new Provenance(List.of(author), null, null, data.firstTime(), data.lastTime(),
                patient.toCx(), List.of());
        DocumentLocation location = new DocumentLocation(organisation.repositoryUniqueId(), MIME_TYPE, "nb-NO", null,
                null, null, null);
        return new DocumentPointer(new RegistryObjectId(entryUuid, oid(), null, null, organisation.homeCommunityId()),
                AvailabilityStatus.APPROVED, DocumentEntryType.ON_DEMAND, patient, codes, provenance, location,
                Text.of(data.kind().title() + ", " + organisation.name()), null, List.of(), Map.of());
    }

    /** The ITI-42 submission that publishes {@code pointer}, replacing {@code previous} when there is one. */
    public Submission submission(DocumentPointer pointer, DocumentPointer previous) {
        String setUuid = "urn:uuid:" + UUID.randomUUID();
        Author author = new Author(null, List.of(organisation.authorInstitution()), List.of(), List.of(), List.of());
        SubmissionSet set = new SubmissionSet(new RegistryObjectId(setUuid, oid(), null, null, null),
                AvailabilityStatus.APPROVED, pointer.patientId(), organisation.sourceId(), DtmTime.now(),
                pointer.codes().classCode(), List.of(author), List.of(), null, null, Map.of());
        List<Association> associations = new ArrayList<>();
        associations.add(new Association("urn:uuid:" + UUID.randomUUID(), AssociationType.HAS_MEMBER, setUuid,
                pointer.entryUuid(), AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
        if (previous != null) {
            associations.add(new Association("urn:uuid:" + UUID.randomUUID(), AssociationType.REPLACE,
                    pointer.entryUuid(), previous.entryUuid(), AvailabilityStatus.APPROVED, null, null, Map.of(), null));
        }
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
