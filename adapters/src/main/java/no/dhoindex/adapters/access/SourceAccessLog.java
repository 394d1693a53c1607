package no.dhoindex.adapters.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import no.dhoindex.adapters.infrastructure.AdapterDatabase;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.XuaClaims;

/**
 * This organisation's access log (ATT-5, the source's duty): every query and retrieval answered
 * for a user the gateway vouched for, and every refusal, kept in the organisation's own database.
 * The patient reads it through the gateway ("who has seen my data"); auditors read it here.
 */
@ApplicationScoped
public class SourceAccessLog {

    @Inject
    AdapterDatabase database;

    private volatile AccessLogStore store;

    private AccessLogStore store() {
        if (store == null) {
            store = new AccessLogStore(database.dataSource());
        }
        return store;
    }

    /**
     * @param who     the user as the XUA assertion names them (null: no valid assertion)
     * @param patient the patient the call is about (null: the call did not say; then the assertion's patient)
     */
    public void record(XuaClaims who, PatientId patient, String action, AccessRecord.Outcome outcome, String reason) {
        PatientId about = patient != null ? patient : patientOf(who);
        String purpose = who == null ? null : who.purposeOfUse();
        store().record(new AccessRecord(null, Instant.now(), about, who == null ? null : who.subjectId(),
                who == null ? null : who.hprNumber(), who == null ? null : who.subjectName(),
                who == null ? null : who.organizationId(), null, purpose, action, outcome, reason, null,
                "BTG".equals(purpose)));
    }

    /** A reader of the log, by their access token (an auditor's or the gateway's system, or the patient). */
    public void recordReading(PatientId patient, String reader, String organisation, String pid, String action,
                              AccessRecord.Outcome outcome, String reason) {
        store().record(new AccessRecord(null, Instant.now(), patient, pid, null, null, organisation, reader, null,
                action, outcome, reason, null, false));
    }

    public List<AccessRecord> forPatient(PatientId patient, int limit) {
        return store().forPatient(patient, limit);
    }

    private static PatientId patientOf(XuaClaims who) {
        if (who == null || who.patientCx() == null) {
            return null;
        }
        try {
            return PatientId.parseCx(who.patientCx());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
