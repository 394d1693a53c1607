package no.dhoindex.shared.xds.model;

/** The relations the registry keeps between its objects (ITI TF-3 4.2.2). */
public enum AssociationType {
    HAS_MEMBER,
    REPLACE,
    TRANSFORM,
    APPEND,
    TRANSFORM_AND_REPLACE,
    SIGNS,
    IS_SNAPSHOT_OF,
    UPDATE_AVAILABILITY_STATUS,
    SUBMIT_ASSOCIATION,
    NON_VERSIONING_UPDATE;

    /** Document relationship types: RPLC, XFRM, APND, XFRM_RPLC, signs (ITI TF-3 4.2.2.2). */
    public boolean isDocumentRelationship() {
        return this == REPLACE || this == TRANSFORM || this == APPEND || this == TRANSFORM_AND_REPLACE
                || this == SIGNS;
    }

    /** The relationships whose target the new document supersedes. */
    public boolean replaces() {
        return this == REPLACE || this == TRANSFORM_AND_REPLACE;
    }
}
