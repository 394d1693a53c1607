package no.dhoindex.gateway.federation;

import java.util.List;
import java.util.Objects;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * A search for one patient's data of one kind, in the terms every source is asked in: the resource
 * type (Observation, CarePlan, MedicationStatement), the patient, code and category tokens
 * ({@code system|code}, any of them), date bounds (FHIR prefixed values, all of them), the order
 * (newest first or oldest first by the data's own date) and how many entries a page holds.
 */
public record DataSearch(String resourceType, PatientId patient, List<String> codes, List<String> categories,
                         List<String> dates, boolean newestFirst, int count) {

    public static final int MAX_COUNT = 500;

    public DataSearch {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(patient, "patient");
        codes = List.copyOf(codes);
        categories = List.copyOf(categories);
        dates = List.copyOf(dates);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("_count must be 1 to " + MAX_COUNT);
        }
    }

    /** Everything but the patient and the paging position, as a cursor binds it. */
    String signature() {
        return resourceType + "|" + String.join(",", codes) + "|" + String.join(",", categories) + "|"
                + String.join(",", dates) + "|" + (newestFirst ? "-date" : "date") + "|" + count;
    }
}
