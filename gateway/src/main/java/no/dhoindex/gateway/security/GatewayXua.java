package no.dhoindex.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaHttp;
import no.dhoindex.shared.xua.XuaKeys;
import org.eclipse.microprofile.config.Config;
import org.w3c.dom.Element;

/**
 * The gateway as XUA X-Service User: for each outgoing ITI-38/39 it issues a SAML assertion for
 * the user of the original request — HelseID token and attestation turned into the attributes NHN
 * uses — addressed to that community and signed with the gateway's key. Its certificate is
 * published into the trust store the sources read ({@code dho.xua.trustStore}). A signed assertion
 * is reused for the same claims (user, role, purpose, patient, community) during its first minute
 * ({@link ReusedAssertions}): a federated query asks the registry and up to 20 communities, and
 * signing one for each (an RSA signature and XML canonicalisation, about 2.5 ms of CPU each on the
 * 2-core benchmark machine, FanOutCpuSteps) on every question runs on the question's own thread before the fan-out.
 */
@ApplicationScoped
public class GatewayXua {

    @Inject
    Config config;

    private XuaKeys.Signer signer;
    private String issuer;
    /** Assertions are issued for five minutes; one is reused for the same claims during its first minute. */
    private final ReusedAssertions<String> headers = new ReusedAssertions<>(Duration.ofMinutes(1), 10_000,
            Clock.systemUTC());
    private final ReusedAssertions<Element> elements = new ReusedAssertions<>(Duration.ofMinutes(1), 10_000,
            Clock.systemUTC());

    @PostConstruct
    void start() {
        issuer = config.getOptionalValue("dho.gateway.xua.issuer", String.class).orElse("urn:dho-index:gateway");
        // Provisioned, never made here: the sources' operators decide whether to trust this certificate.
        // With security off (benchmarks only) no assertion is issued, so no key is needed.
        Optional<String> key = config.getOptionalValue("dho.gateway.xua.key", String.class);
        Optional<String> certificate = config.getOptionalValue("dho.gateway.xua.certificate", String.class);
        if (key.isPresent() && certificate.isPresent()) {
            signer = XuaKeys.load(Path.of(key.get()), Path.of(certificate.get()));
        }
    }
    /** The caller's assertion for the regional registry ({@code dho.gateway.registry.audience}). */
    public Optional<Element> forRegistry(Caller caller) {
        return forCommunity(caller, config.getOptionalValue("dho.gateway.registry.audience", String.class)
                .orElse("urn:dho-index:registry"));
    }

    /**
     * The caller's assertion for one community: the user, their role and purpose of use, and as
     * resource-id the patient the caller is bound to, under that patient's own authority. Empty only
     * for the unchecked caller (security off); a caller bound to no patient gets none (refused).
     */
    public Optional<Element> forCommunity(Caller caller, String homeCommunityId) {
        return claims(caller, homeCommunityId).map(claims ->
                copy(elements.assertion(claims, () -> issue(claims, homeCommunityId))));
    }

    /**
     * A call's own copy of a kept assertion: the calls of a fan-out write it into their messages on
     * as many threads at once, and a DOM is not safe to share between threads even for reading
     * (Xerces caches node lists as it reads). The copy is node for node, so its signature still verifies.
     */
    static Element copy(Element kept) {
        synchronized (kept) {
            var document = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
            document.setNamespaceAware(true);
            try {
                var own = document.newDocumentBuilder().newDocument();
                Element copy = (Element) own.importNode(kept, true);
                own.appendChild(copy);
                return copy;
            } catch (javax.xml.parsers.ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The caller's assertion for one community as an HTTP {@code Authorization} value ({@link XuaHttp}),
     * for the FHIR side: the same claims as {@link #forCommunity}; a signed one is reused for the same
     * claims for a minute ({@link ReusedAssertions}) rather than signed again for every call.
     */
    public Optional<String> httpHeader(Caller caller, String homeCommunityId) {
        return claims(caller, homeCommunityId).map(claims ->
                headers.assertion(claims, () -> XuaHttp.header(issue(claims, homeCommunityId))));
    }

    private Optional<XuaClaims> claims(Caller caller, String homeCommunityId) {
        if (caller.isUnchecked()) {
            return Optional.empty();
        }
        if (caller.kind() != Caller.Kind.HEALTH_PERSONNEL) {
            throw new AccessDenied("xua", "only health personnel are vouched for to a source");
        }
        if (signer == null) {
            throw new IllegalStateException("dho.gateway.xua.key / dho.gateway.xua.certificate are not set");
        }
        PatientId patient = caller.patients().patient().orElseThrow(() -> new AccessDenied("patient-binding",
                "the attestation names no one patient the request could be about"));
        return Optional.of(new XuaClaims(caller.subjectId(), caller.name(), caller.hprNumber(), caller.organisation(),
                caller.organisation(), caller.purposeOfUse(), caller.role(), patient.toCx(), homeCommunityId));
    }

    private Element issue(XuaClaims claims, String audience) {
        return XuaAssertions.issue(claims, issuer, audience, Duration.ofMinutes(5), signer);
    }
}
