package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry's settings (MicroProfile Config; true defaults only in META-INF/microprofile-config.properties,
 * every setting in deploy/registry.properties).
 */
@ApplicationScoped
public class RegistrySettings {

    @Inject
    org.eclipse.microprofile.config.Config config;

    /** Checked when the application starts: without these the registry is not deployed, and says which are missing. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        no.dhoindex.shared.config.RequiredSettings required = new no.dhoindex.shared.config.RequiredSettings("registry",
                key -> config.getOptionalValue(key, String.class));
        if (registrationTokensRequired()) {
            required.require("dho.trust.issuer", "the HelseID issuer whose system tokens organisations register under");
        }
        if (xuaRequired()) {
            required.require("dho.xua.trustStore", "PEM certificates of the gateways whose XUA assertions the registry believes");
        }
        required.check();
    }

    @Inject
    @ConfigProperty(name = "dho.registry.query.maxResults", defaultValue = "1000")
    int maxResults;

    @Inject
    @ConfigProperty(name = "dho.registry.patientId.strictCheckDigits", defaultValue = "true")
    boolean strictCheckDigits;

    @Inject
    @ConfigProperty(name = "dho.registry.homeCommunityId")
    Optional<String> homeCommunityId;

    @Inject
    @ConfigProperty(name = "dho.registry.request.maxBytes", defaultValue = "10485760")
    long maxRequestBytes;

    /** More objects than this in one query answer is refused with XDSTooManyResults. */
    public int maxResults() {
        return maxResults;
    }

    public boolean strictCheckDigits() {
        return strictCheckDigits;
    }

    /** Stamped on returned objects when set, so a responding gateway in front can pass them on. */
    public Optional<String> homeCommunityId() {
        return homeCommunityId;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    @Inject
    @ConfigProperty(name = "dho.registry.xua", defaultValue = "required")
    String xua;

    @Inject
    @ConfigProperty(name = "dho.registry.xua.audience", defaultValue = "urn:dho-index:registry")
    String xuaAudience;

    @Inject
    @ConfigProperty(name = "dho.xua.trustStore")
    Optional<String> xuaTrustStore;

    @Inject
    @ConfigProperty(name = "dho.registry.purposesOfUse", defaultValue = "TREAT,ETREAT,COC")
    String purposesOfUse;

    /** Stored queries need a user's XUA assertion ("required", the default); "off" only for benchmarks. */
    public boolean xuaRequired() {
        return !"off".equals(xua);
    }

    public String xuaAudience() {
        return xuaAudience;
    }

    public java.nio.file.Path xuaTrustStore() {
        return java.nio.file.Path.of(xuaTrustStore.orElseThrow(() -> new IllegalStateException("dho.xua.trustStore is not set")));
    }

    public java.util.Set<String> purposesOfUse() {
        return java.util.Set.of(purposesOfUse.split("\\s*,\\s*"));
    }

    @Inject
    @ConfigProperty(name = "dho.xua.authnContextClasses")
    Optional<String> xuaAuthnContextClasses;

    @Inject
    @ConfigProperty(name = "dho.xua.roleCodeSystem")
    Optional<String> xuaRoleCodeSystem;

    @Inject
    @ConfigProperty(name = "dho.xua.roles")
    Optional<String> xuaRoles;

    /** What a query's XUA assertion must show (defaults in {@link no.dhoindex.shared.xua.XuaPolicy}). */
    public no.dhoindex.shared.xua.XuaPolicy xuaPolicy() {
        return no.dhoindex.shared.xua.XuaPolicy.of(xuaAuthnContextClasses.orElse(null), xuaRoleCodeSystem.orElse(null),
                xuaRoles.orElse(null), purposesOfUse());
    }

    @Inject
    @ConfigProperty(name = "dho.registry.registrations", defaultValue = "required")
    String registrations;

    @Inject
    @ConfigProperty(name = "dho.trust.issuer")
    Optional<String> trustIssuer;

    @Inject
    @ConfigProperty(name = "dho.trust.jwksUrl")
    Optional<String> trustJwks;

    @Inject
    @ConfigProperty(name = "dho.trust.audience", defaultValue = "nhn:dho-index")
    String trustAudience;

    /** Registrations need the registering organisation's system token ("required", the default); "off" only for benchmarks. */
    public boolean registrationTokensRequired() {
        return !"off".equals(registrations);
    }

    /** The HelseID issuer (the local trust anchor in development) whose tokens organisations' systems present. */
    public String trustIssuer() {
        return trustIssuer.orElseThrow(() -> new IllegalStateException("dho.trust.issuer is not set"));
    }

    public java.net.URI trustJwks() {
        return java.net.URI.create(trustJwks.orElseGet(() -> trustIssuer() + "/jwks"));
    }

    public String trustAudience() {
        return trustAudience;
    }
}
