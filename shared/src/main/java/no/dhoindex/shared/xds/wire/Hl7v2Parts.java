package no.dhoindex.shared.xds.wire;

import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.HD;
import ca.uhn.hl7v2.model.v25.datatype.XAD;
import ca.uhn.hl7v2.model.v25.datatype.XPN;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.datatype.XON;
import ca.uhn.hl7v2.model.v25.datatype.XTN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import no.dhoindex.shared.xds.model.Address;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Recipient;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.model.Telecom;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Hl7v2Based;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Name;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Organization;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.PatientInfo;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.XpnName;
import org.openehealth.ipf.commons.ihe.xds.core.transform.hl7.PatientInfoTransformer;

/**
 * HL7 v2 composites (XCN, XON, CX, XTN, and the PID fields of sourcePatientInfo: CX, XPN, XAD) between IPF's
 * objects and the domain's parts. Reading takes the parts from
 * the HAPI composites IPF parsed the wire strings into (once, at registration); writing sets the parts on fresh
 * composites, which IPF renders into ebRIM: no HL7 v2 string is parsed on the way out.
 */
public final class Hl7v2Parts {

    private static final PatientInfoTransformer PATIENT_INFO = new PatientInfoTransformer();
    /** The PID fields IPF takes apart, which {@link SourcePatient} keeps as parts; every other field is kept as sent. */
    private static final String IDENTIFIERS = "PID-3";
    private static final String NAMES = "PID-5";
    private static final String BIRTH_TIME = "PID-7";
    private static final String SEX = "PID-8";
    private static final String ADDRESSES = "PID-11";

    private Hl7v2Parts() {
    }

    // ---- IPF -> domain ---------------------------------------------------------------

    public static Person person(org.openehealth.ipf.commons.ihe.xds.core.metadata.Person p) {
        if (p == null || p.isEmpty()) {
            return null;
        }
        XCN x = p.getHapiObject();
        PersonName name = new PersonName(value(x.getXcn2_FamilyName().getFn1_Surname()), value(x.getXcn3_GivenName()),
                value(x.getXcn4_SecondAndFurtherGivenNamesOrInitialsThereof()), value(x.getXcn5_SuffixEgJRorIII()),
                value(x.getXcn6_PrefixEgDR()), value(x.getXcn7_DegreeEgMD()));
        return new Person(value(x.getXcn1_IDNumber()), allNull(name.family(), name.given(), name.otherGiven(),
                name.suffix(), name.prefix(), name.degree()) ? null : name, authority(x.getXcn9_AssigningAuthority()));
    }

    public static Institution institution(Organization o) {
        if (o == null || o.isEmpty()) {
            return null;
        }
        XON x = o.getHapiObject();
        // XON.3 is where HL7 v2.4 and earlier kept the id: read as the id (and written back in XON.10), so that
        // who an institution is never depends on which of the two a source used.
        String id = value(x.getXon10_OrganizationIdentifier());
        return new Institution(value(x.getXon1_OrganizationName()), id != null ? id : value(x.getXon3_IDNumber()),
                authority(x.getXon6_AssigningAuthority()));
    }

    public static Identifier identifier(Hl7v2Based<CX> id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        CX x = id.getHapiObject();
        return new Identifier(value(x.getCx1_IDNumber()), authority(x.getCx4_AssigningAuthority()),
                value(x.getCx5_IdentifierTypeCode()));
    }

    public static Telecom telecom(org.openehealth.ipf.commons.ihe.xds.core.metadata.Telecom t) {
        if (t == null || t.isEmpty()) {
            return null;
        }
        XTN x = t.getHapiObject();
        return new Telecom(value(x.getXtn2_TelecommunicationUseCode()), value(x.getXtn3_TelecommunicationEquipmentType()),
                value(x.getXtn4_EmailAddress()), value(x.getXtn5_CountryCode()), value(x.getXtn6_AreaCityCode()),
                value(x.getXtn7_LocalNumber()), value(x.getXtn8_Extension()),
                value(x.getXtn12_UnformattedTelephoneNumber()));
    }

    public static Recipient recipient(org.openehealth.ipf.commons.ihe.xds.core.metadata.Recipient r) {
        return new Recipient(institution(r.getOrganization()), person(r.getPerson()), telecom(r.getTelecom()));
    }

    /**
     * The source patient's PID fields as parts: identifiers (CX), names (XPN), birth time, sex and addresses (XAD) as
     * IPF parsed them; any other field ({@link PatientInfo#getCustomFieldIds()}) kept repetition by repetition as the
     * source sent it, in field order. Null when the source sent no field.
     */
    public static SourcePatient sourcePatient(PatientInfo info) {
        if (info == null) {
            return null;
        }
        List<Identifier> identifiers = new ArrayList<>();
        info.getIds().forEachRemaining(id -> add(identifiers, identifier(id)));
        List<PersonName> names = new ArrayList<>();
        info.getNames().forEachRemaining(n -> add(names, name(n)));
        List<Address> addresses = new ArrayList<>();
        info.getAddresses().forEachRemaining(a -> add(addresses, address(a)));
        Map<String, List<String>> other = new LinkedHashMap<>();
        info.getCustomFieldIds().stream().sorted(new PatientInfo.Hl7FieldIdComparator()).forEach(field -> {
            List<String> values = new ArrayList<>();
            info.getHl7FieldIterator(field).forEachRemaining(values::add);
            if (!values.isEmpty()) {
                other.put(field, values);
            }
        });
        String birthTime = first(info.getHl7FieldIterator(BIRTH_TIME));
        String sex = info.getGender();
        if (identifiers.isEmpty() && names.isEmpty() && birthTime == null && sex == null && addresses.isEmpty()
                && other.isEmpty()) {
            return null;
        }
        return new SourcePatient(identifiers, names, birthTime, sex, addresses, other);
    }

    private static PersonName name(Name<?> n) {
        // PatientInfo parses every PID-5 repetition as an XpnName (HAPI XPN).
        if (n == null || n.isEmpty() || !(n.getHapiObject() instanceof XPN x)) {
            return null;
        }
        PersonName name = new PersonName(value(x.getXpn1_FamilyName().getFn1_Surname()), value(x.getXpn2_GivenName()),
                value(x.getXpn3_SecondAndFurtherGivenNamesOrInitialsThereof()), value(x.getXpn4_SuffixEgJRorIII()),
                value(x.getXpn5_PrefixEgDR()), value(x.getXpn6_DegreeEgMD()));
        return allNull(name.family(), name.given(), name.otherGiven(), name.suffix(), name.prefix(), name.degree())
                ? null : name;
    }

    private static Address address(org.openehealth.ipf.commons.ihe.xds.core.metadata.Address a) {
        if (a == null || a.isEmpty()) {
            return null;
        }
        XAD x = a.getHapiObject();
        Address address = new Address(value(x.getXad1_StreetAddress().getSad1_StreetOrMailingAddress()),
                value(x.getXad2_OtherDesignation()), value(x.getXad3_City()), value(x.getXad4_StateOrProvince()),
                value(x.getXad5_ZipOrPostalCode()), value(x.getXad6_Country()), value(x.getXad9_CountyParishCode()));
        return allNull(address.street(), address.otherDesignation(), address.city(), address.stateOrProvince(),
                address.postalCode(), address.country(), address.countyParishCode()) ? null : address;
    }

    private static String first(ListIterator<String> values) {
        while (values.hasNext()) {
            String v = values.next();
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static <T> void add(List<T> values, T value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static AssigningAuthority authority(HD hd) {
        String namespace = value(hd.getHd1_NamespaceID());
        String universal = value(hd.getHd2_UniversalID());
        String type = value(hd.getHd3_UniversalIDType());
        return allNull(namespace, universal, type) ? null : new AssigningAuthority(namespace, universal, type);
    }

    private static String value(Primitive p) {
        String v = p.getValue();
        return v == null || v.isEmpty() ? null : v;
    }

    private static boolean allNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return false;
            }
        }
        return true;
    }

    // ---- strings -> domain: rows stored before the parts were (the only place a stored value is parsed) ------

    public static Person person(String xcn) {
        return xcn == null ? null : person(org.openehealth.ipf.commons.ihe.xds.core.metadata.Person.parse(xcn));
    }

    public static Institution institution(String xon) {
        return xon == null ? null : institution(Organization.parse(xon));
    }

    public static Identifier identifier(String cx) {
        return cx == null ? null : identifier(Identifiable.parse(cx));
    }

    public static Identifier referenceId(String cxi) {
        return cxi == null ? null : identifier(ReferenceId.parse(cxi));
    }

    public static Telecom telecom(String xtn) {
        return xtn == null ? null : telecom(org.openehealth.ipf.commons.ihe.xds.core.metadata.Telecom.parse(xtn));
    }

    public static Recipient recipient(String xonXcnXtn) {
        return recipient(MetadataMapper.RECIPIENT.fromEbXML(xonXcnXtn));
    }

    /** The source patient's {@code PID-n|value} strings, as stored before their parts were. */
    public static SourcePatient sourcePatient(List<String> pidFields) {
        return sourcePatient(PATIENT_INFO.fromHL7(pidFields));
    }

    // ---- domain -> IPF ---------------------------------------------------------------

    public static org.openehealth.ipf.commons.ihe.xds.core.metadata.Person ipf(Person p) {
        if (p == null) {
            return null;
        }
        var person = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Person();
        XCN x = person.getHapiObject();
        set(x.getXcn1_IDNumber(), p.id());
        PersonName n = p.name();
        if (n != null) {
            set(x.getXcn2_FamilyName().getFn1_Surname(), n.family());
            set(x.getXcn3_GivenName(), n.given());
            set(x.getXcn4_SecondAndFurtherGivenNamesOrInitialsThereof(), n.otherGiven());
            set(x.getXcn5_SuffixEgJRorIII(), n.suffix());
            set(x.getXcn6_PrefixEgDR(), n.prefix());
            set(x.getXcn7_DegreeEgMD(), n.degree());
        }
        set(x.getXcn9_AssigningAuthority(), p.authority());
        return person;
    }

    public static Organization ipf(Institution o) {
        if (o == null) {
            return null;
        }
        Organization organisation = new Organization();
        XON x = organisation.getHapiObject();
        set(x.getXon1_OrganizationName(), o.name());
        set(x.getXon6_AssigningAuthority(), o.authority());
        set(x.getXon10_OrganizationIdentifier(), o.id());
        return organisation;
    }

    public static Identifiable ipf(Identifier i) {
        return i == null ? null : fill(new Identifiable(), i);
    }

    public static ReferenceId referenceId(Identifier i) {
        return fill(new ReferenceId(), i);
    }

    public static org.openehealth.ipf.commons.ihe.xds.core.metadata.Telecom ipf(Telecom t) {
        if (t == null) {
            return null;
        }
        var telecom = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Telecom();
        XTN x = telecom.getHapiObject();
        set(x.getXtn2_TelecommunicationUseCode(), t.use());
        set(x.getXtn3_TelecommunicationEquipmentType(), t.type());
        set(x.getXtn4_EmailAddress(), t.email());
        set(x.getXtn5_CountryCode(), t.countryCode());
        set(x.getXtn6_AreaCityCode(), t.areaCode());
        set(x.getXtn7_LocalNumber(), t.localNumber());
        set(x.getXtn8_Extension(), t.extension());
        set(x.getXtn12_UnformattedTelephoneNumber(), t.unformatted());
        return telecom;
    }

    public static org.openehealth.ipf.commons.ihe.xds.core.metadata.Recipient ipf(Recipient r) {
        return new org.openehealth.ipf.commons.ihe.xds.core.metadata.Recipient(ipf(r.institution()), ipf(r.person()),
                ipf(r.telecom()));
    }

    /**
     * The source patient for IPF, which renders it into {@code PID-n|value} slot values: the parts set on fresh
     * composites (rendered, not parsed), the other fields as they were sent.
     */
    public static PatientInfo ipf(SourcePatient p) {
        if (p == null) {
            return null;
        }
        PatientInfo info = new PatientInfo();
        ListIterator<Identifiable> ids = info.getIds();
        p.identifiers().forEach(i -> ids.add(ipf(i)));
        ListIterator<Name> names = info.getNames();
        for (PersonName n : p.names()) {
            XpnName name = new XpnName();
            XPN x = name.getHapiObject();
            set(x.getXpn1_FamilyName().getFn1_Surname(), n.family());
            set(x.getXpn2_GivenName(), n.given());
            set(x.getXpn3_SecondAndFurtherGivenNamesOrInitialsThereof(), n.otherGiven());
            set(x.getXpn4_SuffixEgJRorIII(), n.suffix());
            set(x.getXpn5_PrefixEgDR(), n.prefix());
            set(x.getXpn6_DegreeEgMD(), n.degree());
            names.add(name);
        }
        if (p.birthTime() != null) {
            info.setDateOfBirth(p.birthTime());
        }
        if (p.sex() != null) {
            info.setGender(p.sex());
        }
        ListIterator<org.openehealth.ipf.commons.ihe.xds.core.metadata.Address> addresses = info.getAddresses();
        for (Address a : p.addresses()) {
            var address = new org.openehealth.ipf.commons.ihe.xds.core.metadata.Address();
            XAD x = address.getHapiObject();
            set(x.getXad1_StreetAddress().getSad1_StreetOrMailingAddress(), a.street());
            set(x.getXad2_OtherDesignation(), a.otherDesignation());
            set(x.getXad3_City(), a.city());
            set(x.getXad4_StateOrProvince(), a.stateOrProvince());
            set(x.getXad5_ZipOrPostalCode(), a.postalCode());
            set(x.getXad6_Country(), a.country());
            set(x.getXad9_CountyParishCode(), a.countyParishCode());
            addresses.add(address);
        }
        p.otherFields().forEach((field, values) -> {
            ListIterator<String> strings = info.getHl7FieldIterator(field);
            values.forEach(strings::add);
        });
        return info;
    }

    private static <T extends Hl7v2Based<CX>> T fill(T target, Identifier i) {
        CX x = target.getHapiObject();
        set(x.getCx1_IDNumber(), i.id());
        set(x.getCx4_AssigningAuthority(), i.authority());
        set(x.getCx5_IdentifierTypeCode(), i.typeCode());
        return target;
    }

    private static void set(HD hd, AssigningAuthority a) {
        if (a != null) {
            set(hd.getHd1_NamespaceID(), a.namespaceId());
            set(hd.getHd2_UniversalID(), a.universalId());
            set(hd.getHd3_UniversalIDType(), a.universalIdType());
        }
    }

    private static void set(Primitive p, String value) {
        if (value == null) {
            return;
        }
        try {
            p.setValue(value);
        } catch (DataTypeException e) {
            // HAPI's primitives of HL7 v2.5 take any string when not validating; a refusal means stored parts that
            // no parser could have produced.
            throw new IllegalStateException("HL7 v2 value " + value + " refused: " + e.getMessage(), e);
        }
    }
}
