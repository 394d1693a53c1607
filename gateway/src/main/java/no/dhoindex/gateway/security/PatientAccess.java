package no.dhoindex.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.shared.trust.PatientBinding;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.wire.XdsMessages;

/**
 * The attestation must name the patient a request is about (ATT-4): by the patient the query
 * names, or, for documents asked for by id, by the patient the registry has them under. A
 * document whose patient cannot be established is refused (fail closed).
 */
@ApplicationScoped
public class PatientAccess {

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityClients clients;

    @Inject
    AccessLog log;

    @Inject
    GatewayXua xua;

    /** The caller may see this patient's data for {@code action}; either way it is in the patient's access log. */
    public void require(PatientId patient, String action, String correlationId) throws TokenRefusal {
        VerifiedCaller caller = Callers.current().orElse(null);
        if (caller == null) {
            return;   // security off (benchmarks only)
        }
        try {
            PatientBinding.require(caller, patient == null ? null : patient.id());
        } catch (TokenRefusal refusal) {
            log.record(patient, action, AccessRecord.Outcome.REFUSED, refusal.getMessage(), correlationId);
            throw refusal;
        }
        log.record(patient, action, AccessRecord.Outcome.GRANTED, null, correlationId);
    }

    public void requireDocuments(Collection<String> uniqueIds, String action, String correlationId) throws TokenRefusal {
        if (Callers.current().isEmpty() || uniqueIds.isEmpty()) {
            return;
        }
        List<DocumentPointer> known = XdsMessages.documentsOf(clients.registry(settings.registryUrl(),
                settings.registryDeadline(), correlationId, xua.forRegistry(Callers.current()))
                .documentRegistryRegistryStoredQuery(XdsMessages.getDocuments(uniqueIds)));
        for (String uniqueId : uniqueIds) {
            DocumentPointer pointer = known.stream().filter(p -> p.uniqueId().equals(uniqueId)).findFirst().orElse(null);
            if (pointer == null) {
                TokenRefusal refusal = new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "patient-binding",
                        "the patient of document " + uniqueId + " cannot be established");
                log.record(null, action + " " + uniqueId, AccessRecord.Outcome.REFUSED, refusal.getMessage(), correlationId);
                throw refusal;
            }
            require(pointer.patientId(), action + " " + uniqueId, correlationId);
        }
    }
}
