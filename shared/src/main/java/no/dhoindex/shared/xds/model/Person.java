package no.dhoindex.shared.xds.model;

/**
 * A person named in metadata (an author, a legal authenticator, an intended recipient): id within its authority
 * (in Norway the HPR number) and name; HL7 v2 XCN on the wire.
 */
public record Person(String id, PersonName name, AssigningAuthority authority) {

    /** The XCN form XDS metadata carries, which author queries match on ({@code id^family^given^...^^^&oid&ISO}). */
    public String toXcn() {
        PersonName n = name == null ? new PersonName(null, null, null, null, null, null) : name;
        return Hl7v2Encoding.composite(id, n.family(), n.given(), n.otherGiven(), n.suffix(), n.prefix(), n.degree(),
                null, Hl7v2Encoding.hd(authority));
    }
}
