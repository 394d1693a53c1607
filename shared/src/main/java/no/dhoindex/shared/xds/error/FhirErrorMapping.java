package no.dhoindex.shared.xds.error;

/**
 * The one XDS ⇄ FHIR error table: for each {@link XdsErrorCode} the OperationOutcome
 * {@code issue.code} (http://hl7.org/fhir/issue-type) and the HTTP status a FHIR front door answers
 * with, as MHD maps its XDS back end (ITI TF-2c 3.65.4.2.3, 3.67.4.2.3: 4xx for the request's fault,
 * 5xx for the server's; a community that did not answer is a {@code transient} issue). The switch
 * is exhaustive: a new code does not compile without its row. The README publishes this table.
 */
public final class FhirErrorMapping {

    /** An OperationOutcome issue code and the HTTP status for one XDS error code. */
    public record FhirError(String issueCode, int httpStatus) {
    }

    private FhirErrorMapping() {
    }

    public static FhirError of(XdsErrorCode code) {
        return switch (code) {
            case REGISTRY_ERROR, REPOSITORY_ERROR -> new FhirError("exception", 500);
            case REGISTRY_BUSY, REGISTRY_NOT_AVAILABLE, UNAVAILABLE_COMMUNITY -> new FhirError("transient", 503);
            case REGISTRY_METADATA_ERROR, REPOSITORY_METADATA_ERROR, PATIENT_ID_DOES_NOT_MATCH,
                    RESULT_NOT_SINGLE_PATIENT, NON_IDENTICAL_HASH, NON_IDENTICAL_SIZE, UNRESOLVED_REFERENCE,
                    PATIENT_ID_RECONCILIATION_ERROR, METADATA_IDENTIFIER_ERROR
                    -> new FhirError("invalid", 422);
            case MISSING_DOCUMENT, MISSING_DOCUMENT_METADATA -> new FhirError("required", 422);
            case DUPLICATE_UNIQUE_ID_IN_MESSAGE -> new FhirError("duplicate", 422);
            case DUPLICATE_UNIQUE_ID_IN_REGISTRY -> new FhirError("duplicate", 409);
            case METADATA_UPDATE_ERROR, METADATA_VERSION_ERROR, REFERENCES_EXIST -> new FhirError("conflict", 409);
            case UNREFERENCED_OBJECT, METADATA_UPDATE_OPERATION_ERROR, UNMODIFIABLE_METADATA_ERROR
                    -> new FhirError("business-rule", 422);
            case DEPRECATED_DOCUMENT -> new FhirError("business-rule", 422);
            case UNKNOWN_PATIENT_ID, DOCUMENT_UNIQUE_ID_ERROR, UNKNOWN_REPOSITORY_ID, UNKNOWN_COMMUNITY
                    -> new FhirError("not-found", 404);
            case UNKNOWN_STORED_QUERY -> new FhirError("not-supported", 400);
            case STORED_QUERY_MISSING_PARAM, MISSING_HOME_COMMUNITY_ID -> new FhirError("required", 400);
            case STORED_QUERY_PARAM_NUMBER -> new FhirError("invalid", 400);
            case TOO_MANY_RESULTS -> new FhirError("too-costly", 422);
            case EXTRA_METADATA_NOT_SAVED -> new FhirError("informational", 200);
        };
    }
}
