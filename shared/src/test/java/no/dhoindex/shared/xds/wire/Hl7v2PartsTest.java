package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.function.Function;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Telecom;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Hl7v2Based;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Organization;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;

/**
 * HL7 v2 values kept as parts write back as IPF (HAPI) renders the value they were read from, both through IPF's
 * objects (the ebRIM answer) and through the domain's own encoder (the author and reference-id index), escapes
 * included.
 */
class Hl7v2PartsTest {

    private static final List<String> XCN = List.of("9144900^Lege^Anne^^^^^^&2.16.578.1.12.4.1.4.4&ISO",
            "^Sykepleier^Ola^^^", "^Smitty^Gerald^^^", "Ås\\S\\1^Øyvind\\T\\Co^^^", "id^Fam^Giv^Sec^Jr^Dr^MD^^&1.2&ISO",
            "^Welby^Marcus^^^Dr^MD", "123^^^^^^^^NS&1.2.3&ISO", "a\\E\\b\\F\\c\\R\\d");
    private static final List<String> XON = List.of("Sykehuset i Vest^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^974633574",
            "Some Hospital", "Some Hospital^^^^^^^^^1.2.3.9.1789.45", "A \\T\\ B^^^^^&1.2&ISO");
    private static final List<String> CX = List.of("15077510041^^^&2.16.578.1.12.4.1.4.1&ISO",
            "LE^^^&2.16.578.1.12.4.1.1.9060&ISO", "Kardiologi", "PID-77^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
    private static final List<String> CXI = List.of("REF-1^^^&2.16.578.1.12.4.5.100.9&ISO^urn:ihe:iti:xds:2013:order",
            "ref^^^NS&1.2&ISO^urn:ihe:iti:xds:2013:uniqueId^&urn:oid:1.3&ISO", "1.2.3.4^^^^urn:ihe:iti:xds:2013:uniqueId");
    private static final List<String> XTN = List.of("^^Internet^anne.lege@sykehus.no", "^PRN^PH^^47^22^123456^89",
            "^WPN^PH^^^^^^^^^+4722123456", "^NET^Internet^a\\T\\b@example.org");

    @Test
    void personsWriteBackAsRead() {
        writeBackAsRead(XCN, org.openehealth.ipf.commons.ihe.xds.core.metadata.Person::parse, Hl7v2Parts::person,
                Person::toXcn, Hl7v2Parts::ipf);
        assertEquals(new Person("9144900", PersonName.of("Lege", "Anne"), AssigningAuthority.iso("2.16.578.1.12.4.1.4.4")),
                Hl7v2Parts.person(XCN.get(0)));
        assertEquals(new Person("Ås^1", PersonName.of("Øyvind&Co", null), null),
                Hl7v2Parts.person(XCN.get(3)), "values are kept unescaped");
    }

    @Test
    void organisationsWriteBackAsRead() {
        writeBackAsRead(XON, Organization::parse, Hl7v2Parts::institution, Institution::toXon, Hl7v2Parts::ipf);
        assertEquals(new Institution("Sykehuset i Vest", "974633574", AssigningAuthority.iso("2.16.578.1.12.4.1.4.101")),
                Hl7v2Parts.institution(XON.get(0)));
    }

    @Test
    void identifiersWriteBackAsRead() {
        writeBackAsRead(CX, Identifiable::parse, Hl7v2Parts::identifier, Identifier::toCx, Hl7v2Parts::ipf);
        writeBackAsRead(CXI, ReferenceId::parse, Hl7v2Parts::referenceId, Identifier::toCx, Hl7v2Parts::referenceId);
        assertEquals(new Identifier("ref", new AssigningAuthority("NS", "1.2", "ISO"), "urn:ihe:iti:xds:2013:uniqueId"),
                Hl7v2Parts.referenceId(CXI.get(1)), "CX.6, which IPF does not keep, is not kept");
    }

    @Test
    void telecomsWriteBackAsRead() {
        writeBackAsRead(XTN, org.openehealth.ipf.commons.ihe.xds.core.metadata.Telecom::parse, Hl7v2Parts::telecom,
                Telecom::toXtn, Hl7v2Parts::ipf);
        assertEquals(new Telecom("PRN", "PH", null, "47", "22", "123456", "89", null), Hl7v2Parts.telecom(XTN.get(1)));
    }

    /** Each value, parsed by IPF and rendered, is what its parts give through the domain's encoder and through IPF. */
    private static <T> void writeBackAsRead(List<String> values, Function<String, Hl7v2Based<?>> ipfParse,
                                            Function<String, T> parts, Function<T, String> encoded,
                                            Function<T, Hl7v2Based<?>> ipf) {
        for (String s : values) {
            String rendered = Hl7v2Based.render(ipfParse.apply(s));
            T p = parts.apply(s);
            assertEquals(rendered, encoded.apply(p), s);
            assertEquals(rendered, Hl7v2Based.render(ipf.apply(p)), s);
        }
    }

    @Test
    void emptyValuesAreNoValues() {
        assertNull(Hl7v2Parts.person(new org.openehealth.ipf.commons.ihe.xds.core.metadata.Person()));
        assertNull(Hl7v2Parts.institution(""));
        assertNull(Hl7v2Parts.identifier((String) null));
    }
}
