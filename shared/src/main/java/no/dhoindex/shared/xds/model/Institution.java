package no.dhoindex.shared.xds.model;

/**
 * An organisation named in metadata (an author institution, an intended recipient): its name and its id within an
 * authority (in Norway the organisation number under the Enhetsregisteret OID); HL7 v2 XON on the wire.
 */
public record Institution(String name, String id, AssigningAuthority authority) {

    /** The XON form XDS metadata carries ({@code name^^^^^&oid&ISO^^^^id}). */
    public String toXon() {
        return Hl7v2Encoding.composite(name, null, null, null, null, Hl7v2Encoding.hd(authority), null, null, null,
                id);
    }
}
