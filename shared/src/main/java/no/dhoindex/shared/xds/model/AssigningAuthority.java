package no.dhoindex.shared.xds.model;

/**
 * Who issued an identifier (HL7 v2 HD): in XDS an ISO OID ({@code universalId}, type {@code ISO}); the namespace is
 * kept where a source sent one (reference ids may carry it).
 */
public record AssigningAuthority(String namespaceId, String universalId, String universalIdType) {

    public static AssigningAuthority iso(String oid) {
        return new AssigningAuthority(null, oid, "ISO");
    }
}
