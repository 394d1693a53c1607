package no.dhoindex.registry.infrastructure.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.registry.domain.UpdatePlan;
import no.dhoindex.shared.xds.model.AssigningAuthority;
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
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.Recipient;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Telecom;
import no.dhoindex.shared.xds.model.Text;

/**
 * The objects of {@code stored-form/v5-rows.sql}: three registrations and one metadata update of one patient,
 * with every kind of value the stored form holds (all fields set, fields absent, non-ASCII text, extra slots,
 * versions, a replacement, a folder). The fixture holds these rows as the JSON-body form wrote them.
 */
final class StoredFormSamples {

    static final PatientId PATIENT = PatientId.nationalId("15077510041");
    static final PatientId OTHER = new PatientId("PID-77", "1.3.6.1.4.1.21367.13.20.1000");

    static final String HOSPITAL = "2.16.578.1.12.4.5.100.1";
    static final String REPOSITORY = HOSPITAL + ".2";

    // As stored form 1 and the JSON bodies kept them: 9144900^Lege^Anne^^^^^^&2.16.578.1.12.4.1.4.4&ISO,
    // Sykehuset i Vest^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^974633574, LE^^^&2.16.578.1.12.4.1.1.9060&ISO, Kardiologi,
    // ^^Internet^anne.lege@sykehus.no.
    private static final Person ANNE = new Person("9144900", PersonName.of("Lege", "Anne"),
            AssigningAuthority.iso("2.16.578.1.12.4.1.4.4"));
    private static final Institution SYKEHUSET = new Institution("Sykehuset i Vest", "974633574",
            AssigningAuthority.iso("2.16.578.1.12.4.1.4.101"));
    private static final Author DOCTOR = new Author(ANNE, List.of(SYKEHUSET),
            List.of(new Identifier("LE", AssigningAuthority.iso("2.16.578.1.12.4.1.1.9060"), null)),
            List.of(Identifier.of("Kardiologi")),
            List.of(new Telecom(null, "Internet", "anne.lege@sykehus.no", null, null, null, null, null)));
    private static final Author SYSTEM_ONLY = new Author(null,
            List.of(SYKEHUSET), List.of(), List.of(), List.of());

    static final SubmissionSet SET_1 = new SubmissionSet(
            new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000001", HOSPITAL + ".3.1", null, null, null),
            AvailabilityStatus.APPROVED, PATIENT, HOSPITAL, "20261201101500",
            new Code("DISCHARGE", "2.16.578.1.12.4.1.1.8637", "Epikrise"), List.of(DOCTOR, SYSTEM_ONLY),
            List.of(new Recipient(new Institution("Fastlege Bergen", "912345678", // Fastlege Bergen^^^^^&...101&ISO^^^^912345678
                    AssigningAuthority.iso("2.16.578.1.12.4.1.4.101")), null, null)),
            new Text("Epikrise etter innleggelse på hjerteavdelingen", "nb-NO", "UTF-8"), Text.of("Sendt ved utskriving"),
            Map.of("urn:no:dhoindex:channel", List.of("ehr", "batch")));

    static final DocumentPointer DISCHARGE = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000001", HOSPITAL + ".4.1",
                    "urn:uuid:d0000000-0000-4000-8000-000000000001", "1", "urn:oid:2.16.578.1.12.4.5.100"),
            AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, PATIENT,
            new DocumentCodes(new Code("A00-1", "2.16.578.1.12.4.1.1.9602", "Epikriser og sammenfatninger"),
                    new Code("J01-2", "2.16.578.1.12.4.1.1.9602", "Epikrise"),
                    new Code("urn:ihe:iti:xds:2017:mimeTypeSufficient", "1.3.6.1.4.1.19376.1.2.3", null),
                    new Code("86", "2.16.578.1.12.4.1.1.8662", "Sykehus"),
                    new Code("KARD", "2.16.578.1.12.4.1.1.8451", "Kardiologi"),
                    List.of(new Code("I21", "2.16.578.1.12.4.1.1.7110", "Akutt hjerteinfarkt"),
                            new Code("Z95", "2.16.578.1.12.4.1.1.7110", null)),
                    List.of(new Code("N", "2.16.840.1.113883.5.25", "Normal"))),
            new Provenance(List.of(DOCTOR), ANNE, "20261201090000", "20261124", "20261201100000",
                    Identifier.of(PATIENT), // 15077510041^^^&2.16.578.1.12.4.1.4.1&ISO
                    // PID-3|15077510041^^^&2.16.578.1.12.4.1.4.1&ISO, PID-5|Ås^Øyvind^^^, PID-7|19751507, PID-8|M
                    new SourcePatient(List.of(Identifier.of(PATIENT)), List.of(PersonName.of("Ås", "Øyvind")),
                            "19751507", "M", List.of(), Map.of())),
            new DocumentLocation(REPOSITORY, "application/pdf", "nb-NO",
                    "da39a3ee5e6b4b0d3255bfef95601890afd80709", 4_294_967_396L, null, null),
            new Text("Epikrise — hjerteavdelingen", "nb-NO", null), new Text("Første versjon", null, null),
            List.of(new Identifier("REF-1", AssigningAuthority.iso("2.16.578.1.12.4.5.100.9"), // REF-1^^^&...9&ISO^...order
                    "urn:ihe:iti:xds:2013:order")),
            orderedExtra());

    static final DocumentPointer MEASUREMENTS = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000002", HOSPITAL + ".4.2",
                    "urn:uuid:d0000000-0000-4000-8000-000000000002", "1", null),
            AvailabilityStatus.APPROVED, DocumentEntryType.ON_DEMAND, PATIENT,
            new DocumentCodes(new Code("X01", "2.16.578.1.12.4.1.1.9602", null), null, null, null, null,
                    List.of(), List.of()),
            new Provenance(List.of(), null, null, null, null, null, null),
            new DocumentLocation(REPOSITORY, "application/fhir+json", null, null, null, null,
                    "urn:ihe:iti:2010:DocumentAvailability:Online"),
            null, null, List.of(), Map.of());

    static final Folder FOLDER = new Folder(
            new RegistryObjectId("urn:uuid:f0000000-0000-4000-8000-000000000001", HOSPITAL + ".5.1",
                    "urn:uuid:f0000000-0000-4000-8000-000000000001", "1", null),
            AvailabilityStatus.APPROVED, PATIENT,
            List.of(new Code("HJERTE", "2.16.578.1.12.4.5.100.7", "Hjerteoppfølging"), new Code("X", null, null)),
            "20261201101500", Text.of("Hjerteoppfølging"), null, Map.of());

    static final Association SET_HAS_DISCHARGE = hasMember("a1", SET_1.entryUuid(), DISCHARGE.entryUuid(), Map.of());
    static final Association SET_HAS_MEASUREMENTS = hasMember("a2", SET_1.entryUuid(), MEASUREMENTS.entryUuid(), Map.of());
    static final Association SET_HAS_FOLDER = hasMember("a3", SET_1.entryUuid(), FOLDER.entryUuid(), Map.of());
    static final Association FOLDER_HAS_DISCHARGE = hasMember("a4", FOLDER.entryUuid(), DISCHARGE.entryUuid(), Map.of());
    static final Association SET_HAS_FOLDER_MEMBERSHIP = hasMember("a5", SET_1.entryUuid(),
            FOLDER_HAS_DISCHARGE.entryUuid(), Map.of());

    // A replacement: the second registration's document replaces the discharge summary (deprecated by it).
    static final SubmissionSet SET_2 = new SubmissionSet(
            new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000002", HOSPITAL + ".3.2", null, null, null),
            AvailabilityStatus.APPROVED, PATIENT, HOSPITAL, "20261202080000", null, List.of(), List.of(), null, null,
            Map.of());
    static final DocumentPointer CORRECTED = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000003", HOSPITAL + ".4.3",
                    "urn:uuid:d0000000-0000-4000-8000-000000000003", "1", null),
            AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, PATIENT, DISCHARGE.codes(), DISCHARGE.provenance(),
            new DocumentLocation(REPOSITORY, "application/pdf", "nb-NO", "0123456789abcdef0123456789abcdef01234567",
                    1024L, null, null),
            Text.of("Epikrise — korrigert"), null, List.of(), Map.of());
    static final Association SET_2_HAS_CORRECTED = hasMember("a6", SET_2.entryUuid(), CORRECTED.entryUuid(), Map.of());
    static final Association CORRECTED_REPLACES = new Association(uuid("a7"), AssociationType.REPLACE,
            CORRECTED.entryUuid(), DISCHARGE.entryUuid(), AvailabilityStatus.APPROVED, null, null, Map.of(),
            new Code("FEIL", "2.16.578.1.12.4.5.100.8", "Feil i dosering"));
    static final Association FOLDER_HAS_CORRECTED = hasMember("a8", FOLDER.entryUuid(), CORRECTED.entryUuid(), Map.of());
    static final Association SET_2_HAS_FOLDER_MEMBERSHIP = hasMember("a9", SET_2.entryUuid(),
            FOLDER_HAS_CORRECTED.entryUuid(), Map.of());
    static final String FOLDER_TOUCHED = "20261202080000";

    // A metadata update (ITI-92): version 2 of the measurements' entry supersedes version 1.
    static final SubmissionSet SET_3 = new SubmissionSet(
            new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000003", HOSPITAL + ".3.3", null, null, null),
            AvailabilityStatus.APPROVED, PATIENT, HOSPITAL, "20261202090000", null, List.of(SYSTEM_ONLY), List.of(),
            null, null, Map.of());
    static final DocumentPointer MEASUREMENTS_V2 = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000004", HOSPITAL + ".4.2",
                    MEASUREMENTS.entryUuid(), "2", null),
            AvailabilityStatus.APPROVED, DocumentEntryType.ON_DEMAND, PATIENT, MEASUREMENTS.codes(),
            new Provenance(List.of(), null, null, "20261101", "20261202", null, null), MEASUREMENTS.location(),
            Text.of("Målinger"), null, List.of(), Map.of());
    static final Association SET_3_HAS_V2 = hasMember("b1", SET_3.entryUuid(), MEASUREMENTS_V2.entryUuid(),
            Map.of(Association.PREVIOUS_VERSION, List.of("1"), Association.ASSOCIATION_PROPAGATION, List.of("no")));

    // Another patient's registration (not in the first patient's answers).
    static final SubmissionSet OTHER_SET = new SubmissionSet(
            new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000009", HOSPITAL + ".3.9", null, null, null),
            AvailabilityStatus.APPROVED, OTHER, HOSPITAL, "20261202100000", null, List.of(), List.of(), null, null,
            Map.of());
    static final DocumentPointer OTHER_DOCUMENT = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000009", HOSPITAL + ".4.9",
                    "urn:uuid:d0000000-0000-4000-8000-000000000009", "1", null),
            AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, OTHER, DISCHARGE.codes(), DISCHARGE.provenance(),
            new DocumentLocation(REPOSITORY, "text/plain", null, "ffffffffffffffffffffffffffffffffffffffff", 0L,
                    null, null),
            null, null, List.of(), Map.of());
    static final Association OTHER_HAS = hasMember("c1", OTHER_SET.entryUuid(), OTHER_DOCUMENT.entryUuid(), Map.of());

    private StoredFormSamples() {
    }

    static RegistrationPlan first() {
        return new RegistrationPlan(SET_1, List.of(DISCHARGE, MEASUREMENTS), List.of(FOLDER),
                List.of(SET_HAS_DISCHARGE, SET_HAS_MEASUREMENTS, SET_HAS_FOLDER, FOLDER_HAS_DISCHARGE,
                        SET_HAS_FOLDER_MEMBERSHIP), List.of(), Map.of());
    }

    static RegistrationPlan replacement() {
        return new RegistrationPlan(SET_2, List.of(CORRECTED), List.of(),
                List.of(SET_2_HAS_CORRECTED, CORRECTED_REPLACES, FOLDER_HAS_CORRECTED, SET_2_HAS_FOLDER_MEMBERSHIP),
                List.of(DISCHARGE.entryUuid()), Map.of(FOLDER.entryUuid(), FOLDER_TOUCHED));
    }

    static UpdatePlan update() {
        return new UpdatePlan(new RegistrationPlan(SET_3, List.of(MEASUREMENTS_V2), List.of(), List.of(SET_3_HAS_V2),
                List.of(), Map.of()), List.of(MEASUREMENTS.entryUuid()), List.of(), List.of());
    }

    static RegistrationPlan otherPatient() {
        return new RegistrationPlan(OTHER_SET, List.of(OTHER_DOCUMENT), List.of(), List.of(OTHER_HAS), List.of(),
                Map.of());
    }

    private static Association hasMember(String id, String source, String target, Map<String, List<String>> extra) {
        return new Association(uuid(id), AssociationType.HAS_MEMBER, source, target, AvailabilityStatus.APPROVED,
                "Original", null, extra, null);
    }

    private static String uuid(String suffix) {
        return "urn:uuid:e0000000-0000-4000-8000-0000000000" + suffix;
    }

    private static Map<String, List<String>> orderedExtra() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("urn:no:dhoindex:zeta", List.of("siste"));
        extra.put("urn:no:dhoindex:alpha", List.of("første", "andre"));
        return extra;
    }
}
