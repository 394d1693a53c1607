package no.dhoindex.registry.infrastructure.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.dhoindex.shared.xds.model.Address;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssigningAuthority;
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
import no.dhoindex.shared.xds.wire.Hl7v2Parts;

/**
 * The stored form of an object's full metadata (the {@code meta} column): a version byte, a kind byte,
 * then the record's values in a fixed order, written and read by hand. Nothing in it depends on the
 * names of the domain records' components, so renaming one leaves stored rows readable; a change of
 * what is stored is a new version, and the reader of every earlier version stays (a row is never
 * rewritten on read). Strings are UTF-8 with a length (0 = null, n + 1 = n bytes), counts are varints,
 * enums are fixed codes (never ordinals or names). Version 1 is the first binary form; the JSON bodies
 * before it are read once, by the V6 migration ({@link LegacyJsonForm}). Version 2 keeps HL7 v2 values (authors'
 * persons, institutions, roles, specialties and telecoms, the legal authenticator, the source patient id, reference
 * ids, intended recipients) as their parts where version 1 kept their encoded strings, so that reading never parses
 * HL7 v2; version 1 rows are read (parsing those strings once) by the V8 migration that rewrites them. Version 3
 * keeps the source patient's PID fields (sourcePatientInfo) as parts ({@link SourcePatient}) where versions 1 and 2
 * kept {@code PID-n|value} strings; rows of those versions are rewritten by the V9 migration.
 */
public final class StoredForm {

    /** The version this code writes. */
    static final int VERSION = 3;
    /** HL7 v2 values as parts, the source patient's PID fields still as {@code PID-n|value} strings. */
    static final int VERSION_2 = 2;
    /** The first binary form: HL7 v2 values as encoded strings. */
    static final int VERSION_1 = 1;

    private static final int DOCUMENT = 'D';
    private static final int SUBMISSION_SET = 'S';
    private static final int FOLDER = 'F';
    private static final int ASSOCIATION = 'A';

    private StoredForm() {
    }

    // ---- writing ---------------------------------------------------------------------------

    public static byte[] write(DocumentPointer d) {
        Out out = new Out(DOCUMENT);
        out.id(d.id());
        out.status(d.status());
        out.u8(switch (d.type()) {
            case STABLE -> 1;
            case ON_DEMAND -> 2;
        });
        out.patient(d.patientId());
        DocumentCodes c = d.codes();
        if (out.present(c)) {
            out.code(c.classCode());
            out.code(c.typeCode());
            out.code(c.formatCode());
            out.code(c.healthcareFacilityTypeCode());
            out.code(c.practiceSettingCode());
            out.codes(c.eventCodes());
            out.codes(c.confidentialityCodes());
        }
        Provenance p = d.provenance();
        if (out.present(p)) {
            out.authors(p.authors());
            out.person(p.legalAuthenticator());
            out.str(p.creationTime());
            out.str(p.serviceStartTime());
            out.str(p.serviceStopTime());
            out.identifier(p.sourcePatientId());
            out.sourcePatient(p.sourcePatient());
        }
        DocumentLocation l = d.location();
        if (out.present(l)) {
            out.str(l.repositoryUniqueId());
            out.str(l.mimeType());
            out.str(l.languageCode());
            out.str(l.hash());
            if (out.present(l.size())) {
                out.varlong(l.size());
            }
            out.str(l.uri());
            out.str(l.documentAvailability());
        }
        out.text(d.title());
        out.text(d.comments());
        out.count(d.referenceIds().size());
        d.referenceIds().forEach(out::identifierBody);
        out.extra(d.extraMetadata());
        return out.bytes();
    }

    public static byte[] write(SubmissionSet s) {
        Out out = new Out(SUBMISSION_SET);
        out.id(s.id());
        out.status(s.status());
        out.patient(s.patientId());
        out.str(s.sourceId());
        out.str(s.submissionTime());
        out.code(s.contentTypeCode());
        out.authors(s.authors());
        out.count(s.intendedRecipients().size());
        for (Recipient r : s.intendedRecipients()) {
            out.institution(r.institution());
            out.person(r.person());
            out.telecom(r.telecom());
        }
        out.text(s.title());
        out.text(s.comments());
        out.extra(s.extraMetadata());
        return out.bytes();
    }

    public static byte[] write(Folder f) {
        Out out = new Out(FOLDER);
        out.id(f.id());
        out.status(f.status());
        out.patient(f.patientId());
        out.codes(f.codes());
        out.str(f.lastUpdateTime());
        out.text(f.title());
        out.text(f.comments());
        out.extra(f.extraMetadata());
        return out.bytes();
    }

    public static byte[] write(Association a) {
        Out out = new Out(ASSOCIATION);
        out.str(a.entryUuid());
        out.u8(associationType(a.type()));
        out.str(a.sourceUuid());
        out.str(a.targetUuid());
        out.status(a.status());
        out.str(a.submissionSetStatus());
        out.str(a.homeCommunityId());
        out.extra(a.extraMetadata());
        out.code(a.documentation());
        return out.bytes();
    }

    // ---- reading ---------------------------------------------------------------------------

    public static DocumentPointer document(byte[] stored) {
        In in = new In(stored, DOCUMENT);
        RegistryObjectId id = in.id();
        AvailabilityStatus status = in.status();
        DocumentEntryType type = switch (in.u8()) {
            case 1 -> DocumentEntryType.STABLE;
            case 2 -> DocumentEntryType.ON_DEMAND;
            default -> throw in.corrupt("document entry type");
        };
        PatientId patient = in.patient();
        DocumentCodes codes = in.present() ? new DocumentCodes(in.code(), in.code(), in.code(), in.code(), in.code(),
                in.codes(), in.codes()) : null;
        Provenance provenance = in.present() ? new Provenance(in.authors(), in.person(), in.str(), in.str(), in.str(),
                in.identifier(), in.sourcePatient()) : null;
        DocumentLocation location = in.present() ? new DocumentLocation(in.str(), in.str(), in.str(), in.str(),
                in.present() ? in.varlong() : null, in.str(), in.str()) : null;
        return new DocumentPointer(id, status, type, patient, codes, provenance, location, in.text(), in.text(),
                in.referenceIds(), in.extra());
    }

    public static SubmissionSet submissionSet(byte[] stored) {
        In in = new In(stored, SUBMISSION_SET);
        return new SubmissionSet(in.id(), in.status(), in.patient(), in.str(), in.str(), in.code(), in.authors(),
                in.recipients(), in.text(), in.text(), in.extra());
    }

    public static Folder folder(byte[] stored) {
        In in = new In(stored, FOLDER);
        return new Folder(in.id(), in.status(), in.patient(), in.codes(), in.str(), in.text(), in.text(), in.extra());
    }

    public static Association association(byte[] stored) {
        In in = new In(stored, ASSOCIATION);
        String entryUuid = in.str();
        AssociationType type = associationType(in.u8(), in);
        return new Association(entryUuid, type, in.str(), in.str(), in.status(), in.str(), in.str(), in.extra(),
                in.code());
    }

    // ---- fixed codes -----------------------------------------------------------------------

    private static int associationType(AssociationType type) {
        return switch (type) {
            case HAS_MEMBER -> 1;
            case REPLACE -> 2;
            case TRANSFORM -> 3;
            case APPEND -> 4;
            case TRANSFORM_AND_REPLACE -> 5;
            case SIGNS -> 6;
            case IS_SNAPSHOT_OF -> 7;
            case UPDATE_AVAILABILITY_STATUS -> 8;
            case SUBMIT_ASSOCIATION -> 9;
            case NON_VERSIONING_UPDATE -> 10;
        };
    }

    private static AssociationType associationType(int code, In in) {
        return switch (code) {
            case 1 -> AssociationType.HAS_MEMBER;
            case 2 -> AssociationType.REPLACE;
            case 3 -> AssociationType.TRANSFORM;
            case 4 -> AssociationType.APPEND;
            case 5 -> AssociationType.TRANSFORM_AND_REPLACE;
            case 6 -> AssociationType.SIGNS;
            case 7 -> AssociationType.IS_SNAPSHOT_OF;
            case 8 -> AssociationType.UPDATE_AVAILABILITY_STATUS;
            case 9 -> AssociationType.SUBMIT_ASSOCIATION;
            case 10 -> AssociationType.NON_VERSIONING_UPDATE;
            default -> throw in.corrupt("association type " + code);
        };
    }

    private static final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);

        Out(int kind) {
            buf.write(VERSION);
            buf.write(kind);
        }

        byte[] bytes() {
            return buf.toByteArray();
        }

        void u8(int v) {
            buf.write(v);
        }

        void varlong(long v) {
            // Unsigned LEB128 of the zig-zag form: small sizes and counts take one or two bytes.
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                buf.write((int) ((z & 0x7F) | 0x80));
                z >>>= 7;
            }
            buf.write((int) z);
        }

        boolean present(Object o) {
            buf.write(o == null ? 0 : 1);
            return o != null;
        }

        void str(String s) {
            if (s == null) {
                varlong(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varlong(b.length + 1L);
            buf.write(b, 0, b.length);
        }

        void strs(List<String> values) {
            varlong(values.size());
            values.forEach(this::str);
        }

        void status(AvailabilityStatus s) {
            u8(s == null ? 0 : switch (s) {
                case APPROVED -> 1;
                case DEPRECATED -> 2;
            });
        }

        void id(RegistryObjectId id) {
            str(id.entryUuid());
            str(id.uniqueId());
            str(id.logicalUuid());
            str(id.version());
            str(id.homeCommunityId());
        }

        void patient(PatientId p) {
            if (present(p)) {
                str(p.id());
                str(p.assigningAuthority());
            }
        }

        void code(Code c) {
            if (present(c)) {
                str(c.code());
                str(c.scheme());
                str(c.displayName());
            }
        }

        void codes(List<Code> codes) {
            varlong(codes.size());
            for (Code c : codes) {
                str(c.code());
                str(c.scheme());
                str(c.displayName());
            }
        }

        void text(Text t) {
            if (present(t)) {
                str(t.value());
                str(t.lang());
                str(t.charset());
            }
        }

        void count(int n) {
            varlong(n);
        }

        void authors(List<Author> authors) {
            varlong(authors.size());
            for (Author a : authors) {
                person(a.person());
                count(a.institutions().size());
                a.institutions().forEach(this::institutionBody);
                count(a.roles().size());
                a.roles().forEach(this::identifierBody);
                count(a.specialties().size());
                a.specialties().forEach(this::identifierBody);
                count(a.telecoms().size());
                a.telecoms().forEach(this::telecomBody);
            }
        }

        void authority(AssigningAuthority a) {
            if (present(a)) {
                str(a.namespaceId());
                str(a.universalId());
                str(a.universalIdType());
            }
        }

        void identifier(Identifier i) {
            if (present(i)) {
                identifierBody(i);
            }
        }

        void identifierBody(Identifier i) {
            str(i.id());
            authority(i.authority());
            str(i.typeCode());
        }

        void person(Person p) {
            if (present(p)) {
                str(p.id());
                PersonName n = p.name();
                if (present(n)) {
                    nameBody(n);
                }
                authority(p.authority());
            }
        }

        void sourcePatient(SourcePatient p) {
            if (present(p)) {
                count(p.identifiers().size());
                p.identifiers().forEach(this::identifierBody);
                count(p.names().size());
                p.names().forEach(this::nameBody);
                str(p.birthTime());
                str(p.sex());
                count(p.addresses().size());
                for (Address a : p.addresses()) {
                    str(a.street());
                    str(a.otherDesignation());
                    str(a.city());
                    str(a.stateOrProvince());
                    str(a.postalCode());
                    str(a.country());
                    str(a.countyParishCode());
                }
                extra(p.otherFields());
            }
        }

        void nameBody(PersonName n) {
            str(n.family());
            str(n.given());
            str(n.otherGiven());
            str(n.suffix());
            str(n.prefix());
            str(n.degree());
        }

        void institution(Institution o) {
            if (present(o)) {
                institutionBody(o);
            }
        }

        void institutionBody(Institution o) {
            str(o.name());
            str(o.id());
            authority(o.authority());
        }

        void telecom(Telecom t) {
            if (present(t)) {
                telecomBody(t);
            }
        }

        void telecomBody(Telecom t) {
            str(t.use());
            str(t.type());
            str(t.email());
            str(t.countryCode());
            str(t.areaCode());
            str(t.localNumber());
            str(t.extension());
            str(t.unformatted());
        }

        void extra(Map<String, List<String>> extra) {
            varlong(extra.size());
            extra.forEach((name, values) -> {
                str(name);
                strs(values);
            });
        }
    }

    private static final class In {
        private final byte[] b;
        private final int version;
        private int pos;

        In(byte[] stored, int kind) {
            this.b = stored;
            if (stored == null || stored.length < 2) {
                throw corrupt("empty");
            }
            if (stored[0] < VERSION_1 || stored[0] > VERSION) {
                throw new IllegalStateException("Stored metadata of version " + stored[0]
                        + ": this registry reads versions " + VERSION_1 + " to " + VERSION);
            }
            version = stored[0];
            if (stored[1] != kind) {
                throw corrupt("kind " + (char) stored[1] + ", expected " + (char) kind);
            }
            pos = 2;
        }

        IllegalStateException corrupt(String what) {
            return new IllegalStateException("Stored metadata unreadable at byte " + pos + ": " + what);
        }

        int u8() {
            if (pos >= b.length) {
                throw corrupt("truncated");
            }
            return b[pos++] & 0xFF;
        }

        long varlong() {
            long z = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                z |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return (z >>> 1) ^ -(z & 1);
                }
            }
            throw corrupt("varint too long");
        }

        int count() {
            long n = varlong();
            if (n < 0 || n > b.length - pos) {
                throw corrupt("count " + n);
            }
            return (int) n;
        }

        boolean present() {
            return switch (u8()) {
                case 0 -> false;
                case 1 -> true;
                default -> throw corrupt("presence flag");
            };
        }

        String str() {
            long n = varlong();
            if (n == 0) {
                return null;
            }
            if (n < 0 || n - 1 > b.length - pos) {
                throw corrupt("string length " + (n - 1));
            }
            String s = new String(b, pos, (int) (n - 1), StandardCharsets.UTF_8);
            pos += (int) (n - 1);
            return s;
        }

        List<String> strs() {
            int n = count();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(str());
            }
            return values;
        }

        AvailabilityStatus status() {
            return switch (u8()) {
                case 0 -> null;
                case 1 -> AvailabilityStatus.APPROVED;
                case 2 -> AvailabilityStatus.DEPRECATED;
                default -> throw corrupt("status");
            };
        }

        RegistryObjectId id() {
            return new RegistryObjectId(str(), str(), str(), str(), str());
        }

        PatientId patient() {
            return present() ? new PatientId(str(), str()) : null;
        }

        Code code() {
            return present() ? new Code(str(), str(), str()) : null;
        }

        List<Code> codes() {
            int n = count();
            List<Code> codes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                codes.add(new Code(str(), str(), str()));
            }
            return codes;
        }

        Text text() {
            return present() ? new Text(str(), str(), str()) : null;
        }

        List<Author> authors() {
            int n = count();
            List<Author> authors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                authors.add(version == VERSION_1 ? LegacyHl7v2.author(str(), strs(), strs(), strs(), strs())
                        : new Author(person(), list(this::institutionBody), list(this::identifierBody),
                                list(this::identifierBody), list(this::telecomBody)));
            }
            return authors;
        }

        private <T> List<T> list(Supplier<T> item) {
            int n = count();
            List<T> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(item.get());
            }
            return values;
        }

        AssigningAuthority authority() {
            return present() ? new AssigningAuthority(str(), str(), str()) : null;
        }

        Identifier identifier() {
            if (version == VERSION_1) {
                return Hl7v2Parts.identifier(str());
            }
            return present() ? identifierBody() : null;
        }

        Identifier identifierBody() {
            return new Identifier(str(), authority(), str());
        }

        List<Identifier> referenceIds() {
            return version == VERSION_1 ? LegacyHl7v2.referenceIds(strs()) : list(this::identifierBody);
        }

        Person person() {
            if (version == VERSION_1) {
                return Hl7v2Parts.person(str());
            }
            if (!present()) {
                return null;
            }
            String id = str();
            PersonName name = present() ? nameBody() : null;
            return new Person(id, name, authority());
        }

        PersonName nameBody() {
            return new PersonName(str(), str(), str(), str(), str(), str());
        }

        SourcePatient sourcePatient() {
            if (version < VERSION) {
                return LegacyHl7v2.sourcePatient(strs());
            }
            if (!present()) {
                return null;
            }
            return new SourcePatient(list(this::identifierBody), list(this::nameBody), str(), str(),
                    list(() -> new Address(str(), str(), str(), str(), str(), str(), str())), extra());
        }

        Institution institutionBody() {
            return new Institution(str(), str(), authority());
        }

        Telecom telecomBody() {
            return new Telecom(str(), str(), str(), str(), str(), str(), str(), str());
        }

        List<Recipient> recipients() {
            return version == VERSION_1 ? LegacyHl7v2.recipients(strs()) : list(() -> new Recipient(
                    present() ? institutionBody() : null, person(), present() ? telecomBody() : null));
        }

        Map<String, List<String>> extra() {
            int n = count();
            Map<String, List<String>> extra = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                extra.put(str(), strs());
            }
            return extra;
        }
    }
}
