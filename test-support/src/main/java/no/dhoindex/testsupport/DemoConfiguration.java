package no.dhoindex.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import no.dhoindex.shared.xua.XuaKeys;

/**
 * The configuration an operator would write, made for the demo ({@code ./dho start}) and the tests' stacks:
 * the organisations' files, the demo trust anchor's practitioners, and the trust the pieces are provisioned
 * with. The WARs carry none of it.
 */
public final class DemoConfiguration {

    /** The gateway's XUA subject; its certificate's file name in the trust stores. */
    public static final String GATEWAY_XUA_SUBJECT = "dho-gateway";

    private DemoConfiguration() {
    }

    /** Where the demo's key material went: the gateway's signing key and certificate, the sources' trust store. */
    public record Trust(Path gatewayKey, Path gatewayCertificate, Path trustStore) {
    }

    /**
     * Makes the demo's keys once under {@code data} (the gateway's XUA signing key, readable by its owner only, in a
     * directory only its owner may enter) and puts the gateway's certificate into the trust store the demo's
     * registry and organisations read, as their operators would. Before the pieces start: they only read.
     */
    public static Trust provisionTrust(Path data) {
        Path keys = data.resolve("gateway-xua");
        Path trustStore = data.resolve("xua-trusted");
        XuaKeys.loadOrCreate(keys, GATEWAY_XUA_SUBJECT, trustStore);
        return new Trust(keys.resolve("xua-signing.key"), keys.resolve("xua-signing.crt"), trustStore);
    }

    /**
     * Every setting of a stack on one Payara Micro at {@code base} (http://127.0.0.1:port) with its data under
     * {@code data}, for the given organisations: issuer, registry, trust stores, the gateway's key, the demo
     * practitioners and the organisations' settings for every piece. Callers add or override what they test.
     */
    public static Map<String, String> oneJvm(String base, Path data, DemoOrganisations organisations) {
        Trust trust = provisionTrust(data);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("dho.data.dir", data.toAbsolutePath().toString());
        s.put("dho.trust.issuer", base + "/trust");
        s.put("dho.trust.audience", "nhn:dho-index");
        s.put("dho.registry.url", base + "/registry/services/registry");
        s.put("dho.xua.trustStore", trust.trustStore().toAbsolutePath().toString());
        s.put("dho.gateway.xua.key", trust.gatewayKey().toAbsolutePath().toString());
        s.put("dho.gateway.xua.certificate", trust.gatewayCertificate().toAbsolutePath().toString());
        Map<String, String> anchor = trustAnchor();
        s.putAll(anchor);
        s.putAll(browserApp(base));
        s.putAll(organisations.oneJvm(base, otherSystems(anchor)));
        s.put("dho.gateway.organisationNames", withPractitionersOrganisations(s.get("dho.gateway.organisationNames"), anchor));
        return s;
    }

    /** The organisations' names, and those of the demo practitioners' legal entities not among them. */
    static String withPractitionersOrganisations(String names, Map<String, String> anchor) {
        StringBuilder all = new StringBuilder(names == null ? "" : names);
        anchor.forEach((k, v) -> {
            if (k.startsWith("dho.trust.practitioner.") && k.endsWith(".legalEntity")
                    && !all.toString().matches("(?s)(^|.*;)" + java.util.regex.Pattern.quote(v) + "=.*")) {
                String name = anchor.get(k.replaceFirst("\\.legalEntity$", ".legalEntityName"));
                if (name != null) {
                    all.append(all.length() == 0 ? "" : ";").append(v).append('=').append(name.replace(";", ","));
                }
            }
        });
        return all.toString();
    }

    /** The gateway's web app as a browser client of the trust anchor: its two pages are its redirect URIs. */
    public static final String BROWSER_APP = "dho-app";

    /** The trust anchor's registration of the web app served by the gateway at {@code gatewayBase}/gateway/app/. */
    public static Map<String, String> browserApp(String gatewayBase) {
        return Map.of("dho.trust.browserClients", BROWSER_APP,
                "dho.trust.browserClient." + BROWSER_APP + ".redirectUris",
                gatewayBase + "/gateway/app/," + gatewayBase + "/gateway/app/citizen.html");
    }

    /** The trust anchor's settings with every organisation's systems: what a trust anchor in its own JVM reads. */
    public static Map<String, String> trustAnchor(DemoOrganisations organisations) {
        Map<String, String> anchor = trustAnchor();
        Map<String, String> s = new LinkedHashMap<>(anchor);
        s.putAll(organisations.trustAnchor(otherSystems(anchor)));
        return s;
    }

    /** The systems the demo trust anchor knows besides the organisations' (the gateway's). */
    private static List<String> otherSystems(Map<String, String> anchor) {
        return anchor.keySet().stream().filter(k -> k.startsWith("dho.trust.system."))
                .map(k -> k.substring("dho.trust.system.".length(), k.lastIndexOf('.'))).distinct().toList();
    }

    /** The demo trust anchor's own settings ({@code demo/trust-anchor.properties}). */
    public static Map<String, String> trustAnchor() {
        Path file = demoDirectory().resolve("trust-anchor.properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<String, String> s = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> s.put(k, properties.getProperty(k).strip()));
        return s;
    }

    /**
     * The repository's {@code demo} directory: {@code dho.demo.dir}, else the nearest {@code demo/organisations}
     * from the working directory up (a module's tests run in the module's directory).
     */
    public static Path demoDirectory() {
        String configured = System.getProperty("dho.demo.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("demo/organisations"))) {
                return dir.resolve("demo");
            }
        }
        throw new IllegalStateException("No demo/organisations above " + Path.of("").toAbsolutePath()
                + "; set -Ddho.demo.dir");
    }
}
