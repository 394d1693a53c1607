package no.dhoindex.shared.xds.error;

/**
 * The XDS error codes DHO Index answers with (ITI TF-3 Table 4.2.4.1-2, XCA ITI TF-2 3.38).
 * Every refusal names one of these; one place maps them to a RegistryError.
 */
public enum XdsErrorCode {
    REGISTRY_ERROR("XDSRegistryError"),
    REGISTRY_METADATA_ERROR("XDSRegistryMetadataError"),
    REGISTRY_BUSY("XDSRegistryBusy"),
    REPOSITORY_ERROR("XDSRepositoryError"),
    REPOSITORY_METADATA_ERROR("XDSRepositoryMetadataError"),
    UNKNOWN_PATIENT_ID("XDSUnknownPatientId"),
    PATIENT_ID_DOES_NOT_MATCH("XDSPatientIdDoesNotMatch"),
    RESULT_NOT_SINGLE_PATIENT("XDSResultNotSinglePatient"),
    DOCUMENT_UNIQUE_ID_ERROR("XDSDocumentUniqueIdError"),
    DUPLICATE_UNIQUE_ID_IN_REGISTRY("XDSDuplicateUniqueIdInRegistry"),
    DUPLICATE_UNIQUE_ID_IN_MESSAGE("XDSRegistryDuplicateUniqueIdInMessage"),
    NON_IDENTICAL_HASH("XDSNonIdenticalHash"),
    NON_IDENTICAL_SIZE("XDSNonIdenticalSize"),
    MISSING_DOCUMENT("XDSMissingDocument"),
    MISSING_DOCUMENT_METADATA("XDSMissingDocumentMetadata"),
    UNKNOWN_REPOSITORY_ID("XDSUnknownRepositoryId"),
    EXTRA_METADATA_NOT_SAVED("XDSExtraMetadataNotSaved"),
    UNKNOWN_STORED_QUERY("XDSUnknownStoredQuery"),
    STORED_QUERY_MISSING_PARAM("XDSStoredQueryMissingParam"),
    STORED_QUERY_PARAM_NUMBER("XDSStoredQueryParamNumber"),
    TOO_MANY_RESULTS("XDSTooManyResults"),
    UNKNOWN_COMMUNITY("XDSUnknownCommunity"),
    MISSING_HOME_COMMUNITY_ID("XDSMissingHomeCommunityId"),
    UNAVAILABLE_COMMUNITY("XDSUnavailableCommunity"),
    /** ITI-62: an object to remove is referenced by an association that stays (ITI TF-2b 3.62.4.1.3, ebRS 3.0 lcm). */
    REFERENCES_EXIST("ReferencesExistException"),
    /**
     * ITI-62: a removed association would leave an object that nothing references any more, e.g. a
     * submission set without members (ITI TF-2b 3.62.4.1.3; the NIST kit's 30001–30003).
     */
    UNREFERENCED_OBJECT("XDSUnreferencedObjectException"),
    /**
     * ITI-62: removing a document relationship (RPLC, APND, XFRM…) on its own would leave an approved
     * document standing without the one it replaces or amends (ITI TF-2b 3.62.4.1.3, Document Sharing
     * metadata model ITI TF-3 4.1.6; the NIST kit's 30004, 30005).
     */
    METADATA_MODEL("XDSMetadataModelException"),
    /** An update of an object in a way the Metadata Update option forbids (ITI TF-2b 3.57.4.1.3.3, Table 4.2.4.1-2). */
    METADATA_UPDATE_ERROR("XDSMetadataUpdateError"),
    /** PreviousVersion does not name the latest version, or no version exists to update (ITI TF-2b 3.57.4.1.3.3.1). */
    METADATA_VERSION_ERROR("XDSMetadataVersionError"),
    /** An update request holds an operation the transaction does not allow (ITI TF-2b 3.57.4.1.3.1, ITI-92 3.92.4.1.3). */
    METADATA_UPDATE_OPERATION_ERROR("XDSMetadataUpdateOperationError"),
    /** A new version names another patient than the version it replaces (ITI TF-2b 3.57.4.1.3.3.1). */
    PATIENT_ID_RECONCILIATION_ERROR("XDSPatientIDReconciliationError"),
    /** A restricted update changes the uniqueId of the entry it updates (ITI TF-2 3.92.4.1.3). */
    METADATA_IDENTIFIER_ERROR("XDSMetadataIdentifierError"),
    /** A restricted update changes an attribute the Update Responder does not allow to change (ITI TF-2 3.92.4.1.3). */
    UNMODIFIABLE_METADATA_ERROR("UnmodifiableMetadataError"),
    DEPRECATED_DOCUMENT("XDSRegistryDeprecatedDocumentError"),
    UNRESOLVED_REFERENCE("UnresolvedReferenceException");

    private final String code;

    XdsErrorCode(String code) {
        this.code = code;
    }

    /** The code as it goes on the wire in {@code RegistryError/@errorCode}. */
    public String code() {
        return code;
    }
}
