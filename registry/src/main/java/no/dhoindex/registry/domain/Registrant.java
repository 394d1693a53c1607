package no.dhoindex.registry.domain;

import java.util.Set;

/**
 * The organisation a registration comes from, as its system's access token proves it (orgnr), and
 * the identifier arcs (OIDs) the registry knows to be that organisation's: its sources, repositories
 * and community. An organisation registers pointers to its own data only, never for another.
 */
public record Registrant(String orgnr, String clientId, Set<String> arcs, boolean checked) {

    /** Registrations without a token (only where switched off, for benchmarks): every arc is theirs. */
    public static final Registrant UNCHECKED = new Registrant(null, null, Set.of(), false);

    public Registrant {
        arcs = Set.copyOf(arcs);
    }

    /** Whether {@code oid} (plain or {@code urn:oid:}) is one of this organisation's arcs or lies under one. */
    public boolean owns(String oid) {
        if (!checked) {
            return true;
        }
        if (oid == null || orgnr == null) {
            return false;
        }
        String plain = oid.startsWith("urn:oid:") ? oid.substring(8) : oid;
        return arcs.stream().anyMatch(arc -> plain.equals(arc) || plain.startsWith(arc + "."));
    }
}
