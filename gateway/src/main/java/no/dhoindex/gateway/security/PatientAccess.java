package no.dhoindex.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.access.RecordedWhile;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The gateway's one choke point for patient data (ATT-4): the request's {@link Caller}, and whether
 * it may ask about a patient. A request that names a patient must name the caller's; one that
 * selects by id is asked with the caller's patient, whose objects alone the sources then select.
 * Every grant and refusal is in the patient's access log.
 */
@ApplicationScoped
public class PatientAccess {

    @Inject
    GatewayTrust trust;

    @Inject
    AccessLog log;

    /** Writes the records of granted searches while their sources are asked ({@link #requireWhile}). */
    private RecordedWhile recorded;

    /** For CDI, which injects the trust and the log. */
    PatientAccess() {
    }

    /** The rules over this trust and this log, with writers of its own (the front doors' unit tests). */
    public PatientAccess(GatewayTrust trust, AccessLog log) {
        this.trust = trust;
        this.log = log;
        start();
    }

    @PostConstruct
    void start() {
        recorded = RecordedWhile.writers("access-record");
    }

    @PreDestroy
    void stop() {
        recorded.close();
    }

    /**
     * The caller of this request: the one {@link CallerGate} verified, or, with
     * {@code dho.gateway.security=off}, the explicit unchecked caller. No verified caller while
     * security is on is a refusal, never "no check".
     *
     * @param named the patient the request names (null: it selects by id)
     */
    public Caller caller(HttpServletRequest request, PatientId named) {
        Object verified = request == null ? null : request.getAttribute(GatewayCaller.VERIFIED_CALLER);
        if (verified instanceof VerifiedCaller v) {
            return GatewayCaller.of(v, named);
        }
        if (!trust.required()) {
            return Caller.unchecked("dho.gateway.security=off");
        }
        throw new AccessDenied("caller", "the request carries no verified caller");
    }

    /**
     * The caller may see this patient's data for {@code action}, and {@code question} is asked for it: the caller is
     * checked first (a refusal is recorded and thrown before anything is asked), then the grant is
     * written to the access log while {@code question} runs, and its answer is returned only once the
     * record is durable. A record that cannot be stored fails the request: nothing unlogged is given.
     */
    public <T> T requireWhile(Caller caller, PatientId patient, String action, String correlationId,
                              Supplier<T> question) {
        if (caller.isUnchecked()) {
            return question.get();   // security off (benchmarks only): the unchecked caller has been logged as a warning
        }
        try {
            caller.requirePatient(patient);
        } catch (AccessDenied refusal) {
            log.record(caller, patient, action, AccessRecord.Outcome.REFUSED, refusal.getMessage(), correlationId);
            throw refusal;
        }
        return recorded.answer(() -> log.record(caller, patient, action, AccessRecord.Outcome.GRANTED, null,
                correlationId), question);
    }

    /**
     * For a request that selects by id (no patient named): the patient the caller is bound to, whom
     * the question is then asked for. A caller bound to nobody is refused here, before anyone is
     * asked. Empty only for the unchecked caller.
     */
    public Optional<PatientId> bound(Caller caller, String action, String correlationId) {
        Optional<PatientId> patient = boundPatient(caller, action, correlationId);
        patient.ifPresent(p -> log.record(caller, p, action, AccessRecord.Outcome.GRANTED, null, correlationId));
        return patient;
    }

    /**
     * As {@link #bound}, for a question that may run while its grants are recorded (as {@link #requireWhile}): a
     * caller bound to nobody is refused and recorded (under the first action) before anything is asked; a grant per
     * action is written while {@code question} runs, and its answer returned only once they are durable.
     */
    public <T> T boundWhile(Caller caller, List<String> actions, String correlationId, Supplier<T> question) {
        Optional<PatientId> patient = boundPatient(caller, actions.get(0), correlationId);
        if (patient.isEmpty()) {
            return question.get();   // the unchecked caller (security off), as in bound
        }
        return recorded.answer(() -> actions.forEach(action -> log.record(caller, patient.get(), action,
                AccessRecord.Outcome.GRANTED, null, correlationId)), question);
    }

    /** The caller's bound patient, or a refusal recorded and thrown; empty only for the unchecked caller. */
    private Optional<PatientId> boundPatient(Caller caller, String action, String correlationId) {
        if (caller.isUnchecked()) {
            return Optional.empty();
        }
        Optional<PatientId> patient = caller.patients().patient();
        if (patient.isEmpty()) {
            AccessDenied refusal = new AccessDenied("patient-binding",
                    "the attestation names no one patient the request could be about");
            log.record(caller, null, action, AccessRecord.Outcome.REFUSED, refusal.getMessage(), correlationId);
            throw refusal;
        }
        return patient;
    }
}
