package no.dhoindex.shared.xds.model;

/**
 * A telecommunication address in metadata (an author's, an intended recipient's): HL7 v2 XTN's use, equipment type,
 * e-mail address and telephone number parts, kept as given.
 */
public record Telecom(String use, String type, String email, String countryCode, String areaCode, String localNumber,
                      String extension, String unformatted) {

    /** The XTN form XDS metadata carries. */
    public String toXtn() {
        return Hl7v2Encoding.composite(null, use, type, email, countryCode, areaCode, localNumber, extension, null,
                null, null, unformatted);
    }
}
