package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgSettingsTest {

    @TempDir
    Path dir;

    @Test
    void demoHospitalByDefaultOnTheDemoPort() {
        OrgSettings s = OrgSettings.resolve(new HashMap<>(), "18190");
        assertEquals(new OrgSettings("sykehus", "Demo sykehus HF", "974589095", "sykehus-ehr", "2.16.578.1.12.4.1.7.1.2",
                URI.create("http://127.0.0.1:18190/adapters/sykehus"), URI.create("http://127.0.0.1:18190/registry/admin"),
                URI.create("http://127.0.0.1:18190/trust/token")), s);
        assertEquals(URI.create("http://127.0.0.1:18190/adapters/sykehus/services/repository"), s.repository());
        assertEquals(URI.create("http://127.0.0.1:8080/adapters/kommune"),
                OrgSettings.resolve(new HashMap<>(Map.of("org", "kommune")), null).adapter());
    }

    @Test
    void configFileOverridesDefaultsAndOptionsOverrideTheFile() throws Exception {
        Path config = dir.resolve("org.properties");
        Files.writeString(config, "org=sykehus\nclient=other-ehr\nadapter=https://dho.example/adapters/x/\n");
        OrgSettings s = OrgSettings.resolve(new HashMap<>(Map.of("config", config.toString(), "client", "cli-ehr")), null);
        assertEquals("cli-ehr", s.clientId());
        assertEquals(URI.create("https://dho.example/adapters/x"), s.adapter());
        assertEquals("974589095", s.orgnr());
    }

    @Test
    void anOrganisationWithoutDefaultsNeedsEverySetting() {
        assertEquals("organisation 'fjellbygd' has no name, orgnr, client, sourceId, adapter, registryAdmin, tokenEndpoint"
                        + " (give them as options, e.g. --name, or in a --config file)",
                assertThrows(CliFailure.class, () -> OrgSettings.resolve(new HashMap<>(Map.of("org", "fjellbygd")), null))
                        .getMessage());
    }

    @Test
    void badUrlsAndUnknownKeysAreRefused() throws Exception {
        assertEquals("setting adapter 'ftp://x' is not an http(s) URL", assertThrows(CliFailure.class,
                () -> OrgSettings.resolve(new HashMap<>(Map.of("adapter", "ftp://x")), null)).getMessage());
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "adaptr=http://x\n");
        assertEquals(config + ": unknown setting 'adaptr' (known: org, name, orgnr, client, sourceId, adapter,"
                + " registryAdmin, tokenEndpoint)", assertThrows(CliFailure.class,
                () -> OrgSettings.resolve(new HashMap<>(Map.of("config", config.toString())), null)).getMessage());
    }
}
