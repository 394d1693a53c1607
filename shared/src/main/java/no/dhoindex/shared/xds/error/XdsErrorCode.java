package no.dhoindex.shared.xds.error;

import java.util.Optional;

/**
 * The XDS error codes DHO Index answers with, each with the Technical Framework text that defines
 * it. Every refusal names one of these; the ebXML edge ({@code XdsMessages}) writes them as RegistryErrors and
 * {@link FhirErrorMapping} maps each to its FHIR OperationOutcome issue code and HTTP status.
 */
public enum XdsErrorCode {
    REGISTRY_ERROR("XDSRegistryError", "ITI TF-3 Table 4.2.4.1-2"),
    REGISTRY_METADATA_ERROR("XDSRegistryMetadataError", "ITI TF-3 Table 4.2.4.1-2"),
    REGISTRY_BUSY("XDSRegistryBusy", "ITI TF-3 Table 4.2.4.1-2"),
    /** A repository or gateway could not reach the registry (ITI-41 → ITI-42, ITI-18 through XCA). */
    REGISTRY_NOT_AVAILABLE("XDSRegistryNotAvailable", "ITI TF-3 Table 4.2.4.1-2"),
    REPOSITORY_ERROR("XDSRepositoryError", "ITI TF-3 Table 4.2.4.1-2"),
    REPOSITORY_METADATA_ERROR("XDSRepositoryMetadataError", "ITI TF-3 Table 4.2.4.1-2"),
    UNKNOWN_PATIENT_ID("XDSUnknownPatientId", "ITI TF-3 Table 4.2.4.1-2"),
    PATIENT_ID_DOES_NOT_MATCH("XDSPatientIdDoesNotMatch", "ITI TF-3 Table 4.2.4.1-2"),
    RESULT_NOT_SINGLE_PATIENT("XDSResultNotSinglePatient", "ITI TF-3 Table 4.2.4.1-2"),
    DOCUMENT_UNIQUE_ID_ERROR("XDSDocumentUniqueIdError", "ITI TF-3 Table 4.2.4.1-2"),
    DUPLICATE_UNIQUE_ID_IN_REGISTRY("XDSDuplicateUniqueIdInRegistry", "ITI TF-3 Table 4.2.4.1-2"),
    DUPLICATE_UNIQUE_ID_IN_MESSAGE("XDSRegistryDuplicateUniqueIdInMessage", "ITI TF-3 Table 4.2.4.1-2"),
    NON_IDENTICAL_HASH("XDSNonIdenticalHash", "ITI TF-3 Table 4.2.4.1-2"),
    NON_IDENTICAL_SIZE("XDSNonIdenticalSize", "ITI TF-3 Table 4.2.4.1-2"),
    MISSING_DOCUMENT("XDSMissingDocument", "ITI TF-3 Table 4.2.4.1-2"),
    MISSING_DOCUMENT_METADATA("XDSMissingDocumentMetadata", "ITI TF-3 Table 4.2.4.1-2"),
    UNKNOWN_REPOSITORY_ID("XDSUnknownRepositoryId", "ITI TF-3 Table 4.2.4.1-2"),
    EXTRA_METADATA_NOT_SAVED("XDSExtraMetadataNotSaved", "ITI TF-3 Table 4.2.4.1-2"),
    UNKNOWN_STORED_QUERY("XDSUnknownStoredQuery", "ITI TF-3 Table 4.2.4.1-2; ITI TF-2a 3.18.4.1.3"),
    STORED_QUERY_MISSING_PARAM("XDSStoredQueryMissingParam", "ITI TF-3 Table 4.2.4.1-2; ITI TF-2a 3.18.4.1.3"),
    STORED_QUERY_PARAM_NUMBER("XDSStoredQueryParamNumber", "ITI TF-3 Table 4.2.4.1-2; ITI TF-2a 3.18.4.1.3"),
    TOO_MANY_RESULTS("XDSTooManyResults", "ITI TF-3 Table 4.2.4.1-2"),
    UNKNOWN_COMMUNITY("XDSUnknownCommunity", "ITI TF-3 Table 4.2.4.1-2; ITI TF-2b 3.38.4.1.3"),
    MISSING_HOME_COMMUNITY_ID("XDSMissingHomeCommunityId", "ITI TF-3 Table 4.2.4.1-2; ITI TF-2b 3.38.4.1.3"),
    UNAVAILABLE_COMMUNITY("XDSUnavailableCommunity", "ITI TF-3 Table 4.2.4.1-2; ITI TF-2b 3.38.4.1.3"),
    METADATA_UPDATE_ERROR("XDSMetadataUpdateError", "ITI TF-3 Table 4.2.4.1-2 (Metadata Update supplement)"),
    /** ITI-62: an object to remove is referenced by an association that stays (ebRS 3.0 lcm). */
    REFERENCES_EXIST("ReferencesExistException", "ITI TF-2b 3.62.4.1.3"),
    /**
     * ITI-62: a removed association would leave an object that nothing references any more, e.g. a
     * submission set without members (the NIST kit's 30001–30003).
     */
    UNREFERENCED_OBJECT("XDSUnreferencedObjectException", "ITI TF-2b 3.62.4.1.3"),
    /** PreviousVersion does not name the latest version, or no version exists to update. */
    METADATA_VERSION_ERROR("XDSMetadataVersionError", "ITI TF-2b 3.57.4.1.3.3.1"),
    /** An update request holds an operation the transaction does not allow. */
    METADATA_UPDATE_OPERATION_ERROR("XDSMetadataUpdateOperationError", "ITI TF-2b 3.57.4.1.3.1; ITI TF-2 3.92.4.1.3"),
    /** A new version names another patient than the version it replaces. */
    PATIENT_ID_RECONCILIATION_ERROR("XDSPatientIDReconciliationError", "ITI TF-2b 3.57.4.1.3.3.1"),
    /** A restricted update changes the uniqueId of the entry it updates. */
    METADATA_IDENTIFIER_ERROR("XDSMetadataIdentifierError", "ITI TF-2 3.92.4.1.3"),
    /** A restricted update changes an attribute the Update Responder does not allow to change. */
    UNMODIFIABLE_METADATA_ERROR("UnmodifiableMetadataError", "ITI TF-2 3.92.4.1.3"),
    DEPRECATED_DOCUMENT("XDSRegistryDeprecatedDocumentError", "ITI TF-3 Table 4.2.4.1-2"),
    UNRESOLVED_REFERENCE("UnresolvedReferenceException", "ebRS 3.0 §6.9.5 (ITI TF-3 4.2.4.1)");

    private final String code;
    private final String reference;

    XdsErrorCode(String code, String reference) {
        this.code = code;
        this.reference = reference;
    }

    /** The code as it goes on the wire in {@code RegistryError/@errorCode}. */
    public String code() {
        return code;
    }

    /** Where the Technical Framework defines the code. */
    public String reference() {
        return reference;
    }

    /** The code a wire {@code errorCode} names, if it is one of ours (a full ebRS URN is accepted too). */
    public static Optional<XdsErrorCode> fromWire(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        String bare = wire.substring(wire.lastIndexOf(':') + 1);
        for (XdsErrorCode c : values()) {
            if (c.code.equals(bare)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
