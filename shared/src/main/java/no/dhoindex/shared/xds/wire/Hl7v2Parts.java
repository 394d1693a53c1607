package no.dhoindex.shared.xds.wire;

import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.HD;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.datatype.XON;
import ca.uhn.hl7v2.model.v25.datatype.XTN;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Recipient;
import no.dhoindex.shared.xds.model.Telecom;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Hl7v2Based;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Organization;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;

/**
 * HL7 v2 composites (XCN, XON, CX, XTN) between IPF's objects and the domain's parts. Reading takes the parts from
 * the HAPI composites IPF parsed the wire strings into (once, at registration); writing sets the parts on fresh
 * composites, which IPF renders into ebRIM: no HL7 v2 string is parsed on the way out.
 */
public final class Hl7v2Parts {

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
