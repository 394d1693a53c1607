package no.dhoindex.gateway.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The communities the gateway reaches. Read from MicroProfile Config
 * ({@code dho.gateway.communities=a,b} and {@code dho.gateway.community.<name>.*}), or, when
 * {@code dho.gateway.directory.file} names a properties file with the same keys, from that file,
 * re-read whenever it changes so communities come and go without a restart.
 */
@ApplicationScoped
public class CommunityDirectory {

    private static final Logger LOG = Logger.getLogger(CommunityDirectory.class.getName());

    @Inject
    Config config;

    private volatile Snapshot snapshot;
    /** The directory file's path, or empty: read from the configuration once. */
    private volatile Optional<Path> file;
    /** Without a file, the communities the configuration names, read once (it does not change while running). */
    private volatile List<Community> configured;

    private record Snapshot(FileTime modified, List<Community> communities) {
    }

    /**
     * The communities now. Asked on every question, so it costs one file stat when a directory file is used and
     * nothing otherwise: MicroProfile Config look-ups (one per community setting) are not cheap in Payara.
     */
    public List<Community> communities() {
        Optional<Path> file = this.file;
        if (file == null) {
            file = config.getOptionalValue("dho.gateway.directory.file", String.class).map(Path::of);
            this.file = file;
        }
        BasicFileAttributes attributes = file.isEmpty() ? null : attributes(file.get());
        if (attributes == null || !attributes.isRegularFile()) {
            return fromConfig();
        }
        try {
            FileTime modified = attributes.lastModifiedTime();
            Snapshot current = snapshot;
            if (current == null || !current.modified().equals(modified)) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file.get())) {
                    properties.load(reader);
                }
                current = new Snapshot(modified, read(key -> Optional.ofNullable(properties.getProperty(key))));
                snapshot = current;
                int size = current.communities().size();
                Path path = file.get();
                LOG.info(() -> "event=directory-reload file=" + path + " communities=" + size);
            }
            return current.communities();
        } catch (IOException | RuntimeException e) {
            // A half-written or broken file must not take the gateway down: keep what worked last.
            Path path = file.get();
            LOG.warning(() -> "event=directory-reload file=" + path + " outcome=refused reason=\"" + e.getMessage() + "\"");
            Snapshot last = snapshot;
            return last == null ? fromConfig() : last.communities();
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;   // no such file (yet): the configuration's communities, as before it is written
        }
    }

    private List<Community> fromConfig() {
        List<Community> communities = configured;
        if (communities == null) {
            communities = read(key -> config.getOptionalValue(key, String.class));
            configured = communities;
        }
        return communities;
    }

    public Optional<Community> byHomeCommunityId(String homeCommunityId) {
        return communities().stream().filter(c -> c.homeCommunityId().equals(homeCommunityId)).findFirst();
    }

    public Optional<Community> byRepository(String repositoryUniqueId) {
        return communities().stream().filter(c -> c.holds(repositoryUniqueId)).findFirst();
    }

    private static List<Community> read(Function<String, Optional<String>> settings) {
        List<Community> result = new ArrayList<>();
        for (String name : list(settings.apply("dho.gateway.communities").orElse(""))) {
            String prefix = "dho.gateway.community." + name + ".";
            Function<String, String> required = key -> settings.apply(prefix + key).orElseThrow(
                    () -> new IllegalArgumentException("Community " + name + " needs " + prefix + key));
            result.add(new Community(name, required.apply("homeCommunityId"),
                    URI.create(required.apply("url")),
                    settings.apply(prefix + "retrieveUrl").map(URI::create).orElse(null),
                    new LinkedHashSet<>(list(settings.apply(prefix + "repositoryUniqueIds").orElse(""))),
                    Duration.ofMillis(Long.parseLong(settings.apply(prefix + "deadlineMillis").orElse("3000"))),
                    Boolean.parseBoolean(settings.apply(prefix + "alwaysAsked").orElse("false")),
                    settings.apply(prefix + "accessLogUrl").map(URI::create)
                            .orElseGet(() -> accessLogBesideXca(URI.create(required.apply("url")))),
                    settings.apply(prefix + "fhirUrl").map(URI::create).orElse(null)));
        }
        return List.copyOf(result);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    /** A DHO Index adapter serves its access log beside its XCA endpoint: .../services/xca → .../fhir/AuditEvent. */
    private static URI accessLogBesideXca(URI xca) {
        String url = xca.toString();
        return url.endsWith("/services/xca") ? URI.create(url.substring(0, url.length() - "/services/xca".length())
                + "/fhir/AuditEvent") : null;
    }
}
