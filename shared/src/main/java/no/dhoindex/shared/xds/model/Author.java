package no.dhoindex.shared.xds.model;

import java.util.List;

/**
 * Who authored a document or submission: a person, institutions, roles, specialties and telecom addresses, each
 * kept as its parts (parsed once, at registration); their HL7 v2 forms (XCN, XON, CX, XTN) are written at the edge.
 */
public record Author(Person person, List<Institution> institutions, List<Identifier> roles,
                     List<Identifier> specialties, List<Telecom> telecoms) {

    public Author {
        institutions = List.copyOf(institutions);
        roles = List.copyOf(roles);
        specialties = List.copyOf(specialties);
        telecoms = List.copyOf(telecoms);
    }
}
