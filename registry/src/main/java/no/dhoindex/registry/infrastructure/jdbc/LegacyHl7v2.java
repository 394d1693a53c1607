package no.dhoindex.registry.infrastructure.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Recipient;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.wire.Hl7v2Parts;

/**
 * HL7 v2 values as the forms before stored form 2 kept them (encoded XCN, XON, CX, XTN strings), and the source
 * patient's PID fields as the forms before stored form 3 kept them ({@code PID-n|value}), into their parts: read by
 * the migrations that rewrite those rows ({@link LegacyJsonForm}, stored forms 1 and 2), never on a query.
 */
final class LegacyHl7v2 {

    private LegacyHl7v2() {
    }

    static Author author(String person, List<String> institutions, List<String> roles, List<String> specialties,
                         List<String> telecoms) {
        return new Author(Hl7v2Parts.person(person), each(institutions, Hl7v2Parts::institution),
                each(roles, Hl7v2Parts::identifier), each(specialties, Hl7v2Parts::identifier),
                each(telecoms, Hl7v2Parts::telecom));
    }

    static List<Identifier> referenceIds(List<String> cxi) {
        return each(cxi, Hl7v2Parts::referenceId);
    }

    static List<Recipient> recipients(List<String> xonXcnXtn) {
        return each(xonXcnXtn, Hl7v2Parts::recipient);
    }

    /** Null for no field, as the domain has it when a source sent none. */
    static SourcePatient sourcePatient(List<String> pidFields) {
        return pidFields.isEmpty() ? null : Hl7v2Parts.sourcePatient(pidFields);
    }

    private static <T> List<T> each(List<String> encoded, Function<String, T> parts) {
        return encoded.stream().map(parts).filter(Objects::nonNull).toList();
    }
}
