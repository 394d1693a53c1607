package no.dhoindex.adapters.fhir;

import java.util.List;

/**
 * What the platform holds of one kind for one patient, as far as the pointer needs it: the
 * period it covers (HL7 DTM, UTC) and the codes of what was measured (event codes).
 */
public record PatientData(String nationalId, DataKind kind, String firstTime, String lastTime,
                          List<String> codes, int count) {

    public PatientData {
        codes = List.copyOf(codes);
    }
}
