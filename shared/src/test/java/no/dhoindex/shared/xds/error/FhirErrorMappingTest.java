package no.dhoindex.shared.xds.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every XDS error code has a FHIR issue code of the issue-type value set, an HTTP status and its TF reference. */
class FhirErrorMappingTest {

    private static final Set<String> ISSUE_TYPES = Set.of("invalid", "structure", "required", "value", "invariant",
            "security", "login", "unknown", "expired", "forbidden", "suppressed", "processing", "not-supported",
            "duplicate", "multiple-matches", "not-found", "deleted", "too-long", "code-invalid", "extension",
            "too-costly", "business-rule", "conflict", "transient", "lock-error", "no-store", "exception", "timeout",
            "incomplete", "throttled", "informational");

    @Test
    void everyCodeIsMappedToAnIssueTypeAndAStatus() {
        for (XdsErrorCode code : XdsErrorCode.values()) {
            FhirErrorMapping.FhirError fhir = FhirErrorMapping.of(code);
            assertTrue(ISSUE_TYPES.contains(fhir.issueCode()), code + " → " + fhir.issueCode());
            assertTrue(fhir.httpStatus() == 200 || fhir.httpStatus() >= 400 && fhir.httpStatus() < 600, code.name());
            assertTrue(code.reference().startsWith("ITI TF-") || code.reference().startsWith("ebRS"), code.name());
        }
    }

    @Test
    void anUnavailableSourceIsTransientAndTheUnknownIsNotFound() {
        assertEquals(new FhirErrorMapping.FhirError("transient", 503), FhirErrorMapping.of(XdsErrorCode.UNAVAILABLE_COMMUNITY));
        assertEquals(new FhirErrorMapping.FhirError("transient", 503), FhirErrorMapping.of(XdsErrorCode.REGISTRY_NOT_AVAILABLE));
        assertEquals(new FhirErrorMapping.FhirError("not-found", 404), FhirErrorMapping.of(XdsErrorCode.DOCUMENT_UNIQUE_ID_ERROR));
    }

    @Test
    void wireCodesAreReadBackWithOrWithoutTheUrnPrefix() {
        assertEquals(XdsErrorCode.REGISTRY_NOT_AVAILABLE, XdsErrorCode.fromWire("XDSRegistryNotAvailable").orElseThrow());
        assertEquals(XdsErrorCode.UNRESOLVED_REFERENCE,
                XdsErrorCode.fromWire("urn:oasis:names:tc:ebxml-regrep:errorCode:UnresolvedReferenceException").orElseThrow());
        assertTrue(XdsErrorCode.fromWire("XDSSomethingElse").isEmpty());
    }
}
