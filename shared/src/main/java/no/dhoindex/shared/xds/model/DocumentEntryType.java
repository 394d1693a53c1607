package no.dhoindex.shared.xds.model;

/**
 * Stable entries point at a fixed document; on-demand entries point at content the source
 * makes at retrieve time, such as a patient's live measurements.
 */
public enum DocumentEntryType {
    STABLE,
    ON_DEMAND
}
