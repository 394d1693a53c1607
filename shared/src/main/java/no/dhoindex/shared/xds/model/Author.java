package no.dhoindex.shared.xds.model;

import java.util.List;

/**
 * Who authored a document or submission. Person, institutions and telecoms are kept in
 * their HL7v2 encodings (XCN, XON, XTN): that is the form XDS metadata defines them in,
 * and it lets author queries match on the person as submitted.
 */
public record Author(String person, List<String> institutions, List<String> roles,
                     List<String> specialties, List<String> telecoms) {

    public Author {
        institutions = List.copyOf(institutions);
        roles = List.copyOf(roles);
        specialties = List.copyOf(specialties);
        telecoms = List.copyOf(telecoms);
    }
}
