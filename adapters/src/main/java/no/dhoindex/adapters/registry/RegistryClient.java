package no.dhoindex.adapters.registry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.shared.trust.SystemTokens;
import org.eclipse.microprofile.config.Config;
import java.util.logging.Logger;
import no.dhoindex.adapters.lifecycle.RegistryLifecycle;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.xds.wire.RemovalMessages;
import org.openehealth.ipf.commons.ihe.xds.iti62.Iti62PortType;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.soap.SystemTokenOut;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.RemovalMessages;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.openehealth.ipf.commons.ihe.xds.iti42.Iti42PortType;
import org.openehealth.ipf.commons.ihe.xds.iti61.Iti61PortType;
import org.openehealth.ipf.commons.ihe.xds.iti62.Iti62PortType;
import org.openehealth.ipf.commons.ihe.xds.iti92.Iti92PortType;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * Publishes this organisation's pointers to the regional registry over ITI-42 / ITI-61, their new
 * versions over ITI-92 and their removal over ITI-62 (SOAP 1.2, WS-Addressing, with connect and
 * read timeouts). A refusal comes back as {@link XdsRefusal}.
 */
@ApplicationScoped
public class RegistryClient implements RegistryLifecycle {

    private static final Logger LOG = Logger.getLogger(RegistryClient.class.getName());
    private static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";

    @Inject
    OrganisationSettings settings;

    @Inject
    OrganisationTrust trust;

    /** What a registry answers when the objects of a submission sent again are there already. */
    private static final Set<XdsErrorCode> ALREADY_THERE = EnumSet.of(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
            XdsErrorCode.REGISTRY_METADATA_ERROR);

    @Inject
    Config config;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(5)).build();
    private SystemTokens tokens;
    private Iti42PortType port;
    private Iti61PortType onDemand;
    private Iti92PortType restrictedUpdate;
    private Iti62PortType removal;
    private org.openehealth.ipf.commons.ihe.xds.iti57.Iti57PortType update;

    @PostConstruct
    void connect() {
        // Every registration under this organisation's own client-credentials token (fail closed without one).
        tokens = trust.registering();
        SystemTokenOut credentials = new SystemTokenOut(tokens);
        port = port(Iti42PortType.class, credentials);
        onDemand = port(Iti61PortType.class, credentials);
        restrictedUpdate = port(Iti92PortType.class, credentials);
        removal = port(Iti62PortType.class, credentials);
        update = port(org.openehealth.ipf.commons.ihe.xds.iti57.Iti57PortType.class, credentials);
    }

    private <T> T port(Class<T> type, SystemTokenOut credentials) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(settings.registryUrl().toString());
        factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        factory.getFeatures().add(new WSAddressingFeature());
        factory.getOutInterceptors().add(credentials);
        T proxy = factory.create(type);
        timeouts(proxy);
        return proxy;
    }

    private void timeouts(Object proxy) {
        Client client = ClientProxy.getClient(proxy);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(settings.outboundTimeout().toMillis());
        policy.setReceiveTimeout(settings.outboundTimeout().toMillis());
        policy.setAllowChunking(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    /**
     * Publishes idempotently: registers, and where the registry says the objects exist already (the
     * same uniqueIds and entryUUIDs sent again after a lost answer), asks what it holds under the
     * submission set's uniqueId: the same → success; anything else → the refusal stands (a real
     * conflict, logged). {@link RegistryUnreachable} when there was no answer.
     */
    public void publish(Submission submission) {
        try {
            register(submission);
        } catch (RegistryUnreachable unreachable) {
            throw unreachable;
        } catch (XdsRefusal refusal) {
            // A new version sent again is refused for what its first sending did (its PreviousVersion is no
            // longer the latest): whatever the code, what the registry holds decides.
            if (!ALREADY_THERE.contains(refusal.errorCode()) && !newVersions(submission)) {
                throw refusal;
            }
            Optional<HeldSubmissionSet> held = held(submission.submissionSet().uniqueId());
            if (held.isPresent() && held.get().holds(submission)) {
                LOG.info(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                        + " outcome=success reason=\"registered already, the same\"");
                return;
            }
            LOG.warning(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                    + " outcome=conflict error=" + refusal.errorCode().code() + " held=" + held.isPresent());
            throw refusal;
        }
    }

    /**
     * What the registry holds under this submission set uniqueId of this organisation's (its own
     * read, under the adapter's token); {@link RegistryUnreachable} (ambiguous) without an answer.
     */
    @Override
    public Optional<HeldSubmissionSet> held(String submissionSetUniqueId) {
        HttpResponse<String> response = admin("GET", "/own/submission-sets/"
                + URLEncoder.encode(submissionSetUniqueId, StandardCharsets.UTF_8), submissionSetUniqueId);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new RegistryUnreachable("The registry answered " + response.statusCode() + " about "
                    + submissionSetUniqueId, true);
        }
        JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
        List<HeldSubmissionSet.HeldDocument> documents = json.getJsonArray("documents").getValuesAs(JsonObject.class)
                .stream().map(d -> new HeldSubmissionSet.HeldDocument(d.getString("uniqueId"), d.getString("entryUuid"),
                        d.getString("hash", null), d.containsKey("size") ? d.getJsonNumber("size").longValue() : null,
                        d.getString("status"), d.getString("membership", null))).toList();
        return Optional.of(new HeldSubmissionSet(json.getString("uniqueId"), json.getString("entryUuid"),
                json.getString("patient"), json.getString("status"), documents));
    }

    /**
     * One page of the document entries the registry holds for this organisation (its own listing,
     * under the adapter's token), after {@code after} (an entryUUID, or {@code null} for the first);
     * {@link RegistryUnreachable} without a usable answer.
     */
    public OwnDocument.Page ownDocuments(String after, int limit) {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        HttpResponse<String> response = admin("GET", "/own/documents" + query, "its own documents");
        if (response.statusCode() != 200) {
            throw new RegistryUnreachable("The registry answered " + response.statusCode() + " to the listing of "
                    + "this organisation's documents: " + response.body(), false);
        }
        JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
        List<OwnDocument> documents = json.getJsonArray("documents").getValuesAs(JsonObject.class).stream()
                .map(d -> new OwnDocument(d.getString("entryUuid"), text(d, "uniqueId"), text(d, "patient"),
                        text(d, "classCode"), text(d, "typeCode"), text(d, "hash"),
                        d.containsKey("size") && !d.isNull("size") ? d.getJsonNumber("size").longValue() : null,
                        text(d, "status"), text(d, "repositoryUniqueId"), text(d, "homeCommunityId"),
                        text(d, "submissionSetUniqueId"), text(d, "serviceStartTime"), text(d, "serviceStopTime")))
                .toList();
        return new OwnDocument.Page(documents, text(json, "next"));
    }

    /**
     * Deprecates one of this organisation's document entries at the registry (the repair of a
     * pointer no longer true, until ITI-57); {@code false} when the registry holds none of ours by that entryUUID.
     */
    @Override
    public boolean deprecate(String entryUuid) {
        HttpResponse<String> response = admin("POST", "/own/documents/"
                + URLEncoder.encode(entryUuid, StandardCharsets.UTF_8) + "/deprecate", entryUuid);
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new RegistryUnreachable("The registry answered " + response.statusCode() + " to deprecating "
                    + entryUuid + ": " + response.body(), false);
        }
        LOG.info(() -> "event=deprecate-out entryUuid=" + entryUuid + " outcome=deprecated");
        return true;
    }

    private static String text(JsonObject json, String name) {
        return json.containsKey(name) && !json.isNull(name) ? json.getString(name) : null;
    }

    /** A call to the registry's admin API under the adapter's own token; an exchange that failed is ambiguous. */
    private HttpResponse<String> admin(String method, String path, String about) {
        URI uri = URI.create(adminUrl() + path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(settings.outboundTimeout()).header("Accept", "application/json");
            tokens.headersFor(method, uri).forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            throw new RegistryUnreachable("The registry could not be asked about " + about + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnreachable("Interrupted while asking the registry", true);
        }
    }

    /** The registry's admin API: {@code dho.registry.adminUrl}, by default beside its SOAP endpoint. */
    private String adminUrl() {
        return config.getOptionalValue("dho.registry.adminUrl", String.class).orElseGet(() -> {
            String soap = settings.registryUrl().toString();
            return soap.endsWith("/services/registry")
                    ? soap.substring(0, soap.length() - "/services/registry".length()) + "/admin" : soap + "/../admin";
        });
    }

    /**
     * ITI-62 Remove Metadata under the adapter's own token: the registry's first error as an
     * {@link XdsRefusal}, its refusal of another organisation's objects as {@link AccessDenied}, and
     * {@link RegistryUnreachable} without an answer (then whether anything was removed is unknown).
     */
    @Override
    public void removeMetadata(List<String> entryUuids) {
        RegistryResponseType response;
        try {
            response = removal.documentRegistryDeleteDocumentSet(RemovalMessages.writeRemoval(entryUuids));
        } catch (jakarta.xml.ws.soap.SOAPFaultException fault) {
            LOG.warning(() -> "event=iti62-out objects=" + entryUuids.size() + " outcome=refused reason=\""
                    + fault.getMessage() + "\"");
            throw new AccessDenied("own-pointers", "the registry refused the removal: " + fault.getMessage());
        } catch (RuntimeException e) {
            LOG.warning(() -> "event=iti62-out objects=" + entryUuids.size() + " outcome=unreachable reason=\""
                    + e.getMessage() + "\"");
            throw new RegistryUnreachable("The registry could not be reached: " + e.getMessage(), !neverSent(e));
        }
        requireSuccess(response, "iti62-out objects=" + entryUuids.size());
        LOG.info(() -> "event=iti62-out objects=" + entryUuids.size() + " outcome=success");
    }

    /**
     * ITI-57 of status updates under the adapter's own token: the registry's first error as an
     * {@link XdsRefusal}, its refusal of the caller as {@link AccessDenied}, {@link RegistryUnreachable}
     * without an answer (then whether the statuses changed is unknown).
     */
    @Override
    public void updateStatus(Submission statusUpdates) {
        String set = statusUpdates.submissionSet().uniqueId();
        RegistryResponseType response;
        try {
            response = update.documentRegistryUpdateDocumentSet(XdsMessages.writeSubmission(statusUpdates));
        } catch (RuntimeException e) {
            String refusal = refusal(e);
            if (refusal == null) {
                LOG.warning(() -> "event=iti57-out submissionSet=" + set + " outcome=unreachable reason=\""
                        + e.getMessage() + "\"");
                throw new RegistryUnreachable("The registry could not be reached: " + e.getMessage(), !neverSent(e));
            }
            LOG.warning(() -> "event=iti57-out submissionSet=" + set + " outcome=refused reason=\"" + refusal + "\"");
            throw new AccessDenied("own-pointers", "the registry refused the update: " + refusal);
        }
        requireSuccess(response, "iti57-out submissionSet=" + set);
        LOG.info(() -> "event=iti57-out submissionSet=" + set + " updates=" + statusUpdates.associations().size()
                + " outcome=success");
    }

    /** Throws the registry's first error (an {@link XdsRefusal}) unless the response says Success. */
    private static void requireSuccess(RegistryResponseType response, String event) {
        if (SUCCESS.equals(response.getStatus())) {
            return;
        }
        var errors = response.getRegistryErrorList() == null ? List.<org.openehealth.ipf.commons.ihe.xds.core.stub
                .ebrs30.rs.RegistryError>of() : response.getRegistryErrorList().getRegistryError();
        String code = errors.isEmpty() ? XdsErrorCode.REGISTRY_ERROR.code() : errors.get(0).getErrorCode();
        String text = errors.isEmpty() ? "the registry refused the request" : errors.get(0).getCodeContext();
        String location = errors.isEmpty() ? null : errors.get(0).getLocation();
        LOG.info(() -> "event=" + event + " outcome=refused error=" + code);
        throw new XdsRefusal(errorCode(code), text, location);
    }

    /** Registers the submission; throws the registry's first error when it refuses. */
    public void register(Submission submission) {
        RegistryResponseType response;
        try {
            // New versions of entries go by ITI-92 (Restricted Update), first on-demand entries by
            // ITI-61 (Register On-Demand Document Entry), stable ones by ITI-42.
            boolean onDemandEntries = submission.documents().stream()
                    .anyMatch(d -> d.type() == DocumentEntryType.ON_DEMAND);
            if (newVersions(submission)) {
                response = restrictedUpdate.restrictedUpdateDocumentSet(XdsMessages.writeRestrictedUpdate(submission));
            } else {
                var request = XdsMessages.writeSubmission(submission);
                response = onDemandEntries ? onDemand.documentRegistryRegisterOnDemandDocumentEntry(request)
                        : port.documentRegistryRegisterDocumentSetB(request);
            }
        } catch (RuntimeException e) {
            String refusal = refusal(e);
            if (refusal == null) {
                throw unreachable(submission, e);
            }
            LOG.warning(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                    + " outcome=refused reason=\"" + refusal + "\"");
            throw new RegistryRefused("The registry refused the registration: " + refusal);
        }
        requireSuccess(response, "iti42-out submissionSet=" + submission.submissionSet().uniqueId());
        LOG.info(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                + " documents=" + submission.documents().size() + " outcome=success");
    }

    /**
     * Why the registry refused, when the failure is its answer: a SOAP Sender fault, or HTTP 401/403
     * (CXF reports a fault sent with either as the status alone); null for a silence or anything else.
     */
    private static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.xml.ws.soap.SOAPFaultException fault
                    && "Sender".equals(fault.getFault().getFaultCodeAsQName().getLocalPart())) {
                return fault.getMessage();
            }
            if (t instanceof org.apache.cxf.transport.http.HTTPException http
                    && (http.getResponseCode() == 401 || http.getResponseCode() == 403)) {
                return "HTTP " + http.getResponseCode();
            }
        }
        return null;
    }

    private static RegistryUnreachable unreachable(Submission submission, RuntimeException e) {
        LOG.warning(() -> "event=iti42-out submissionSet=" + submission.submissionSet().uniqueId()
                + " outcome=unreachable reason=\"" + e.getMessage() + "\"");
        return new RegistryUnreachable("The registry could not be reached: " + e.getMessage(), !neverSent(e));
    }

    /** Whether the submission carries new versions of entries (ITI-92) rather than first ones. */
    private static boolean newVersions(Submission submission) {
        return submission.documents().stream().anyMatch(d -> d.id().version() != null);
    }

    /** Whether the request certainly never reached the registry (no connection was made). */
    private static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static XdsErrorCode errorCode(String code) {
        for (XdsErrorCode c : XdsErrorCode.values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        return XdsErrorCode.REGISTRY_ERROR;
    }
}
