package no.dhoindex.shared.access;

import java.util.Date;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * An access record as the patient and an auditor read it: a FHIR AuditEvent in the IHE BALP shape
 * (who, on behalf of which organisation, which patient, why, what, outcome), observed by the
 * gateway or by the organisation whose sharing service it happened at. Only the deployables that
 * serve FHIR use this (they bring HAPI's R4 structures).
 */
public final class AuditEvents {

    private static final String HPR = "urn:oid:2.16.578.1.12.4.1.4.4";
    private static final String ORGNR = "urn:oid:2.16.578.1.12.4.1.4.101";
    private static final String PURPOSE_OF_USE = "urn:oid:2.16.840.1.113883.1.11.20448";
    /** The health personnel category (helsepersonellkategori) the trust framework's attestation names the user's role in. */
    public static final String ROLE = "urn:oid:2.16.578.1.12.4.1.1.9060";

    private AuditEvents() {
    }

    /** @param observer who kept the record: its name and, for an organisation, its orgnr (may be null) */
    public static AuditEvent of(AccessRecord r, String observer, String observerOrgnr) {
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
        if (r.role() != null) {
            user.addRole(new CodeableConcept(new Coding(ROLE, r.role(), null)));
        }
        if (r.organisation() != null) {
            e.addAgent().setRequestor(false).setWho(new Reference().setIdentifier(
                    new Identifier().setSystem(ORGNR).setValue(r.organisation())));
        }
        Reference source = new Reference().setDisplay(observer);
        if (observerOrgnr != null) {
            source.setIdentifier(new Identifier().setSystem(ORGNR).setValue(observerOrgnr));
        }
        e.getSource().setObserver(source);
        if (r.patient() != null) {
            PatientId patient = r.patient();
            e.addEntity().setWhat(new Reference().setIdentifier(new Identifier()
                            .setSystem("urn:oid:" + patient.assigningAuthority()).setValue(patient.id())))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        }
        return e;
    }
}
