package no.dhoindex.gateway.fhir;

import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.federation.DocumentRequest;
import no.dhoindex.gateway.federation.FederatedAnswer;
import no.dhoindex.gateway.federation.FederatedRetrieval;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.federation.RetrieveAnswer;
import no.dhoindex.gateway.federation.SourceOutcome;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.StoredQuery;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * The gateway's MHD questions, asked of the federation in domain terms: DocumentReferences for a
 * patient (ITI-67: a FindDocuments), one by its id (GetDocuments), and one document (ITI-68: a
 * retrieve). A source that failed is an OperationOutcome entry, never a silent gap. The patient's
 * data (Observation, CarePlan, MedicationStatement) is searched by {@link FederatedData}.
 */
@ApplicationScoped
public class FederatedFhir {

    private static final Logger LOG = Logger.getLogger(FederatedFhir.class.getName());

    static final String SOURCE_TAG = "https://dhoindex.no/fhir/CodeSystem/source-community";

    @Inject
    Federation federation;

    @Inject
    FederatedRetrieval retrieval;

    @Inject
    CommunityDirectory directory;

    @Inject
    PatientAccess patients;

    public List<IBaseResource> documentReferences(Caller caller, PatientId patient, String fhirBase,
                                                  String correlationId) {
        FederatedAnswer answer;
        try {
            // The grant is written to the access log while the sources are asked; the answer waits for it.
            answer = patients.requireWhile(caller, patient, "MHD ITI-67 DocumentReference search", correlationId,
                    () -> federation.ask(caller, findDocuments(patient, Set.of(DocumentEntryType.STABLE,
                            DocumentEntryType.ON_DEMAND), CodeFilter.ANY), correlationId));
        } catch (AccessDenied refusal) {
            // The caller's refusal, or the registry's: the caller's 403, not a gap in the answer.
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
        List<IBaseResource> result = new ArrayList<>();
        answer.answer().result().documents().forEach(p -> result.add(DocumentReferences.of(p, fhirBase,
                communityName(p.id().homeCommunityId()))));
        result.addAll(FhirRefusals.entries(answer.sources()));
        return result;
    }

    /**
     * A DocumentReference by its id (the entry's UUID), asked of every source for the patient the
     * caller is bound to (GetDocuments): another patient's entry is not found, as an unknown one.
     */
    public Optional<DocumentReference> documentReference(Caller caller, String id, String fhirBase, String correlationId) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            return Optional.empty();
        }
        try {
            patients.bound(caller, "MHD DocumentReference read " + id, correlationId);
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
        FederatedAnswer answer = ask(caller, new StoredQuery.GetDocuments(ObjectSelector.byUuids(List.of("urn:uuid:" + id))),
                correlationId);
        return answer.answer().result().documents().stream().findFirst()
                .map(p -> DocumentReferences.of(p, fhirBase, communityName(p.id().homeCommunityId())));
    }

    /**
     * ITI-68: a document by the Binary id the DocumentReference named ({@code <community>.<uniqueId>}),
     * asked for the caller's patient: another patient's document is not found, as an unknown one.
     */
    public Optional<RetrievedContent> document(Caller caller, String binaryId, String correlationId) {
        int dot = binaryId.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        Optional<Community> community = directory.communities().stream()
                .filter(c -> c.name().equals(binaryId.substring(0, dot))).findFirst();
        if (community.isEmpty() || community.get().repositoryUniqueIds().size() != 1) {
            return Optional.empty();
        }
        Community c = community.get();
        String uniqueId = binaryId.substring(dot + 1);
        try {
            patients.bound(caller, "MHD ITI-68 Retrieve Document " + uniqueId, correlationId);
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
        RetrieveAnswer answer = retrieval.retrieve(caller, List.of(new DocumentRequest(c.homeCommunityId(),
                c.repositoryUniqueIds().iterator().next(), uniqueId)), correlationId);
        for (SourceOutcome s : answer.sources()) {
            if (s.refused()) {
                throw FhirRefusals.forbidden(c.name() + " " + s.reason());
            }
            if (!s.answered()) {
                // Unreachable or late: 503 naming the community, not the client library's internals.
                LOG.warning(() -> "event=iti68-federated correlation=" + correlationId + " community=" + c.name()
                        + " outcome=unavailable reason=\"" + s.reason() + "\"");
                throw FhirRefusals.unavailable(c.name(), correlationId);
            }
        }
        return answer.documents().stream().findFirst()
                .map(d -> new RetrievedContent(d.mimeType(), bytes(d.content())));
    }

    public record RetrievedContent(String mimeType, byte[] content) {
    }

    private String communityName(String homeCommunityId) {
        return homeCommunityId == null ? null
                : directory.byHomeCommunityId(homeCommunityId).map(Community::name).orElse(null);
    }

    private static StoredQuery findDocuments(PatientId patient, Set<DocumentEntryType> types, CodeFilter classCodes) {
        return new StoredQuery.FindDocuments(patient, DocumentFilter.approved(types, classCodes));
    }

    /** The federated query; the registry's refusal is the caller's 403, not a gap in the answer. */
    private FederatedAnswer ask(Caller caller, StoredQuery query, String correlationId) {
        try {
            return federation.ask(caller, query, correlationId);
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
    }

    private static byte[] bytes(DataHandler handler) {
        try (InputStream in = handler.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("The document could not be read: " + e.getMessage(), e);
        }
    }
}
