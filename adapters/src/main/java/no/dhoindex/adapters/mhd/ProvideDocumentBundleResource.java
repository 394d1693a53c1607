package no.dhoindex.adapters.mhd;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.interfaces.fhir.FhirOutcomes;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.repository.ProvideAndRegister;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.hl7.fhir.r4.model.Bundle;
import org.openehealth.ipf.commons.ihe.xds.XDS;

/**
 * MHD ITI-65 Provide Document Bundle at the organisation's repository ({@code POST /adapters/<org>/fhir}),
 * for the organisation's own systems only, under the same token as their ITI-41 (DPoP-bound client
 * credentials with {@code nhn:dho-index/provide}). The Bundle is read at the edge ({@link DocumentBundle}),
 * checked by the very validation an ITI-41's metadata passes, and handed to the one
 * {@link ProvideAndRegister}: stored, registered (ITI-42) and answered all or nothing, as ITI-41 is.
 * Refusals are OperationOutcomes: MHD's own faults 400, XDS's through the one table, tokens 401/403.
 */
@Path("/")
@RequestScoped
public class ProvideDocumentBundleResource {

    private static final Logger LOG = Logger.getLogger(ProvideDocumentBundleResource.class.getName());

    @Inject
    OrganisationTrust trust;

    @Inject
    OrganisationSettings settings;

    @Inject
    ProvideAndRegister provide;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes({"application/fhir+json", "application/fhir+xml", "application/json", "application/xml"})
    @Produces(FhirOutcomes.FHIR_JSON)
    public Response provide(@HeaderParam("Content-Type") String contentType, String body) {
        Caller caller;
        try {
            VerifiedCaller verified = trust.ownSystems(OrganisationTrust.PROVIDE_SCOPE)
                    .verify(ResourceRequest.of(request));
            caller = Caller.organisationSystem(verified.clientId(), verified.organisation());
        } catch (TokenRefusal refusal) {
            LOG.warning(() -> "event=iti65 outcome=refused check=" + refusal.check() + " reason=\""
                    + refusal.getMessage() + "\"");
            return Response.fromResponse(FhirOutcomes.outcome(refusal.kind().httpStatus(),
                    refusal.kind().httpStatus() == 401 ? "login" : "forbidden", refusal.getMessage()))
                    .header("WWW-Authenticate", refusal.wwwAuthenticate()).build();
        }
        String setId = "-";
        try {
            DocumentBundle.Provided provided = DocumentBundle.read(parser(contentType).parseResource(Bundle.class, body));
            setId = provided.submission().submissionSet().uniqueId();
            Submission stored = provide.provide(caller, validated(provided.submission()), provided.contents());
            String id = setId;
            LOG.info(() -> "event=iti65 client=" + caller.subjectId() + " submissionSet=" + id + " documents="
                    + stored.documents().size() + " outcome=success");
            return Response.ok(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
                    answer(provided, stored)), FhirOutcomes.FHIR_JSON).build();
        } catch (DataFormatException e) {
            LOG.info(() -> "event=iti65 outcome=invalid reason=\"not a FHIR Bundle\"");
            return FhirOutcomes.outcome(400, "structure", "The body is not a FHIR R4 Bundle: " + e.getMessage());
        } catch (DocumentBundle.Invalid invalid) {
            LOG.info(() -> "event=iti65 outcome=invalid reason=\"" + invalid.getMessage() + "\"");
            return FhirOutcomes.outcome(400, invalid.issueCode(), invalid.getMessage());
        } catch (AccessDenied denied) {
            LOG.warning(() -> "event=iti65 outcome=refused check=" + denied.check() + " reason=\""
                    + denied.getMessage() + "\"");
            return FhirOutcomes.outcome(403, "forbidden", denied.getMessage());
        } catch (XdsRefusal refusal) {
            String id = setId;
            LOG.info(() -> "event=iti65 submissionSet=" + id + " outcome=failure error=" + refusal.errorCode().code()
                    + " reason=\"" + refusal.getMessage() + "\"");
            return FhirOutcomes.refusal(refusal);
        } catch (RuntimeException e) {
            String id = setId;
            LOG.log(Level.SEVERE, e, () -> "event=iti65 submissionSet=" + id + " outcome=error");
            return FhirOutcomes.refusal(new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR,
                    "The repository could not process the submission; nothing was stored"));
        }
    }

    /**
     * The metadata as the ITI-41 rules see it: written as the ebXML an ITI-41 would carry and read
     * back through the same validation (IPF, profile ITI-41), so both doors refuse the same things.
     */
    static Submission validated(Submission submission) {
        try {
            return XdsMessages.readSubmission(XdsMessages.writeSubmission(submission), XDS.Interactions.ITI_41);
        } catch (XdsRefusal refusal) {
            if (refusal.errorCode() == XdsErrorCode.REGISTRY_METADATA_ERROR) {
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_METADATA_ERROR, refusal.getMessage(), refusal.location());
            }
            throw refusal;
        }
    }

    private static IParser parser(String contentType) {
        return contentType != null && contentType.contains("xml") ? FhirContext.forR4Cached().newXmlParser()
                : FhirContext.forR4Cached().newJsonParser();
    }

    /** MHD's transaction-response: one entry per request entry, in order, each 201 with where it now is. */
    private Bundle answer(DocumentBundle.Provided provided, Submission stored) {
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (DocumentBundle.Entry entry : provided.entries()) {
            response.addEntry().getResponse().setStatus("201 Created").setLocation(location(entry, stored));
        }
        return response;
    }

    /**
     * The id each object now has: the submission set and document entries their entryUUID (what the
     * gateway's DocumentReference/&lt;entryUUID&gt; reads), a document's content its uniqueId. This
     * adapter serves no reads of them: clinicians' systems read them through the gateway (ITI-67/68).
     */
    private static String location(DocumentBundle.Entry entry, Submission stored) {
        return switch (entry.type()) {
            case "List" -> "List/" + bare(stored.submissionSet().entryUuid());
            case "DocumentReference" -> "DocumentReference/" + bare(stored.documents().stream()
                    .filter(d -> d.uniqueId().equals(entry.uniqueId())).findFirst().map(DocumentPointer::entryUuid)
                    .orElseThrow());
            default -> "Binary/" + entry.uniqueId();
        };
    }

    private static String bare(String entryUuid) {
        return entryUuid.startsWith("urn:uuid:") ? entryUuid.substring("urn:uuid:".length()) : entryUuid;
    }
}
