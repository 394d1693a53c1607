package no.dhoindex.orgcli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Who the CLI acts for and where it finds that organisation's services: the demo organisation's
 * defaults, overridden by a properties file ({@code --config}), overridden by options. Validated
 * once, before anything is sent.
 */
public record OrgSettings(String org, String name, String orgnr, String clientId, String sourceId,
                          URI adapter, URI registryAdmin, URI tokenEndpoint) {

    /** The keys of the properties file, each also an option ({@code --adapter URL} for {@code adapter}). */
    public static final List<String> KEYS = List.of("org", "name", "orgnr", "client", "sourceId", "adapter",
            "registryAdmin", "tokenEndpoint");

    /** The demo organisations of {@code ./dho start} (trust-anchor's and adapters' demo settings). */
    static Map<String, String> demoDefaults(String org, String base) {
        Map<String, String> d = new LinkedHashMap<>();
        switch (org) {
            case "sykehus" -> {
                d.put("name", "Demo sykehus HF");
                d.put("orgnr", "974589095");
                d.put("sourceId", "2.16.578.1.12.4.1.7.1.2");
            }
            case "kommune" -> {
                d.put("name", "Demo kommune");
                d.put("orgnr", "921234567");
                d.put("sourceId", "2.16.578.1.12.4.1.7.1.3");
            }
            default -> {
                return d;
            }
        }
        d.put("client", org + "-ehr");
        d.put("adapter", base + "/adapters/" + org);
        d.put("registryAdmin", base + "/registry/admin");
        d.put("tokenEndpoint", base + "/trust/token");
        return d;
    }

    /**
     * @param options  the options given on the command line (keys of {@link #KEYS}, and {@code config})
     * @param port     the demo's port ({@code DHO_PORT}) for the demo defaults
     */
    public static OrgSettings resolve(Map<String, String> options, String port) {
        Map<String, String> fromFile = new LinkedHashMap<>();
        String config = options.get("config");
        if (config != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(config), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CliFailure("cannot read the settings file " + config + ": " + e.getMessage());
            }
            for (String key : properties.stringPropertyNames()) {
                if (!KEYS.contains(key)) {
                    throw new CliFailure(config + ": unknown setting '" + key + "' (known: " + String.join(", ", KEYS) + ")");
                }
                fromFile.put(key, properties.getProperty(key).strip());
            }
        }
        String org = options.getOrDefault("org", fromFile.getOrDefault("org", "sykehus"));
        Map<String, String> merged = demoDefaults(org, "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port));
        merged.putAll(fromFile);
        options.forEach((k, v) -> {
            if (KEYS.contains(k)) {
                merged.put(k, v);
            }
        });
        List<String> missing = new ArrayList<>();
        for (String key : KEYS.subList(1, KEYS.size())) {
            if (merged.get(key) == null || merged.get(key).isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new CliFailure("organisation '" + org + "' has no " + String.join(", ", missing)
                    + " (give them as options, e.g. --" + missing.get(0) + ", or in a --config file)");
        }
        return new OrgSettings(org, merged.get("name"), merged.get("orgnr"), merged.get("client"), merged.get("sourceId"),
                url(merged, "adapter"), url(merged, "registryAdmin"), url(merged, "tokenEndpoint"));
    }

    private static URI url(Map<String, String> settings, String key) {
        String value = settings.get(key).replaceAll("/+$", "");
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliFailure("setting " + key + " '" + value + "' is not an http(s) URL");
        }
    }

    /** The organisation's XDS.b repository (ITI-41). */
    public URI repository() {
        return URI.create(adapter + "/services/repository");
    }

    public URI adapterAdmin(String path) {
        return URI.create(adapter + "/admin" + path);
    }
}
