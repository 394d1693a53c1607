package no.dhoindex.shared.access;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.text.ParseException;
import java.time.Instant;
import java.util.logging.Logger;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A source's access log as FHIR (IHE RESTful ATNA, ITI-81 search):
 * {@code AuditEvent?patient.identifier=urn:oid:<authority>|<id>} answers who has been given (or
 * refused) this patient's data here, newest first. Read by an auditor, by a system with the audit
 * scope (the gateway, for a citizen who asked it), or by the patient about themselves, under a
 * DPoP-bound token (fail closed); every reading is itself logged.
 */
public final class AccessLogSearch {

    /** An auditor, or a system reading for one (the gateway reading the sources' logs for a citizen). */
    public static final String AUDIT_SCOPE = "nhn:dho-index/audit";
    /** A citizen reading their own log. */
    public static final String OWN_LOG_SCOPE = "nhn:dho-index/own-log";
    public static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private static final Logger LOG = Logger.getLogger(AccessLogSearch.class.getName());
    private static final int MAX_EVENTS = 500;
    private static final String ACTION = "FHIR AuditEvent search";

    private final AccessLogStore store;
    private final AccessTokenVerifier users;
    private final AccessTokenVerifier systems;
    private final String observer;
    private final String observerOrgnr;
    private final WithheldNames withheld;

    /**
     * @param users   the chain for a person's token (auditor or citizen: the audit or own-log scope)
     * @param systems the chain for a system's token (the audit scope)
     * @param withheld whose names a patient reading their own log here does not see (an auditor does)
     */
    public AccessLogSearch(AccessLogStore store, AccessTokenVerifier users, AccessTokenVerifier systems,
                           String observer, String observerOrgnr, WithheldNames withheld) {
        this.store = store;
        this.users = users;
        this.systems = systems;
        this.observer = observer;
        this.observerOrgnr = observerOrgnr;
        this.withheld = withheld;
    }

    public Response search(String identifier, HttpServletRequest request) {
        PatientId patient = patient(identifier);
        if (patient == null) {
            return outcome(400, OperationOutcome.IssueType.INVALID, "patient.identifier must be urn:oid:<authority>|<id>",
                    null);
        }
        VerifiedCaller caller;
        try {
            caller = verify(ResourceRequest.of(request));
        } catch (TokenRefusal refusal) {
            LOG.warning(() -> "event=access-log-refused check=" + refusal.check() + " reason=\"" + refusal.getMessage() + "\"");
            reading(patient, null, ACTION, AccessRecord.Outcome.REFUSED, refusal.getMessage());
            return outcome(refusal.kind().httpStatus(), refusal.kind().httpStatus() == 403
                    ? OperationOutcome.IssueType.FORBIDDEN : OperationOutcome.IssueType.LOGIN, refusal.getMessage(),
                    refusal.wwwAuthenticate());
        }
        boolean auditor = caller.hasScope(AUDIT_SCOPE);
        // A citizen's pid is a national id: their own log is the one under that authority, not the same digits elsewhere.
        boolean self = caller.pid() != null && caller.hasScope(OWN_LOG_SCOPE)
                && patient.equals(PatientId.nationalId(caller.pid()));
        if (!auditor && !self) {
            String reason = "an access log is read by an auditor or by the patient it is about";
            reading(patient, caller, ACTION, AccessRecord.Outcome.REFUSED, reason);
            return outcome(403, OperationOutcome.IssueType.FORBIDDEN, reason, null);
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        // The patient sees their log as at the gateway: protected roles' and organisations' names withheld.
        store.forPatient(patient, MAX_EVENTS).forEach(r -> bundle.addEntry().setResource(self && !auditor
                ? withheld.forPatient(AuditEvents.of(r, observer, observerOrgnr)) : AuditEvents.of(r, observer, observerOrgnr)));
        bundle.setTotal(bundle.getEntry().size());
        // Reading the log is itself an access the patient sees next time.
        reading(patient, caller, ACTION + (self ? " (own log)" : " (auditor)"), AccessRecord.Outcome.GRANTED, null);
        return Response.ok(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle), FHIR_JSON).build();
    }

    /** A person's token names them (pid); a system's does not: each is held to its own chain. */
    private VerifiedCaller verify(ResourceRequest credentials) throws TokenRefusal {
        boolean user = false;
        String authorization = credentials.authorization();
        if (authorization != null && authorization.trim().split("\\s+").length == 2) {
            try {
                user = SignedJWT.parse(authorization.trim().split("\\s+")[1]).getJWTClaimsSet().getClaim(Claims.PID) != null;
            } catch (ParseException e) {
                user = false;   // the chain refuses it, with the reason
            }
        }
        return user ? users.verify(credentials) : systems.verify(credentials);
    }

    private void reading(PatientId patient, VerifiedCaller caller, String action, AccessRecord.Outcome outcome,
                         String reason) {
        store.record(new AccessRecord(null, Instant.now(), patient, caller == null ? null : caller.pid(), null, null,
                caller == null ? null : caller.organisation(), caller == null ? null : caller.clientId(), null, action,
                outcome, reason, null, false, null));
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
