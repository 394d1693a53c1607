package no.dhoindex.adapters.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.core.Response;
import no.dhoindex.shared.xds.error.FhirErrorMapping;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The adapter's one writer of FHIR refusals: an OperationOutcome with its HTTP status. An XDS
 * refusal goes through the one XDS → FHIR table ({@link FhirErrorMapping}), one issue per XDS code
 * with the code as {@code issue.details.text} (XDS codes have no FHIR code system), so a FHIR source
 * sees the same codes an ITI-41 source would.
 */
public final class FhirOutcomes {

    public static final String FHIR_JSON = "application/fhir+json";

    private FhirOutcomes() {
    }

    /** One error issue of {@code issueCode} (http://hl7.org/fhir/issue-type) with {@code diagnostics}. */
    public static Response outcome(int status, String issueCode, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(issueCode)).setDiagnostics(diagnostics);
        return response(status, outcome);
    }

    /** An XDS refusal (and the codes it is reported under alongside), status and issue code by the table. */
    public static Response refusal(XdsRefusal refusal) {
        OperationOutcome outcome = new OperationOutcome();
        java.util.List<XdsErrorCode> codes = new java.util.ArrayList<>();
        codes.add(refusal.errorCode());
        codes.addAll(refusal.alongside());
        for (XdsErrorCode code : codes) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.fromCode(FhirErrorMapping.of(code).issueCode()))
                    .setDetails(new CodeableConcept().setText(code.code()))
                    .setDiagnostics(refusal.getMessage());
            if (refusal.location() != null) {
                outcome.getIssue().get(outcome.getIssue().size() - 1).addExpression(refusal.location());
            }
        }
        return response(FhirErrorMapping.of(refusal.errorCode()).httpStatus(), outcome);
    }

    private static Response response(int status, OperationOutcome outcome) {
        return Response.status(status).type(FHIR_JSON)
                .entity(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome)).build();
    }
}
