package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.ArrayList;
import java.util.List;
import no.dhoindex.gateway.federation.SourceOutcome;
import no.dhoindex.shared.xds.error.FhirErrorMapping;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The gateway's one writer of FHIR refusals and of the OperationOutcome entries that report a
 * source's failure in a searchset. XDS errors are mapped through the one XDS ⇄ FHIR table
 * ({@link FhirErrorMapping}); an access refusal is 403 with the DPoP challenge saying why.
 */
final class FhirRefusals {

    private FhirRefusals() {
    }

    /** 403 as the gateway's other refusals: an OperationOutcome (forbidden) and the DPoP challenge saying why. */
    static ForbiddenOperationException forbidden(String reason) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN).setDiagnostics(reason);
        ForbiddenOperationException e = new ForbiddenOperationException(reason, outcome);
        e.addResponseHeader("WWW-Authenticate", "DPoP error=\"access_denied\", error_description=\""
                + reason.replace("\"", "'") + "\"");
        return e;
    }

    /** A source that could not be reached for a single read: 503 naming it, nothing internal. */
    static UnclassifiedServerFailureException unavailable(String source, String correlationId) {
        return new UnclassifiedServerFailureException(503, source + " could not be reached (correlation "
                + correlationId + ")");
    }

    /**
     * A source's XDS error as a searchset's outcome entry: the issue code from the table, the XDS code,
     * where it happened ({@code source}: the community's name, when known) and its context.
     */
    static OperationOutcome entry(XdsError error, String source) {
        return entry(error.severity() == XdsError.Severity.WARNING ? OperationOutcome.IssueSeverity.WARNING
                        : OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueType.fromCode(FhirErrorMapping.of(error.code()).issueCode()),
                error.code().code() + " at " + source + " (" + error.location() + "): " + error.context());
    }

    /**
     * What the sources of a federated answer did, as outcome entries: one for each source that refused
     * ({@code forbidden}) or did not answer (its XDS code through the table), and one for each error
     * or warning a source reported in its answer. Nothing is a silent gap.
     */
    static List<OperationOutcome> entries(List<SourceOutcome> sources) {
        List<OperationOutcome> entries = new ArrayList<>();
        for (SourceOutcome s : sources) {
            if (s.answered()) {
                s.reported().forEach(e -> entries.add(entry(e, s.source())));
            } else if (s.refused()) {
                entries.add(entry(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.FORBIDDEN,
                        s.source() + " (" + s.location() + "): " + s.reason()));
            } else {
                XdsErrorCode code = s.error().orElse(XdsErrorCode.UNAVAILABLE_COMMUNITY);
                entries.add(entry(XdsError.error(code, s.reason(), s.location()), s.source()));
            }
        }
        return entries;
    }

    /** A kept entry a source sent that is not the FHIR resource it claims to be: reported, not given. */
    static OperationOutcome unreadableEntry(String source, String location, String id, String reason) {
        return entry(XdsError.error(XdsErrorCode.REGISTRY_ERROR, "entry " + id + " is not a valid FHIR resource: "
                + reason, location), source);
    }

    private static OperationOutcome entry(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type,
                                          String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(outcome, BundleEntrySearchModeEnum.OUTCOME);
        return outcome;
    }
}
