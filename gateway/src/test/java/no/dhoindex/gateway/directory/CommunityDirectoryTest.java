package no.dhoindex.gateway.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import no.dhoindex.gateway.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory is asked on every question: the configuration is read once, and a directory file is read again
 * only when it has changed.
 */
class CommunityDirectoryTest {

    private TestConfig settings;

    private CommunityDirectory directory(Map<String, String> values) {
        settings = new TestConfig(values);
        CommunityDirectory directory = new CommunityDirectory();
        directory.config = settings.config();
        return directory;
    }

    private static List<String> names(CommunityDirectory directory) {
        return directory.communities().stream().map(Community::name).toList();
    }

    @Test
    void theConfiguredCommunitiesAreReadOnce() {
        CommunityDirectory directory = directory(Map.of("dho.gateway.communities", "kommune",
                "dho.gateway.community.kommune.homeCommunityId", "urn:oid:2.16.578.1.12.4.1.7.1.3",
                "dho.gateway.community.kommune.url", "http://127.0.0.1:1/adapters/kommune/services/xca"));
        assertEquals(List.of("kommune"), names(directory));
        int first = settings.lookups();
        for (int question = 0; question < 3; question++) {
            assertEquals(List.of("kommune"), names(directory));
        }
        assertEquals(first, settings.lookups(), "no configuration look-up after the first question");
    }

    @Test
    void aDirectoryFileIsReadAgainWhenItChangesAndOnlyThen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("communities.properties");
        CommunityDirectory directory = directory(Map.of("dho.gateway.directory.file", file.toString()));
        assertEquals(List.of(), names(directory), "no file yet: the configuration's (none)");
        write(file, "kommune", 1_000);
        assertEquals(List.of("kommune"), names(directory));
        int afterRead = settings.lookups();
        assertEquals(List.of("kommune"), names(directory));
        write(file, "sykehus", 2_000);
        assertEquals(List.of("sykehus"), names(directory));
        assertEquals(afterRead, settings.lookups(), "the file's path is looked up once");
    }

    private static void write(Path file, String community, long modifiedMillis) throws Exception {
        String prefix = "dho.gateway.community." + community + ".";
        Files.writeString(file, "dho.gateway.communities=" + community + "\n" + prefix
                + "homeCommunityId=urn:oid:2.16.578.1.12.4.1.7.1.9\n" + prefix + "url=http://127.0.0.1:1/x/services/xca\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }
}
