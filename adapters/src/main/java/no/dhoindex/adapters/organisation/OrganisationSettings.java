package no.dhoindex.adapters.organisation;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * One WAR serves every organisation: each deployment's context root ({@code /adapters/<org>})
 * names the organisation, and its settings are read under {@code dho.adapters.<org>.*}
 * (MicroProfile Config; every setting in deploy/adapter.properties). The organisation's ids, the registry,
 * the issuer and the XUA trust store are required: a deployment without them does not start.
 */
@ApplicationScoped
public class OrganisationSettings {

    @Inject
    Config config;

    private volatile String id;
    private volatile Organisation organisation;

    /** Runs first when the deployment starts: the context root says which organisation this is. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
               ServletContext servletContext) {
        String path = servletContext.getContextPath();
        id = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String p = prefix();
        no.dhoindex.shared.config.RequiredSettings required = new no.dhoindex.shared.config.RequiredSettings("adapter",
                key -> config.getOptionalValue(key, String.class))
                .require(p + "name", "the organisation's name")
                .require(p + "orgnr", "its number in Enhetsregisteret")
                .require(p + "kind", "what it shares: repository or fhir")
                .require(p + "homeCommunityId", "its XCA community id (urn:oid:...)")
                .require(p + "repositoryUniqueId", "its repository's OID")
                .require(p + "sourceId", "its submission sets' source OID")
                .requireEither(p + "registry.url", "dho.registry.url", "the regional registry's ITI-42/61 endpoint")
                .require("dho.trust.issuer", "the HelseID issuer whose tokens it believes and gets its own from")
                .require("dho.xua.trustStore", "PEM certificates of the gateways whose XUA assertions it believes");
        if ("fhir".equalsIgnoreCase(optional("kind").orElse(""))) {
            required.require(p + "platform.url", "the DHO platform's FHIR R4 base URL");
            if (optional("subscription.notifyUrl").isPresent()) {
                required.require(p + "subscription.secret", "the secret the platform's notifications must carry");
            }
        }
        required.check();
        if ("fhir".equalsIgnoreCase(optional("kind").orElse(""))) {
            checkFreshness();
        }
        organisation = new Organisation(id, required("name"), required("orgnr"),
                Organisation.Kind.valueOf(required("kind").toUpperCase(Locale.ROOT)), required("homeCommunityId"),
                required("repositoryUniqueId"), required("sourceId"));
    }

    public Organisation organisation() {
        return organisation;
    }

    /** The regional registry's ITI-42 / ITI-61 endpoint: {@code registry.url}, else {@code dho.registry.url}. */
    public URI registryUrl() {
        return URI.create(optional("registry.url").orElseGet(() -> config.getValue("dho.registry.url", String.class)));
    }

    public URI platformUrl() {
        return URI.create(required("platform.url"));
    }

    /** The directory of issuer certificates whose XUA assertions this organisation believes (the gateways'). */
    public java.nio.file.Path xuaTrustStore() {
        return java.nio.file.Path.of(config.getValue("dho.xua.trustStore", String.class));
    }

    /** The purposes of use this organisation shares for (ATT-5): treatment and care by default; BTG only if configured. */
    public java.util.Set<String> purposesOfUse() {
        java.util.Set<String> purposes = new java.util.HashSet<>(java.util.List.of(optional("purposesOfUse")
                .orElse("TREAT,ETREAT,COC").split("\\s*,\\s*")));
        if (optional("emergencyAccess").map(Boolean::parseBoolean).orElse(false)) {
            purposes.add("BTG");
        }
        return purposes;
    }

    /**
     * What an XUA assertion must show here: {@code dho.xua.authnContextClasses}, {@code dho.xua.roleCodeSystem},
     * {@code dho.xua.roles} (defaults in {@link no.dhoindex.shared.xua.XuaPolicy}) and the purposes of use served.
     */
    public no.dhoindex.shared.xua.XuaPolicy xuaPolicy() {
        return no.dhoindex.shared.xua.XuaPolicy.of(
                config.getOptionalValue("dho.xua.authnContextClasses", String.class).orElse(null),
                config.getOptionalValue("dho.xua.roleCodeSystem", String.class).orElse(null),
                config.getOptionalValue("dho.xua.roles", String.class).orElse(null), purposesOfUse());
    }

    /** The largest request (SOAP with its MTOM parts, FHIR) accepted: {@code dho.adapters.request.maxBytes}. */
    public long maxRequestBytes() {
        return config.getOptionalValue("dho.adapters.request.maxBytes", Long.class).orElse(20L * 1024 * 1024);
    }

    /** The kinds of data (class codes) a purpose of use is limited to; empty: no limit for that purpose. */
    public Optional<java.util.Set<String>> classCodesFor(String purposeOfUse) {
        return optional("minimisation." + purposeOfUse).map(v -> java.util.Set.of(v.split("\\s*,\\s*")));
    }

    /** How often the platform is read when nothing notifies the adapter: {@code poll.millis}, at a fixed rate. */
    public Duration pollInterval() {
        return Duration.ofMillis(number("poll.millis", 1000L));
    }

    /**
     * How often a read is a full read (every pointer re-read, whatever the platform's history says):
     * {@code fullRead.millis}; also the first read, and every read while the platform offers no history.
     */
    public Duration fullReadInterval() {
        return Duration.ofMillis(number("fullRead.millis", 600_000L));
    }

    /** How many pointers of changed data are brought up to date at once: {@code publish.parallel}. */
    public int publishParallel() {
        return (int) number("publish.parallel", 4L);
    }

    /** The FHIR adapter's timing settings, checked at start: a bad one stops the deployment, saying why. */
    private void checkFreshness() {
        long poll = number("poll.millis", 1000L);
        if (poll < 50 || poll > 3_600_000) {
            throw invalid("poll.millis", "from 50 to 3600000 (ms)");
        }
        long full = number("fullRead.millis", 600_000L);
        if (full < poll) {
            throw invalid("fullRead.millis", "at least poll.millis (" + poll + " ms)");
        }
        long parallel = number("publish.parallel", 4L);
        if (parallel < 1 || parallel > 32) {
            throw invalid("publish.parallel", "from 1 to 32");
        }
    }

    private long number(String key, long otherwise) {
        try {
            return optional(key).map(String::trim).map(Long::parseLong).orElse(otherwise);
        } catch (NumberFormatException e) {
            throw invalid(key, "a whole number");
        }
    }

    private IllegalStateException invalid(String key, String expected) {
        return new IllegalStateException("Setting " + prefix() + key + "=" + optional(key).orElse("") + " is not valid for"
                + " the adapter: it must be " + expected);
    }

    /**
     * Where the platform is to notify this adapter of changes (its {@code /platform/notifications} as
     * the platform reaches it): {@code subscription.notifyUrl}; absent, the adapter only polls.
     */
    public Optional<URI> notifyUrl() {
        return optional("subscription.notifyUrl").map(URI::create);
    }

    /** The secret a notification must carry in {@code X-DHO-Notification-Secret}: {@code subscription.secret}. */
    public Optional<String> notificationSecret() {
        return optional("subscription.secret").filter(secret -> !secret.isBlank());
    }

    public Duration outboundTimeout() {
        return Duration.ofMillis(optional("timeout.millis").map(Long::parseLong).orElse(5000L));
    }

    public String databaseUrl() {
        return optional("db.url").orElseGet(() ->
                "jdbc:h2:file:" + config.getValue("dho.data.dir", String.class) + "/adapter-" + organisation.id());
    }

    public Optional<String> optional(String key) {
        return config.getOptionalValue(prefix() + key, String.class);
    }

    public String required(String key) {
        return config.getOptionalValue(prefix() + key, String.class).orElseThrow(() ->
                new IllegalStateException("Missing setting " + prefix() + key + " for this organisation"));
    }

    private String prefix() {
        if (id == null) {
            throw new IllegalStateException("The organisation is not known before the deployment has started");
        }
        return "dho.adapters." + id + ".";
    }
}
