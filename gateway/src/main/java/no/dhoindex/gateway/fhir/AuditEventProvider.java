package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Date;
import java.util.List;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.gateway.access.AccessRecord;
import no.dhoindex.gateway.security.Callers;
import no.dhoindex.gateway.security.GatewayTrust;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * "Who has seen my data": {@code AuditEvent?patient.identifier=…} lists every access to and refusal
 * about the patient at the gateway, newest first, as AuditEvents (IHE BALP shape: who, for which
 * organisation, why, what, outcome). Only an auditor, or the patient about themselves, may ask.
 */
public class AuditEventProvider implements IResourceProvider {

    private static final String HPR = "urn:oid:2.16.578.1.12.4.1.4.4";
    private static final String ORGNR = "urn:oid:2.16.578.1.12.4.1.4.101";
    private static final String PURPOSE_OF_USE = "urn:oid:2.16.840.1.113883.1.11.20448";

    private final AccessLog log;

    public AuditEventProvider(AccessLog log) {
        this.log = log;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Search
    public List<AuditEvent> search(@RequiredParam(name = AuditEvent.SP_PATIENT, chainWhitelist = {"identifier"})
                                   ReferenceParam patient, RequestDetails request) {
        PatientId who = FhirPatients.of(patient);
        VerifiedCaller caller = Callers.current().orElse(null);
        boolean auditor = caller != null && caller.hasScope(GatewayTrust.AUDIT_SCOPE);
        boolean self = caller != null && caller.hasScope(GatewayTrust.OWN_LOG_SCOPE) && who.id().equals(caller.pid());
        String correlationId = FhirPatients.correlationId(request);
        if (!auditor && !self) {
            String reason = "an access log is read by an auditor or by the patient it is about";
            log.record(who, "FHIR AuditEvent search", AccessRecord.Outcome.REFUSED, reason, correlationId);
            throw new ForbiddenOperationException(reason);
        }
        List<AuditEvent> events = log.forPatient(who, 500).stream().map(r -> event(r, who)).toList();
        // Reading the log is itself an access the patient sees next time.
        log.record(who, "FHIR AuditEvent search" + (self ? " (own log)" : " (auditor)"), AccessRecord.Outcome.GRANTED,
                null, correlationId);
        return events;
    }

    private static AuditEvent event(AccessRecord r, PatientId patient) {
        AuditEvent e = new AuditEvent();
        e.setId(String.valueOf(r.id()));
        e.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        e.setAction(AuditEvent.AuditEventAction.E);
        e.setRecorded(Date.from(r.recorded()));
        e.setOutcome(r.outcome() == AccessRecord.Outcome.GRANTED ? AuditEvent.AuditEventOutcome._0
                : AuditEvent.AuditEventOutcome._4);
        e.setOutcomeDesc(r.reason() == null ? r.action() : r.action() + ": " + r.reason());
        if (r.purposeOfUse() != null) {
            e.addPurposeOfEvent(new CodeableConcept(new Coding(PURPOSE_OF_USE, r.purposeOfUse(), null)));
        }
        AuditEvent.AuditEventAgentComponent user = e.addAgent().setRequestor(true);
        if (r.hprNumber() != null) {
            user.setWho(new Reference().setIdentifier(new Identifier().setSystem(HPR).setValue(r.hprNumber()))
                    .setDisplay(r.practitionerName()));
        }
        user.setName(r.practitionerName());
        if (r.organisation() != null) {
            e.addAgent().setRequestor(false).setWho(new Reference().setIdentifier(
                    new Identifier().setSystem(ORGNR).setValue(r.organisation())));
        }
        e.getSource().setObserver(new Reference().setDisplay("DHO Index gateway"));
        e.addEntity().setWhat(new Reference().setIdentifier(new Identifier()
                        .setSystem("urn:oid:" + patient.assigningAuthority()).setValue(patient.id())))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        return e;
    }
}
