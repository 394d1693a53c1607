package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
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
import java.util.function.Predicate;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.gateway.fanout.SourceRefusal;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import no.dhoindex.gateway.xca.FederatedQuery;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;

/**
 * The gateway's FHIR questions over the same fan-out as its XCA side: DocumentReferences for a
 * patient (MHD ITI-67), one document (ITI-68), and the patient's measurements from every
 * organisation that holds some — their on-demand "measurements" pointers retrieved live (ITI-39,
 * in parallel) and merged into one searchset, each Observation tagged with its organisation.
 * A source that failed is an OperationOutcome entry, never a silent gap.
 */
@ApplicationScoped
public class FederatedFhir {

    /** LOINC 8716-3 Vital signs: the class of the platforms' measurement pointers. */
    static final Code MEASUREMENTS = new Code("8716-3", "2.16.840.1.113883.6.1", "Vital signs");
    static final String SOURCE_TAG = "https://dhoindex.no/fhir/CodeSystem/source-community";

    @Inject
    FederatedQuery query;

    @Inject
    CommunityDirectory directory;

    @Inject
    CommunityClients clients;

    @Inject
    GatewaySettings settings;

    @Inject
    FanOut fanOut;

    @Inject
    PatientAccess patients;

    @Inject
    no.dhoindex.gateway.security.GatewayXua xua;

    public List<IBaseResource> documentReferences(Caller caller, PatientId patient, String fhirBase,
                                                  String correlationId) {
        allowed(caller, patient, "MHD ITI-67 DocumentReference search", correlationId);
        AdhocQueryResponse answer = ask(caller, XdsMessages.findDocuments(patient,
                List.of(DocumentEntryType.STABLE, DocumentEntryType.ON_DEMAND), List.of()), correlationId);
        List<IBaseResource> result = new ArrayList<>();
        XdsMessages.documentsOf(answer).forEach(p -> result.add(DocumentReferences.of(p, fhirBase,
                p.id().homeCommunityId() == null ? null : directory.byHomeCommunityId(p.id().homeCommunityId())
                        .map(Community::name).orElse(null))));
        result.addAll(outcomes(answer));
        return result;
    }

    /**
     * ITI-68: a document by the Binary id the DocumentReference named ({@code <community>.<uniqueId>}),
     * asked for the caller's patient: another patient's document is not found, as an unknown one.
     */
    public Optional<RetrievedDocument> document(Caller caller, String binaryId, String correlationId) {
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
        RetrieveDocumentSetResponseType response;
        try {
            patients.bound(caller, "MHD ITI-68 Retrieve Document " + binaryId.substring(dot + 1), correlationId);
            response = clients.crossGatewayRetrieve(c.retrieveUrl(), c.deadline(), correlationId,
                    xua.forCommunity(caller, c.homeCommunityId())).documentRepositoryRetrieveDocumentSet(request(
                    c.homeCommunityId(), c.repositoryUniqueIds().iterator().next(), binaryId.substring(dot + 1)));
        } catch (AccessDenied refusal) {
            throw forbidden(refusal.getMessage());
        } catch (RuntimeException e) {
            if (SourceRefusal.isRefusal(e)) {
                throw forbidden(c.name() + " refused access (HTTP " + SourceRefusal.status(e).getAsInt() + ")");
            }
            throw e;
        }
        if (response.getDocumentResponse().isEmpty()) {
            return Optional.empty();
        }
        var document = response.getDocumentResponse().get(0);
        return Optional.of(new RetrievedDocument(document.getMimeType(), bytes(document.getDocument())));
    }

    public record RetrievedDocument(String mimeType, byte[] content) {
    }

    public List<IBaseResource> observations(Caller caller, PatientId patient, Predicate<Observation> wanted,
                                            String correlationId) {
        allowed(caller, patient, "FHIR Observation search", correlationId);
        AdhocQueryResponse answer = ask(caller, XdsMessages.findDocuments(patient, List.of(DocumentEntryType.ON_DEMAND),
                List.of(MEASUREMENTS)), correlationId);
        List<IBaseResource> result = new ArrayList<>(outcomes(answer));
        Map<Community, DocumentPointer> holders = new LinkedHashMap<>();
        for (DocumentPointer p : XdsMessages.documentsOf(answer)) {
            directory.byHomeCommunityId(p.id().homeCommunityId()).ifPresent(c -> holders.putIfAbsent(c, p));
        }
        List<Source<Bundle>> sources = new ArrayList<>();
        holders.forEach((c, p) -> {
            var assertion = xua.forCommunity(caller, c.homeCommunityId());
            sources.add(new Source<>(c.name(), c.homeCommunityId(), c.deadline(), () -> {
                RetrieveDocumentSetResponseType response = clients.crossGatewayRetrieve(c.retrieveUrl(), c.deadline(),
                        correlationId, assertion).documentRepositoryRetrieveDocumentSet(request(c.homeCommunityId(),
                        p.location().repositoryUniqueId(), p.uniqueId()));
                if (response.getDocumentResponse().isEmpty()) {
                    throw new IllegalStateException(firstError(response));
                }
                byte[] content = bytes(response.getDocumentResponse().get(0).getDocument());
                return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                        new String(content, StandardCharsets.UTF_8));
            }));
        });
        for (SourceAnswer<Bundle> a : fanOut.ask(sources, settings.overallDeadline(), correlationId)) {
            if (a.refused()) {
                result.add(outcome(OperationOutcome.IssueType.FORBIDDEN,
                        a.source().name() + " (" + a.source().location() + "): " + a.reason()));
                continue;
            }
            if (!a.answered()) {
                result.add(outcome(a.source().name() + " (" + a.source().location() + "): " + a.reason()));
                continue;
            }
            for (Bundle.BundleEntryComponent entry : a.value().getEntry()) {
                if (entry.getResource() instanceof Observation o && wanted.test(o)) {
                    // Ids are the platform's own: qualify them so two organisations' never collide.
                    o.setId(a.source().name() + "-" + o.getIdElement().getIdPart());
                    o.getMeta().setSource(a.source().location());
                    o.getMeta().addTag(new Coding(SOURCE_TAG, a.source().location(), a.source().name()));
                    result.add(o);
                }
            }
        }
        return result;
    }

    private void allowed(Caller caller, PatientId patient, String action, String correlationId) {
        try {
            patients.require(caller, patient, action, correlationId);
        } catch (AccessDenied refusal) {
            throw forbidden(refusal.getMessage());
        }
    }

    /** The federated query; the registry's refusal is the caller's 403, not a gap in the answer. */
    private AdhocQueryResponse ask(Caller caller, AdhocQueryRequest request, String correlationId) {
        try {
            return query.ask(caller, request, correlationId);
        } catch (AccessDenied refusal) {
            throw forbidden(refusal.getMessage());
        }
    }

    /** 403 as the gateway's other refusals: an OperationOutcome and the DPoP challenge saying why. */
    private static ForbiddenOperationException forbidden(String reason) {
        ForbiddenOperationException e = new ForbiddenOperationException(reason);
        e.addResponseHeader("WWW-Authenticate", "DPoP error=\"access_denied\", error_description=\""
                + reason.replace("\"", "'") + "\"");
        return e;
    }

    private static RetrieveDocumentSetRequestType request(String home, String repository, String uniqueId) {
        RetrieveDocumentSetRequestType request = new RetrieveDocumentSetRequestType();
        RetrieveDocumentSetRequestType.DocumentRequest document = new RetrieveDocumentSetRequestType.DocumentRequest();
        document.setHomeCommunityId(home);
        document.setRepositoryUniqueId(repository);
        document.setDocumentUniqueId(uniqueId);
        request.getDocumentRequest().add(document);
        return request;
    }

    private static String firstError(RetrieveDocumentSetResponseType response) {
        if (response.getRegistryResponse() != null && response.getRegistryResponse().getRegistryErrorList() != null
                && !response.getRegistryResponse().getRegistryErrorList().getRegistryError().isEmpty()) {
            RegistryError e = response.getRegistryResponse().getRegistryErrorList().getRegistryError().get(0);
            return e.getErrorCode() + ": " + e.getCodeContext();
        }
        return "no document returned";
    }

    /** The XCA errors of a federated answer (unavailable communities and the like) as outcome entries. */
    private static List<OperationOutcome> outcomes(AdhocQueryResponse answer) {
        List<OperationOutcome> result = new ArrayList<>();
        if (answer.getRegistryErrorList() != null) {
            for (RegistryError e : answer.getRegistryErrorList().getRegistryError()) {
                result.add(outcome(e.getErrorCode() + " at " + e.getLocation() + ": " + e.getCodeContext()));
            }
        }
        return result;
    }

    private static OperationOutcome outcome(String diagnostics) {
        return outcome(OperationOutcome.IssueType.TRANSIENT, diagnostics);
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type).setDiagnostics(diagnostics);
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(outcome, BundleEntrySearchModeEnum.OUTCOME);
        return outcome;
    }

    private static byte[] bytes(DataHandler handler) {
        try (InputStream in = handler.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("The document could not be read: " + e.getMessage(), e);
        }
    }
}
