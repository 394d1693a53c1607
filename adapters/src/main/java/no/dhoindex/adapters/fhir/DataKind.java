package no.dhoindex.adapters.fhir;

import no.dhoindex.shared.xds.model.Code;

/**
 * The kinds of DHO data a platform shares, each published as one on-demand pointer per patient
 * (DOMAIN.md §1 priority services). Codes are LOINC document classes: the registry selects on them.
 */
public enum DataKind {
    MEASUREMENTS("Observation", new Code("8716-3", "2.16.840.1.113883.6.1", "Vital signs"),
            "Målinger fra hjemmeoppfølging"),
    CARE_PLAN("CarePlan", new Code("18776-5", "2.16.840.1.113883.6.1", "Plan of care note"),
            "Egenbehandlingsplan"),
    MEDICATIONS("MedicationStatement", new Code("10160-0", "2.16.840.1.113883.6.1", "History of medication use"),
            "Legemiddelliste");

    private final String resourceType;
    private final Code classCode;
    private final String title;

    DataKind(String resourceType, Code classCode, String title) {
        this.resourceType = resourceType;
        this.classCode = classCode;
        this.title = title;
    }

    public String resourceType() {
        return resourceType;
    }

    public Code classCode() {
        return classCode;
    }

    public String title() {
        return title;
    }

    public static DataKind of(String resourceType) {
        for (DataKind kind : values()) {
            if (kind.resourceType.equals(resourceType)) {
                return kind;
            }
        }
        return null;
    }
}
