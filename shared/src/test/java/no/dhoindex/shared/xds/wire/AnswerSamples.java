package no.dhoindex.shared.xds.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.model.Address;
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
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;

/**
 * Domain answers with every value the metadata mapper writes: every slot, classification and external identifier of
 * the three kinds of objects, every association type with its slots, HL7 v2 values with every part and with the
 * characters HL7 v2 and XML escape, non-ASCII text, absent values, homes, errors and warnings; and the NIST kit's
 * values (its patient in the kit's affinity domain, its codes, its author and source patient forms).
 */
final class AnswerSamples {

    static final PatientId PATIENT = PatientId.nationalId("15077510041");
    /** The NIST kit's patient (its affinity domain, 1.3.6.1.4.1.21367.13.20.1000). */
    static final PatientId KIT_PATIENT = new PatientId("IHERED-2718", "1.3.6.1.4.1.21367.13.20.1000");
    static final String HOSPITAL = "2.16.578.1.12.4.5.100.1";
    static final String HOME = "urn:oid:2.16.578.1.12.4.5.100";

    private static final Person ANNE = new Person("9144900",
            new PersonName("Lege", "Anne", "Marie", "jr", "dr", "MD"), AssigningAuthority.iso("2.16.578.1.12.4.1.4.4"));
    /** Every character HL7 v2 escapes, and those XML escapes, in names and ids. */
    private static final Person AWKWARD = new Person("id^1&2", new PersonName("Ås|Berg^Hansen", "Ola~Per",
            "a\\b", null, null, null), new AssigningAuthority("NS&1", "1.2.3", "ISO"));
    private static final Institution SYKEHUSET = new Institution("Sykehuset i Vest", "974633574",
            AssigningAuthority.iso("2.16.578.1.12.4.1.4.101"));
    private static final Institution NAME_ONLY = new Institution("Legekontoret <Øst> & \"Vest\"\r\nAvd. 2\t#", null, null);
    private static final Telecom FULL_PHONE = new Telecom("WPN", "PH", null, "47", "55", "975000", "12", "+4755975000");
    private static final Telecom EMAIL = new Telecom(null, "Internet", "anne.lege@sykehus.no", null, null, null, null,
            null);
    private static final Author DOCTOR = new Author(ANNE, List.of(SYKEHUSET, NAME_ONLY),
            List.of(new Identifier("LE", AssigningAuthority.iso("2.16.578.1.12.4.1.1.9060"), null), Identifier.of("Lege")),
            List.of(Identifier.of("Kardiologi")), List.of(EMAIL, FULL_PHONE));
    private static final Author SYSTEM_ONLY = new Author(null, List.of(SYKEHUSET), List.of(), List.of(), List.of());
    private static final Author ODD = new Author(AWKWARD, List.of(), List.of(), List.of(Identifier.of("x^y")),
            List.of());

    static final DocumentPointer DISCHARGE = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000001", HOSPITAL + ".4.1",
                    "urn:uuid:d0000000-0000-4000-8000-000000000001", "1", HOME),
            AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, PATIENT,
            new DocumentCodes(new Code("A00-1", "2.16.578.1.12.4.1.1.9602", "Epikriser og sammenfatninger"),
                    new Code("J01-2", "2.16.578.1.12.4.1.1.9602", "Epikrise"),
                    new Code("urn:ihe:iti:xds:2017:mimeTypeSufficient", "1.3.6.1.4.1.19376.1.2.3", null),
                    new Code("86", "2.16.578.1.12.4.1.1.8662", "Sykehus"),
                    new Code("KARD", "2.16.578.1.12.4.1.1.8451", "Kardiologi"),
                    List.of(new Code("I21", "2.16.578.1.12.4.1.1.7110", "Akutt hjerteinfarkt"),
                            new Code("Z95", "2.16.578.1.12.4.1.1.7110", null)),
                    List.of(new Code("N", "2.16.840.1.113883.5.25", "Normal"), new Code("R", null, "Restricted"))),
            new Provenance(List.of(DOCTOR, SYSTEM_ONLY, ODD), ANNE, "20261201090000", "20261124", "20261201100000",
                    Identifier.of(PATIENT),
                    new SourcePatient(List.of(Identifier.of(PATIENT), new Identifier("L-7", AssigningAuthority.iso(
                            "2.16.578.1.12.4.5.100.9"), "MR")),
                            List.of(new PersonName("Ås", "Øyvind", "K", "jr", "hr", null), PersonName.of("Aas", "Oyvind")),
                            "19751507", "M",
                            List.of(new Address("Storgata 1", "H0101", "Bergen", "Vestland", "5003", "NOR", "4601"),
                                    new Address(null, null, "Oslo", null, null, null, null)),
                            orderedMap("PID-13", List.of("^PRN^PH^^^^55555555"), "PID-15", List.of("NOR")))),
            new DocumentLocation(HOSPITAL + ".2", "application/pdf", "nb-NO",
                    "da39a3ee5e6b4b0d3255bfef95601890afd80709", 4_294_967_396L, "https://example.org/d?a=1&b=<2>",
                    "urn:ihe:iti:2010:DocumentAvailability:Online"),
            new Text("Epikrise — hjerteavdelingen <utskriving> & \"svar\"", "nb-NO", "UTF-8"),
            new Text("Første versjon", null, null),
            List.of(new Identifier("REF-1", AssigningAuthority.iso("2.16.578.1.12.4.5.100.9"),
                    "urn:ihe:iti:xds:2013:order"), new Identifier("ACC-9", new AssigningAuthority("HOSP", null, null),
                    "urn:ihe:iti:xds:2013:accession")),
            orderedMap("urn:no:dhoindex:channel", List.of("ehr", "batch"), "urn:example:empty", List.of()));

    /** An on-demand entry with almost nothing set: absent values must be absent in the answer, not empty. */
    static final DocumentPointer MEASUREMENTS = new DocumentPointer(
            new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000002", HOSPITAL + ".4.2", null, null, null),
            AvailabilityStatus.DEPRECATED, DocumentEntryType.ON_DEMAND, PATIENT,
            new DocumentCodes(new Code("X01", "2.16.578.1.12.4.1.1.9602", null), null, null, null, null,
                    List.of(), List.of()),
            new Provenance(List.of(), null, null, null, null, null, null),
            new DocumentLocation(HOSPITAL + ".2", "application/fhir+json", null, null, null, null, null),
            null, null, List.of(), Map.of());

    /** The NIST kit's own values (its 12346 submission's entry): its patient, codes, author and source patient. */
    static final DocumentPointer KIT_ENTRY = new DocumentPointer(
            new RegistryObjectId("urn:uuid:7b2e2a4a-1c3e-4f59-8d5b-7a2a1f0a9c01", "1.2.42.20051110.12346.1",
                    "urn:uuid:7b2e2a4a-1c3e-4f59-8d5b-7a2a1f0a9c01", "1", null),
            AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, KIT_PATIENT,
            new DocumentCodes(new Code("Education", "1.3.6.1.4.1.21367.100.1", "Education"),
                    new Code("34133-9", "2.16.840.1.113883.6.1", "Summary of episode note"),
                    new Code("urn:ihe:pcc:xphr:2007", "1.3.6.1.4.1.19376.1.2.3", "Personal Health Records"),
                    new Code("Outpatient", "Connect-a-thon healthcareFacilityTypeCodes", "Outpatient"),
                    new Code("Dialysis", "Connect-a-thon practiceSettingCodes", "Dialysis"),
                    List.of(new Code("T-62002", "SNM3", "Liver")),
                    List.of(new Code("1.3.6.1.4.1.21367.2006.7.101", "Connect-a-thon confidentialityCodes",
                            "Clinical-Staff"))),
            new Provenance(List.of(new Author(new Person(null, new PersonName("Smitty", "Gerald", null, null, null,
                    null), null), List.of(new Institution("Cleveland Clinic", null, null),
                    new Institution("Parma Community", null, null)), List.of(Identifier.of("Attending")),
                    List.of(Identifier.of("Orthopedic")), List.of())),
                    new Person(null, new PersonName("Sherry", "Dopplemeyer", null, null, null, null), null),
                    "20051224", "200412230800", "200412230801",
                    new Identifier("89765a87b", AssigningAuthority.iso("3.4.5"), null),
                    new SourcePatient(List.of(new Identifier("pid1", AssigningAuthority.iso("1.2.3"), null)),
                            List.of(PersonName.of("Doe", "John")), "19560527", "M",
                            List.of(new Address("100 Main St", null, "Metropolis", "Il", "44130", "USA", null)),
                            Map.of())),
            new DocumentLocation("1.3.6.1.4.1.21367.2010.1.2.1125", "text/plain", "en-us",
                    "4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e", 36L, null, null),
            Text.of("DocA"), Text.of("comment"), List.of(), Map.of());

    static final SubmissionSet SET = new SubmissionSet(
            new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000001", HOSPITAL + ".3.1", null, null, HOME),
            AvailabilityStatus.APPROVED, PATIENT, HOSPITAL, "20261201101500",
            new Code("DISCHARGE", "2.16.578.1.12.4.1.1.8637", "Epikrise"), List.of(DOCTOR, SYSTEM_ONLY),
            List.of(new Recipient(new Institution("Fastlege Bergen", "912345678",
                            AssigningAuthority.iso("2.16.578.1.12.4.1.4.101")), ANNE, EMAIL),
                    new Recipient(null, AWKWARD, null), new Recipient(null, null, FULL_PHONE),
                    new Recipient(NAME_ONLY, null, null)),
            new Text("Epikrise etter innleggelse på hjerteavdelingen", "nb-NO", "UTF-8"), Text.of("Sendt ved utskriving"),
            Map.of("urn:no:dhoindex:channel", List.of("ehr")));

    static final SubmissionSet BARE_SET = new SubmissionSet(
            new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000002", HOSPITAL + ".3.2", null, null, null),
            AvailabilityStatus.APPROVED, PATIENT, HOSPITAL, "20261202080000", null, List.of(), List.of(), null, null,
            Map.of());

    static final Folder FOLDER = new Folder(
            new RegistryObjectId("urn:uuid:f0000000-0000-4000-8000-000000000001", HOSPITAL + ".5.1",
                    "urn:uuid:f0000000-0000-4000-8000-000000000001", "2", HOME),
            AvailabilityStatus.APPROVED, PATIENT,
            List.of(new Code("HJERTE", "2.16.578.1.12.4.5.100.7", "Hjerteoppfølging"), new Code("X", null, null)),
            "20261201101500", Text.of("Hjerteoppfølging"), new Text("Mappe", "nb", null),
            Map.of("urn:no:dhoindex:folder", List.of("a", "b")));

    static final Folder BARE_FOLDER = new Folder(
            new RegistryObjectId("urn:uuid:f0000000-0000-4000-8000-000000000002", HOSPITAL + ".5.2", null, null, null),
            AvailabilityStatus.DEPRECATED, PATIENT, List.of(), null, null, null, Map.of());

    static final List<Association> ASSOCIATIONS = List.of(
            new Association(uuid("a1"), AssociationType.HAS_MEMBER, SET.entryUuid(), DISCHARGE.entryUuid(),
                    AvailabilityStatus.APPROVED, "Original", HOME, Map.of(), null),
            new Association(uuid("a2"), AssociationType.HAS_MEMBER, SET.entryUuid(), MEASUREMENTS.entryUuid(),
                    AvailabilityStatus.APPROVED, "Reference", null,
                    orderedMap(Association.PREVIOUS_VERSION, List.of("1"), Association.ASSOCIATION_PROPAGATION,
                            List.of("no"), "urn:no:dhoindex:why", List.of("x")), null),
            new Association(uuid("a3"), AssociationType.HAS_MEMBER, FOLDER.entryUuid(), DISCHARGE.entryUuid(),
                    AvailabilityStatus.APPROVED, null, null, Map.of(), null),
            new Association(uuid("a4"), AssociationType.REPLACE, KIT_ENTRY.entryUuid(), DISCHARGE.entryUuid(),
                    AvailabilityStatus.APPROVED, null, HOME, Map.of(),
                    new Code("FEIL", "2.16.578.1.12.4.5.100.8", "Feil i dosering")),
            new Association(uuid("a5"), AssociationType.TRANSFORM, KIT_ENTRY.entryUuid(), DISCHARGE.entryUuid(),
                    AvailabilityStatus.DEPRECATED, null, null, Map.of(), null),
            new Association(uuid("a6"), AssociationType.APPEND, KIT_ENTRY.entryUuid(), DISCHARGE.entryUuid(),
                    null, null, null, Map.of(), null),
            new Association(uuid("a7"), AssociationType.TRANSFORM_AND_REPLACE, KIT_ENTRY.entryUuid(),
                    DISCHARGE.entryUuid(), AvailabilityStatus.APPROVED, null, null, Map.of(), null),
            new Association(uuid("a8"), AssociationType.SIGNS, KIT_ENTRY.entryUuid(), DISCHARGE.entryUuid(),
                    AvailabilityStatus.APPROVED, null, null, Map.of(), null),
            new Association(uuid("a9"), AssociationType.IS_SNAPSHOT_OF, KIT_ENTRY.entryUuid(),
                    MEASUREMENTS.entryUuid(), AvailabilityStatus.APPROVED, null, null, Map.of(), null),
            new Association(uuid("b1"), AssociationType.UPDATE_AVAILABILITY_STATUS, SET.entryUuid(),
                    MEASUREMENTS.entryUuid(), AvailabilityStatus.APPROVED, null, null,
                    orderedMap(Association.ORIGINAL_STATUS, List.of("APPROVED"), Association.NEW_STATUS,
                            List.of("DEPRECATED")), null),
            new Association(uuid("b2"), AssociationType.SUBMIT_ASSOCIATION, SET.entryUuid(), uuid("a3"),
                    AvailabilityStatus.APPROVED, null, null, Map.of(), null),
            new Association(uuid("b3"), AssociationType.NON_VERSIONING_UPDATE, SET.entryUuid(), DISCHARGE.entryUuid(),
                    AvailabilityStatus.APPROVED, null, null, Map.of(), null));

    static final QueryResult RICH = new QueryResult(List.of(DISCHARGE, MEASUREMENTS, KIT_ENTRY),
            List.of(SET, BARE_SET), List.of(FOLDER, BARE_FOLDER), ASSOCIATIONS);

    static final List<XdsError> ERRORS = List.of(
            XdsError.error(XdsErrorCode.UNAVAILABLE_COMMUNITY, "The community did not answer <in time> & gave up",
                    "urn:oid:1.2.3"),
            new XdsError(XdsErrorCode.REGISTRY_ERROR, "Only part of it", null, XdsError.Severity.WARNING),
            XdsError.error(XdsErrorCode.STORED_QUERY_PARAM_NUMBER, null, null));

    /** The answers compared: each kind of content and status, LeafClass and ObjectRef alike. */
    static List<QueryAnswer> answers() {
        return List.of(
                QueryAnswer.success(RICH),
                QueryAnswer.success(new QueryResult(List.of(DISCHARGE), List.of(), List.of(), List.of())),
                QueryAnswer.success(new QueryResult(List.of(KIT_ENTRY, MEASUREMENTS), List.of(), List.of(), List.of())),
                QueryAnswer.success(new QueryResult(List.of(), List.of(SET, BARE_SET), List.of(), List.of())),
                QueryAnswer.success(new QueryResult(List.of(), List.of(), List.of(FOLDER, BARE_FOLDER), List.of())),
                QueryAnswer.success(new QueryResult(List.of(), List.of(), List.of(), ASSOCIATIONS)),
                QueryAnswer.success(QueryResult.EMPTY),
                new QueryAnswer(QueryAnswer.Status.PARTIAL_SUCCESS, RICH, ERRORS),
                new QueryAnswer(QueryAnswer.Status.FAILURE, QueryResult.EMPTY, ERRORS));
    }

    static String uuid(String suffix) {
        return "urn:uuid:00000000-0000-4000-8000-0000000000" + suffix;
    }

    private static Map<String, List<String>> orderedMap(Object... keysAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], values);
        }
        return map;
    }

    private AnswerSamples() {
    }
}
