package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.gateway.access.SourceAccessLogs;
import no.dhoindex.shared.access.WithheldNames;
import no.dhoindex.shared.access.AuditEvents;
import no.dhoindex.shared.access.AccessRecord;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import no.dhoindex.gateway.security.GatewayCaller;
import no.dhoindex.gateway.security.GatewayTrust;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * "Who has seen my data": {@code AuditEvent?patient.identifier=…} lists every access to and refusal
 * about the patient at the gateway and at each organisation's sharing service (their own logs,
 * read for the citizen), newest first, as AuditEvents (IHE BALP shape: who, for which
 * organisation, why, what, outcome, and who observed it). Only an auditor, or the patient about
 * themselves, may ask. A source whose log cannot be read is an OperationOutcome entry.
 */
public class AuditEventProvider implements IResourceProvider {

    private final AccessLog log;
    private final SourceAccessLogs sources;
    private final WithheldNames withheld;

    public AuditEventProvider(AccessLog log, SourceAccessLogs sources, WithheldNames withheld) {
        this.log = log;
        this.sources = sources;
        this.withheld = withheld;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Search
    public List<IBaseResource> search(@RequiredParam(name = AuditEvent.SP_PATIENT, chainWhitelist = {"identifier"})
                                      ReferenceParam patient, RequestDetails request) {
        PatientId who = FhirPatients.of(patient);
        VerifiedCaller caller = request instanceof ServletRequestDetails servlet
                && servlet.getServletRequest().getAttribute(GatewayCaller.VERIFIED_CALLER) instanceof VerifiedCaller v ? v : null;
        boolean auditor = caller != null && caller.hasScope(GatewayTrust.AUDIT_SCOPE);
        // A citizen's pid is a national id: the same digits under another authority are someone else.
        boolean self = caller != null && caller.pid() != null && caller.hasScope(GatewayTrust.OWN_LOG_SCOPE)
                && PatientId.nationalId(caller.pid()).equals(who);
        String correlationId = FhirPatients.correlationId(request);
        if (!auditor && !self) {
            String reason = "an access log is read by an auditor or by the patient it is about";
            log.reading(caller, who, "FHIR AuditEvent search", AccessRecord.Outcome.REFUSED, reason, correlationId);
            throw new ForbiddenOperationException(reason);
        }
        List<AuditEvent> events = new ArrayList<>(log.forPatient(who, 500).stream()
                .map(r -> AuditEvents.of(r, "DHO Index gateway", null)).toList());
        List<IBaseResource> outcomes = new ArrayList<>();
        for (Resource r : sources.forPatient(who, correlationId)) {
            if (r instanceof AuditEvent e) {
                events.add(e);
            } else {
                outcomes.add(r);
            }
        }
        events.sort(Comparator.comparing(AuditEvent::getRecorded, Comparator.nullsLast(Comparator.reverseOrder())));
        if (self) {
            // The patient's view: names of professionals in protected organisations withheld (an auditor sees them).
            events.replaceAll(withheld::forPatient);
        }
        // Reading the log is itself an access the patient sees next time.
        log.reading(caller, who, "FHIR AuditEvent search" + (self ? " (own log)" : " (auditor)"),
                AccessRecord.Outcome.GRANTED, null, correlationId);
        List<IBaseResource> result = new ArrayList<>(events);
        result.addAll(outcomes);
        return result;
    }
}
