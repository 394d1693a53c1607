package no.dhoindex.shared.xds.model;

/**
 * An identifier with the authority that issued it and, for a reference id, its type (HL7 v2 CX: id, assigning
 * authority, identifier type code): a source patient id, an author's role or specialty, a reference id.
 */
public record Identifier(String id, AssigningAuthority authority, String typeCode) {

    public static Identifier of(String id) {
        return new Identifier(id, null, null);
    }

    public static Identifier of(PatientId patient) {
        return new Identifier(patient.id(), AssigningAuthority.iso(patient.assigningAuthority()), null);
    }

    /**
     * The CX form of an identifier without its type code ({@code id^^^&oid&ISO}), as XDS metadata carries a patient
     * id, a source patient's ids and an author's role and specialty (IPF's Identifiable writes no CX.5).
     */
    public String toCxWithoutType() {
        return Hl7v2Encoding.composite(id, null, null, Hl7v2Encoding.hd(authority));
    }

    /** The CX form XDS metadata carries and reference-id queries match on. */
    public String toCx() {
        return Hl7v2Encoding.composite(id, null, null, Hl7v2Encoding.hd(authority), typeCode);
    }
}
