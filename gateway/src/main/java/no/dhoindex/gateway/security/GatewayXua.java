package no.dhoindex.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import no.dhoindex.shared.trust.Attestation;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaKeys;
import org.eclipse.microprofile.config.Config;
import org.w3c.dom.Element;

/**
 * The gateway as XUA X-Service User: for each outgoing ITI-38/39 it issues a SAML assertion for
 * the user of the original request — HelseID token and attestation turned into the attributes NHN
 * uses — addressed to that community and signed with the gateway's key. Its certificate is
 * published into the trust store the sources read ({@code dho.xua.trustStore}).
 */
@ApplicationScoped
public class GatewayXua {

    private static final String NATIONAL_ID = "2.16.578.1.12.4.1.4.1";

    @Inject
    Config config;

    private XuaKeys.Signer signer;
    private String issuer;

    @PostConstruct
    void start() {
        String data = config.getOptionalValue("dho.data.dir", String.class).orElse("data");
        Path trustStore = Path.of(config.getOptionalValue("dho.xua.trustStore", String.class).orElse(data + "/xua-trusted"));
        issuer = config.getOptionalValue("dho.gateway.xua.issuer", String.class).orElse("urn:dho-index:gateway");
        signer = XuaKeys.loadOrCreate(Path.of(data, "gateway-xua"), "dho-gateway", trustStore);
    }

    /** The current caller's assertion for the regional registry ({@code dho.gateway.registry.audience}). */
    public Optional<Element> forRegistry(Optional<VerifiedCaller> caller) {
        return forCommunity(caller, config.getOptionalValue("dho.gateway.registry.audience", String.class)
                .orElse("urn:dho-index:registry"));
    }

    /** The current caller's assertion for one community; empty when no user is behind the call (security off). */
    public Optional<Element> forCommunity(Optional<VerifiedCaller> caller, String homeCommunityId) {
        if (caller.isEmpty() || caller.get().attestation() == null) {
            return Optional.empty();
        }
        VerifiedCaller c = caller.get();
        Attestation a = c.attestation();
        String patient = a.patients().isEmpty() ? null : a.patients().get(0) + "^^^&" + NATIONAL_ID + "&ISO";
        XuaClaims claims = new XuaClaims(c.pid() == null ? c.subject() : c.pid(), a.practitioner().name(),
                c.hprNumber(), a.practitioner().legalEntity(), a.practitioner().legalEntity(),
                a.careRelation().purposeOfUse(), a.practitioner().authorization(), patient, homeCommunityId);
        return Optional.of(XuaAssertions.issue(claims, issuer, homeCommunityId, Duration.ofMinutes(5), signer));
    }
}
