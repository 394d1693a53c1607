package no.dhoindex.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The organisations of a stack, one file each ({@code demo/organisations/<name>.properties}), turned into
 * every piece's settings: the adapter's ({@code dho.adapters.<name>.*}), the registry's OID arcs
 * ({@code dho.registry.organisation.<orgnr>.oids}), the gateway's community entry
 * ({@code dho.gateway.community.<name>.*}) and its systems at the development trust anchor
 * ({@code dho.trust.system.<client id>.*}). Adding an organisation is adding a file.
 */
public final class DemoOrganisations {

    /** One organisation's file, {@code ${base}} not yet replaced. */
    public record Organisation(String name, Map<String, String> file) {

        public String orgnr() {
            return required("orgnr");
        }

        public String kind() {
            return required("kind");
        }

        public String homeCommunityId() {
            return required("homeCommunityId");
        }

        public String repositoryUniqueId() {
            return required("repositoryUniqueId");
        }

        String required(String key) {
            String value = file.get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("The organisation file " + name + ".properties needs " + key);
            }
            return value;
        }

        /** The adapter's settings (for its own JVM or a shared one). */
        public Map<String, String> adapter(String base) {
            Map<String, String> s = new LinkedHashMap<>();
            String p = "dho.adapters." + name + ".";
            for (String key : IDENTITY) {
                s.put(p + key, required(key));
            }
            prefixed("adapter.").forEach((k, v) -> s.put(p + k, v));
            return resolve(s, base);
        }

        /** The registry's: which arcs this organisation's pointers must lie under. */
        public Map<String, String> registry() {
            return Map.of("dho.registry.organisation." + orgnr() + ".oids", required("registry.oids"));
        }

        /** The gateway's community entry (without the list of communities, see {@link #gateway}). */
        public Map<String, String> community(String base) {
            Map<String, String> s = new LinkedHashMap<>();
            String p = "dho.gateway.community." + name + ".";
            s.put(p + "homeCommunityId", homeCommunityId());
            s.put(p + "repositoryUniqueIds", repositoryUniqueId());
            prefixed("gateway.").forEach((k, v) -> s.put(p + k, v));
            if (!s.containsKey(p + "url")) {
                throw new IllegalStateException("The organisation file " + name + ".properties needs gateway.url");
            }
            return resolve(s, base);
        }

        /** Its systems at the development trust anchor, acting for its orgnr. */
        public Map<String, String> systems() {
            Map<String, String> s = new LinkedHashMap<>();
            for (String client : systemIds()) {
                s.put("dho.trust.system." + client + ".orgnr", orgnr());
            }
            prefixed("system.").forEach((k, v) -> s.put("dho.trust.system." + k, v));
            return s;
        }

        List<String> systemIds() {
            return prefixed("system.").keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct().toList();
        }

        private Map<String, String> prefixed(String prefix) {
            Map<String, String> result = new TreeMap<>();
            file.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    result.put(k.substring(prefix.length()), v);
                }
            });
            return result;
        }
    }

    private static final List<String> IDENTITY = List.of("name", "orgnr", "kind", "homeCommunityId",
            "repositoryUniqueId", "sourceId");

    private final List<Organisation> organisations;

    private DemoOrganisations(List<Organisation> organisations) {
        this.organisations = List.copyOf(organisations);
    }

    /** Every {@code *.properties} in {@code directory}, by file name. */
    public static DemoOrganisations load(Path directory) {
        List<Organisation> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
                if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                    throw new IllegalStateException("An organisation's file name is its context root (/adapters/<name>):"
                            + " lower-case letters, digits and '-' only, not " + file.getFileName());
                }
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(in);
                }
                Map<String, String> values = new LinkedHashMap<>();
                properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).strip()));
                result.add(new Organisation(name, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the organisations in " + directory, e);
        }
        return new DemoOrganisations(result);
    }

    /** The repository's {@code demo/organisations}. */
    public static DemoOrganisations demo() {
        return load(DemoConfiguration.demoDirectory().resolve("organisations"));
    }

    /** Only these (in this order), for a stack that deploys fewer adapters. */
    public DemoOrganisations only(String... names) {
        List<Organisation> picked = new ArrayList<>();
        for (String name : names) {
            picked.add(byName(name));
        }
        return new DemoOrganisations(picked);
    }

    public Organisation byName(String name) {
        return organisations.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No organisation file " + name + ".properties"));
    }

    public List<Organisation> all() {
        return organisations;
    }

    public List<String> names() {
        return organisations.stream().map(Organisation::name).toList();
    }

    /** The gateway's directory: the list of communities and each one's entry. */
    public Map<String, String> gateway(String base) {
        return gateway(name -> base);
    }

    /** As above, each organisation at its own base URL (each in its own JVM: {@code ./dho start --distributed}). */
    public Map<String, String> gateway(java.util.function.Function<String, String> baseOf) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("dho.gateway.communities", String.join(",", names()));
        organisations.forEach(o -> s.putAll(o.community(baseOf.apply(o.name()))));
        // What the web app shows for the communities' and the organisations' numbers.
        organisations.forEach(o -> s.put("dho.gateway.community." + o.name() + ".displayName", o.file().get("name")));
        s.put("dho.gateway.organisationNames", organisations.stream()
                .map(o -> o.orgnr() + "=" + o.file().get("name")).collect(Collectors.joining(";")));
        return s;
    }

    /** The registry's arcs of every organisation. */
    public Map<String, String> registry() {
        Map<String, String> s = new LinkedHashMap<>();
        organisations.forEach(o -> s.putAll(o.registry()));
        return s;
    }

    /** The organisations' systems at the trust anchor; {@code others} are its other systems' ids (the gateway's). */
    public Map<String, String> trustAnchor(List<String> others) {
        Map<String, String> s = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(others);
        organisations.forEach(o -> ids.addAll(o.systemIds()));
        s.put("dho.trust.systems", String.join(",", ids));
        organisations.forEach(o -> s.putAll(o.systems()));
        return s;
    }

    /** Everything, for a stack where every piece runs in one JVM at {@code base}. */
    public Map<String, String> oneJvm(String base, List<String> otherSystems) {
        Map<String, String> s = new LinkedHashMap<>();
        organisations.forEach(o -> s.putAll(o.adapter(base)));
        s.putAll(registry());
        s.putAll(gateway(base));
        s.putAll(trustAnchor(otherSystems));
        return s;
    }

    private static Map<String, String> resolve(Map<String, String> settings, String base) {
        return settings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().replace("${base}", base), (a, b) -> b, LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return Arrays.toString(names().toArray());
    }
}
