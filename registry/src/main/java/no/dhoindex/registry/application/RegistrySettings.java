package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The registry's settings (MicroProfile Config; defaults in META-INF/microprofile-config.properties). */
@ApplicationScoped
public class RegistrySettings {

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
    @ConfigProperty(name = "dho.data.dir", defaultValue = "data")
    String dataDir;

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
        return java.nio.file.Path.of(xuaTrustStore.orElse(dataDir + "/xua-trusted"));
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
    @ConfigProperty(name = "dho.trust.issuer", defaultValue = "http://127.0.0.1:8080/trust")
    String trustIssuer;

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
        return trustIssuer;
    }

    public java.net.URI trustJwks() {
        return java.net.URI.create(trustJwks.orElse(trustIssuer + "/jwks"));
    }

    public String trustAudience() {
        return trustAudience;
    }
}
