package no.dhoindex.adapters.interfaces.accesslog;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import no.dhoindex.adapters.access.SourceAccessLog;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.access.AuditEvents;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code GET AuditEvent?patient.identifier=urn:oid:<authority>|<id>}: who has been given (or refused)
 * this patient's data here, newest first, as a searchset of AuditEvents. Read by an auditor, by a
 * system with the audit scope (the gateway, for a citizen who asked it), or by the patient about
 * themselves; under a DPoP-bound token (fail closed). Every reading is itself logged.
 */
@Path("/AuditEvent")
@RequestScoped
public class AuditEventResource {

    private static final Logger LOG = Logger.getLogger(AuditEventResource.class.getName());
    private static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";
    private static final int MAX_EVENTS = 500;

    @Inject
    SourceAccessLog log;

    @Inject
    OrganisationTrust trust;

    @Inject
    OrganisationSettings settings;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(FHIR_JSON)
    public Response search(@QueryParam("patient.identifier") String identifier) {
        PatientId patient = patient(identifier);
        if (patient == null) {
            return outcome(400, OperationOutcome.IssueType.INVALID,
                    "patient.identifier must be urn:oid:<authority>|<id>", null);
        }
        VerifiedCaller caller;
        try {
            caller = verify();
        } catch (TokenRefusal refusal) {
            LOG.warning(() -> "event=access-log-refused check=" + refusal.check() + " reason=\"" + refusal.getMessage() + "\"");
            log.recordReading(patient, null, null, null, "FHIR AuditEvent search", AccessRecord.Outcome.REFUSED,
                    refusal.getMessage());
            return outcome(refusal.kind().httpStatus(), refusal.kind().httpStatus() == 403
                    ? OperationOutcome.IssueType.FORBIDDEN : OperationOutcome.IssueType.LOGIN, refusal.getMessage(),
                    refusal.wwwAuthenticate());
        }
        boolean auditor = caller.hasScope(OrganisationTrust.AUDIT_SCOPE);
        boolean self = caller.pid() != null && caller.hasScope(OrganisationTrust.OWN_LOG_SCOPE)
                && patient.id().equals(caller.pid());
        if (!auditor && !self) {
            String reason = "an access log is read by an auditor or by the patient it is about";
            log.recordReading(patient, caller.clientId(), caller.organisation(), caller.pid(), "FHIR AuditEvent search",
                    AccessRecord.Outcome.REFUSED, reason);
            return outcome(403, OperationOutcome.IssueType.FORBIDDEN, reason, null);
        }
        var organisation = settings.organisation();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        log.forPatient(patient, MAX_EVENTS).forEach(r -> bundle.addEntry().setResource(
                AuditEvents.of(r, organisation.name(), organisation.orgnr())));
        bundle.setTotal(bundle.getEntry().size());
        // Reading the log is itself an access the patient sees next time.
        log.recordReading(patient, caller.clientId(), caller.organisation(), caller.pid(),
                "FHIR AuditEvent search" + (self ? " (own log)" : " (auditor)"), AccessRecord.Outcome.GRANTED, null);
        return Response.ok(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle), FHIR_JSON).build();
    }

    /** A user's token names a person (pid); a system's does not: each is held to its own chain. */
    private VerifiedCaller verify() throws TokenRefusal {
        ResourceRequest credentials = ResourceRequest.of(request);
        boolean user = false;
        String authorization = credentials.authorization();
        if (authorization != null && authorization.trim().split("\\s+").length == 2) {
            try {
                user = SignedJWT.parse(authorization.trim().split("\\s+")[1]).getJWTClaimsSet().getClaim(Claims.PID) != null;
            } catch (java.text.ParseException e) {
                user = false;   // the chain refuses it with the reason
            }
        }
        return user ? trust.logReaders().verify(credentials) : trust.auditingSystems().verify(credentials);
    }

    private static PatientId patient(String identifier) {
        if (identifier == null || !identifier.startsWith("urn:oid:") || !identifier.contains("|")) {
            return null;
        }
        try {
            return PatientId.of(identifier.substring(8, identifier.indexOf('|')),
                    identifier.substring(identifier.indexOf('|') + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response outcome(int status, OperationOutcome.IssueType type, String diagnostics, String challenge) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        Response.ResponseBuilder response = Response.status(status).type(FHIR_JSON)
                .entity(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome));
        if (challenge != null) {
            response.header("WWW-Authenticate", challenge);
        }
        return response.build();
    }
}
