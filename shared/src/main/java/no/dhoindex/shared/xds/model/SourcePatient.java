package no.dhoindex.shared.xds.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patient as the document's source knows them (XDS sourcePatientInfo, HL7 v2 PID fields on the wire): their
 * identifiers (PID-3), names (PID-5), birth time (PID-7, an HL7 DTM string as sent), administrative sex (PID-8, the
 * code as sent) and addresses (PID-11). {@code otherFields} keeps every other field the source sent, which this
 * registry does not take apart, by its field id ({@code PID-n}) in the order sent, each repetition as it came.
 */
public record SourcePatient(List<Identifier> identifiers, List<PersonName> names, String birthTime, String sex,
                            List<Address> addresses, Map<String, List<String>> otherFields) {

    public SourcePatient {
        identifiers = List.copyOf(identifiers);
        names = List.copyOf(names);
        addresses = List.copyOf(addresses);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        otherFields.forEach((field, values) -> copy.put(field, List.copyOf(values)));
        otherFields = Collections.unmodifiableMap(copy);
    }
}
