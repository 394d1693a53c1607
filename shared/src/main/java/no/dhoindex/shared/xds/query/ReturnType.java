package no.dhoindex.shared.xds.query;

/** Whether a query answers with full objects or references only. */
public enum ReturnType {
    LEAF_CLASS,
    OBJECT_REF
}
