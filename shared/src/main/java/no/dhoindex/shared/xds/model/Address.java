package no.dhoindex.shared.xds.model;

/**
 * A postal address as XDS metadata carries it for the source's patient (the parts of HL7 v2 XAD: street, other
 * designation, city, state or province, postal code, country, county or parish code).
 */
public record Address(String street, String otherDesignation, String city, String stateOrProvince,
                      String postalCode, String country, String countyParishCode) {

    /** The XAD form a source patient's addresses (PID-11) take in XDS metadata (XAD.1-6 and XAD.9). */
    public String toXad() {
        return Hl7v2Encoding.composite(street, otherDesignation, city, stateOrProvince, postalCode, country, null, null,
                countyParishCode);
    }
}
