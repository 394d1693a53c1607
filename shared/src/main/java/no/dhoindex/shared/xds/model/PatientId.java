package no.dhoindex.shared.xds.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A patient identifier: the id within an assigning authority (an ISO OID). The registry's
 * affinity domain id for Norway is the national id (fødselsnummer / D-nummer) under
 * {@link #NATIONAL_ID_AUTHORITY}.
 */
public record PatientId(String id, String assigningAuthority) {

    /** Folkeregisteret: fødselsnummer and D-nummer. */
    public static final String NATIONAL_ID_AUTHORITY = "2.16.578.1.12.4.1.4.1";
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

    public PatientId {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assigningAuthority, "assigningAuthority");
    }

    /**
     * A patient id given as its two parts, as the admin APIs' paths carry it: the authority must be
     * an OID and the id 1-64 letters, digits, '.', '_' or '-' (IllegalArgumentException says which not).
     */
    public static PatientId of(String assigningAuthority, String id) {
        if (assigningAuthority == null || !OID.matcher(assigningAuthority).matches()) {
            throw new IllegalArgumentException("The assigning authority must be an OID");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("The patient id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return new PatientId(id, assigningAuthority);
    }

    public static PatientId nationalId(String fnr) {
        return new PatientId(fnr, NATIONAL_ID_AUTHORITY);
    }

    public boolean isNationalId() {
        return NATIONAL_ID_AUTHORITY.equals(assigningAuthority);
    }

    /** The HL7v2 CX form used in XDS metadata: {@code id^^^&oid&ISO}. */
    public String toCx() {
        return id + "^^^&" + assigningAuthority + "&ISO";
    }

    /**
     * Parses the CX form {@code id^^^&oid&ISO}; returns {@code null} where the value is not
     * a CX with an ISO assigning authority.
     */
    public static PatientId parseCx(String cx) {
        if (cx == null) {
            return null;
        }
        String[] components = cx.trim().split("\\^", -1);
        if (components.length < 4 || components[0].isEmpty()) {
            return null;
        }
        String[] authority = components[3].split("&", -1);
        if (authority.length != 3 || authority[1].isEmpty() || !"ISO".equals(authority[2])) {
            return null;
        }
        return new PatientId(components[0], authority[1]);
    }

    @Override
    public String toString() {
        return toCx();
    }
}
