package no.dhoindex.shared.xds.model;

/** A person's name as XDS metadata carries it (the name components of HL7 v2 XCN and XPN). */
public record PersonName(String family, String given, String otherGiven, String suffix, String prefix,
                         String degree) {

    public static PersonName of(String family, String given) {
        return new PersonName(family, given, null, null, null, null);
    }

    /** The XPN form a source patient's names (PID-5) take in XDS metadata ({@code family^given^other^suffix^prefix^degree}). */
    public String toXpn() {
        return Hl7v2Encoding.composite(family, given, otherGiven, suffix, prefix, degree);
    }
}
