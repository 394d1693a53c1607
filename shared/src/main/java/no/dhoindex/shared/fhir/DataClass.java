package no.dhoindex.shared.fhir;

import java.util.Optional;
import no.dhoindex.shared.xds.model.Code;

/**
 * The DHO data a platform shares, by FHIR resource type, with the LOINC document class of the
 * on-demand pointer that stands for it in the registry (DOMAIN.md §1 priority services): how a
 * gateway finds, through XCA, the data of a source that has no FHIR search of its own.
 */
public enum DataClass {
    OBSERVATION("Observation", new Code("8716-3", "2.16.840.1.113883.6.1", "Vital signs")),
    CARE_PLAN("CarePlan", new Code("18776-5", "2.16.840.1.113883.6.1", "Plan of care note")),
    MEDICATION_STATEMENT("MedicationStatement", new Code("10160-0", "2.16.840.1.113883.6.1", "History of medication use"));

    private final String resourceType;
    private final Code classCode;

    DataClass(String resourceType, Code classCode) {
        this.resourceType = resourceType;
        this.classCode = classCode;
    }

    public String resourceType() {
        return resourceType;
    }

    public Code classCode() {
        return classCode;
    }

    public static Optional<DataClass> of(String resourceType) {
        for (DataClass c : values()) {
            if (c.resourceType.equals(resourceType)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
