package no.dhoindex.shared.xds.model;

/** The lifecycle status queries filter on (ITI TF-3 4.2.3.1.7). */
public enum AvailabilityStatus {
    APPROVED,
    DEPRECATED
}
