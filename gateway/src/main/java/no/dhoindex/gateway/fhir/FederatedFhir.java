package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.federation.DocumentRequest;
import no.dhoindex.gateway.federation.FederatedAnswer;
import no.dhoindex.gateway.federation.FederatedRetrieval;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.federation.RetrieveAnswer;
import no.dhoindex.gateway.federation.RetrievedDocument;
import no.dhoindex.gateway.federation.SourceOutcome;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * The gateway's FHIR questions, asked of the federation in domain terms: DocumentReferences for a
 * patient (MHD ITI-67: a FindDocuments), one document (ITI-68: a retrieve), and the patient's
 * measurements from every organisation that holds some — their on-demand "measurements" pointers
 * retrieved live and merged into one searchset, each Observation tagged with its organisation.
 * A source that failed is an OperationOutcome entry, never a silent gap.
 */
@ApplicationScoped
public class FederatedFhir {

    private static final Logger LOG = Logger.getLogger(FederatedFhir.class.getName());

    /** LOINC 8716-3 Vital signs: the class of the platforms' measurement pointers. */
    static final Code MEASUREMENTS = new Code("8716-3", "2.16.840.1.113883.6.1", "Vital signs");
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
        allowed(caller, patient, "MHD ITI-67 DocumentReference search", correlationId);
        FederatedAnswer answer = ask(caller, findDocuments(patient, Set.of(DocumentEntryType.STABLE,
                DocumentEntryType.ON_DEMAND), CodeFilter.ANY), correlationId);
        List<IBaseResource> result = new ArrayList<>();
        answer.answer().result().documents().forEach(p -> result.add(DocumentReferences.of(p, fhirBase,
                communityName(p.id().homeCommunityId()))));
        result.addAll(FhirRefusals.entries(answer.sources()));
        return result;
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

    public List<IBaseResource> observations(Caller caller, PatientId patient, Predicate<Observation> wanted,
                                            String correlationId) {
        allowed(caller, patient, "FHIR Observation search", correlationId);
        FederatedAnswer answer = ask(caller, findDocuments(patient, Set.of(DocumentEntryType.ON_DEMAND),
                CodeFilter.anyOf(List.of(MEASUREMENTS))), correlationId);
        List<IBaseResource> result = new ArrayList<>(FhirRefusals.entries(answer.sources()));
        Map<String, DocumentPointer> holders = new LinkedHashMap<>();
        for (DocumentPointer p : answer.answer().result().documents()) {
            if (p.id().homeCommunityId() != null && directory.byHomeCommunityId(p.id().homeCommunityId()).isPresent()) {
                holders.putIfAbsent(p.id().homeCommunityId(), p);
            }
        }
        RetrieveAnswer bundles = retrieval.retrieve(caller, holders.values().stream().map(p -> new DocumentRequest(
                p.id().homeCommunityId(), p.location().repositoryUniqueId(), p.uniqueId())).toList(), correlationId);
        result.addAll(FhirRefusals.entries(bundles.sources()));
        for (RetrievedDocument d : bundles.documents()) {
            String home = d.id().homeCommunityId();
            String name = communityName(home);
            Bundle bundle;
            try {
                bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                        new String(bytes(d.content()), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "event=fhir-observations correlation=" + correlationId + " source="
                        + name + " outcome=unreadable");
                result.add(FhirRefusals.entry(XdsError.error(XdsErrorCode.REPOSITORY_ERROR,
                        "its measurements could not be read", home), name));
                continue;
            }
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Observation o && wanted.test(o)) {
                    // Ids are the platform's own: qualify them so two organisations' never collide.
                    o.setId(name + "-" + o.getIdElement().getIdPart());
                    o.getMeta().setSource(home);
                    o.getMeta().addTag(new Coding(SOURCE_TAG, home, name));
                    result.add(o);
                }
            }
        }
        return result;
    }

    private String communityName(String homeCommunityId) {
        return homeCommunityId == null ? null
                : directory.byHomeCommunityId(homeCommunityId).map(Community::name).orElse(null);
    }

    private static StoredQuery findDocuments(PatientId patient, Set<DocumentEntryType> types, CodeFilter classCodes) {
        return new StoredQuery.FindDocuments(patient, DocumentFilter.approved(types, classCodes));
    }

    private void allowed(Caller caller, PatientId patient, String action, String correlationId) {
        try {
            patients.require(caller, patient, action, correlationId);
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
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
