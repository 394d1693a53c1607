package no.dhoindex.adapters.retrieve;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.FhirPlatform;
import no.dhoindex.adapters.fhir.PlatformUnavailable;
import no.dhoindex.adapters.infrastructure.DocumentVault;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.sharing.Requester;
import no.dhoindex.adapters.sharing.SharingRules;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;

/**
 * ITI-43 / ITI-39 at the source: a stored document comes from the vault; an on-demand entry's
 * content is made now from the DHO platform (a FHIR Bundle), never a stale copy. A document is
 * selected by its uniqueId and the caller's patient together, and sharing rules apply before
 * anything leaves: what may not go is answered as an unknown uniqueId.
 */
@ApplicationScoped
public class RetrieveDocuments {

    private static final Logger LOG = Logger.getLogger(RetrieveDocuments.class.getName());

    @Inject
    OrganisationSettings settings;

    @Inject
    DocumentVault vault;

    @Inject
    PointerLedger ledger;

    @Inject
    FhirPlatform platform;

    @Inject
    SharingRules sharing;

    /** One document asked for. */
    public record Request(String homeCommunityId, String repositoryUniqueId, String documentUniqueId) {
    }

    /** One document answered: its content, or why not. */
    public record Result(Request request, String mimeType, byte[] content, XdsRefusal refusal) {
    }

    public List<Result> retrieve(Caller caller, List<Request> requests) {
        Optional<Requester> requester = Requester.of(caller);
        List<Result> results = new ArrayList<>();
        for (Request request : requests) {
            try {
                results.add(one(request, caller.patients(), requester));
            } catch (XdsRefusal refusal) {
                results.add(new Result(request, null, null, refusal));
            }
        }
        return results;
    }

    private Result one(Request request, PatientScope scope, Optional<Requester> requester) {
        Organisation organisation = settings.organisation();
        if (!organisation.repositoryUniqueId().equals(request.repositoryUniqueId())) {
            throw new XdsRefusal(XdsErrorCode.UNKNOWN_REPOSITORY_ID, "Repository " + request.repositoryUniqueId()
                    + " is not this organisation's", request.documentUniqueId());
        }
        // The caller's patient is part of the selection: another patient's document is not found, as if absent.
        PointerLedger.Entry entry = ledger.byUniqueId(scope, request.documentUniqueId()).orElseThrow(() ->
                unknown(request));
        if (!sharing.mayLeave(entry.pointer(), requester)) {
            // Withheld by the organisation's sharing rules (NORS, the patient's blocking): as if absent.
            LOG.info(() -> "event=retrieve-withheld uniqueId=" + request.documentUniqueId());
            throw unknown(request);
        }
        if (entry.dataKind() != null) {
            try {
                // The entry was selected for the bound patient, so the live data is fetched for that patient only.
                String bundle = platform.liveBundle(entry.pointer().patientId().id(), DataKind.valueOf(entry.dataKind()));
                return new Result(request, "application/fhir+json", bundle.getBytes(StandardCharsets.UTF_8), null);
            } catch (PlatformUnavailable e) {
                LOG.severe(() -> "event=retrieve-on-demand organisation=" + organisation.id() + " platform="
                        + settings.platformUrl() + " uniqueId=" + request.documentUniqueId()
                        + " outcome=platform-unavailable reason=\"" + e.getMessage() + "\"");
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR,
                        "The organisation's DHO platform is unavailable; try again later", request.documentUniqueId());
            }
        }
        DocumentVault.StoredDocument d = vault.find(request.documentUniqueId()).orElseThrow(() -> unknown(request));
        return new Result(request, d.mimeType(), d.content(), null);
    }

    private static XdsRefusal unknown(Request request) {
        return new XdsRefusal(XdsErrorCode.DOCUMENT_UNIQUE_ID_ERROR,
                "Document " + request.documentUniqueId() + " is not in this repository", request.documentUniqueId());
    }
}
