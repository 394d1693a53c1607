package no.dhoindex.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file per organisation becomes every piece's settings; a fourth organisation is a fourth file. */
class DemoOrganisationsTest {

    @TempDir
    Path dir;

    private static final String GP = """
            name=Legesenteret
            orgnr=923456783
            kind=repository
            homeCommunityId=urn:oid:2.16.578.1.12.4.1.7.1.9
            repositoryUniqueId=2.16.578.1.12.4.1.7.1.9.1
            sourceId=2.16.578.1.12.4.1.7.1.9
            adapter.timeout.millis=7000
            registry.oids=2.16.578.1.12.4.1.7.1.9
            gateway.url=${base}/adapters/legesenter/services/xca
            gateway.deadlineMillis=4000
            system.legesenter-adapter.name=Legesenteret DHO-adapter
            system.legesenter-adapter.scopes=nhn:dho-index/register
            """;

    @Test
    void aFileBecomesTheAdaptersTheRegistrysTheGatewaysAndTheTrustAnchorsSettings() throws Exception {
        Files.writeString(dir.resolve("legesenter.properties"), GP);
        Map<String, String> s = DemoOrganisations.load(dir).oneJvm("http://127.0.0.1:9", List.of("gateway"));
        assertEquals("Legesenteret", s.get("dho.adapters.legesenter.name"));
        assertEquals("repository", s.get("dho.adapters.legesenter.kind"));
        assertEquals("7000", s.get("dho.adapters.legesenter.timeout.millis"));
        assertEquals("2.16.578.1.12.4.1.7.1.9", s.get("dho.registry.organisation.923456783.oids"));
        assertEquals("legesenter", s.get("dho.gateway.communities"));
        assertEquals("http://127.0.0.1:9/adapters/legesenter/services/xca", s.get("dho.gateway.community.legesenter.url"));
        assertEquals("2.16.578.1.12.4.1.7.1.9.1", s.get("dho.gateway.community.legesenter.repositoryUniqueIds"));
        assertEquals("urn:oid:2.16.578.1.12.4.1.7.1.9", s.get("dho.gateway.community.legesenter.homeCommunityId"));
        assertEquals("4000", s.get("dho.gateway.community.legesenter.deadlineMillis"));
        assertEquals("gateway,legesenter-adapter", s.get("dho.trust.systems"));
        assertEquals("923456783", s.get("dho.trust.system.legesenter-adapter.orgnr"));
        assertEquals("nhn:dho-index/register", s.get("dho.trust.system.legesenter-adapter.scopes"));
    }

    @Test
    void aMissingIdIsNamed() throws Exception {
        Files.writeString(dir.resolve("legesenter.properties"), GP.replace("orgnr=923456783\n", ""));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DemoOrganisations.load(dir).oneJvm("http://127.0.0.1:9", List.of()));
        assertTrue(e.getMessage().contains("legesenter.properties needs orgnr"), e.getMessage());
    }

    @Test
    void theDemoHasThreeOrganisationsEachUnderItsOwnArc() {
        DemoOrganisations demo = DemoOrganisations.demo();
        assertEquals(List.of("fastlege", "kommune", "sykehus"), demo.names());
        assertEquals(3, demo.all().stream().map(DemoOrganisations.Organisation::homeCommunityId).distinct().count());
        assertEquals(3, demo.all().stream().map(DemoOrganisations.Organisation::orgnr).distinct().count());
        // The GP office's number is synthetic with a valid check digit (the older demo numbers predate that rule).
        assertTrue(mod11(demo.byName("fastlege").orgnr()), demo.byName("fastlege").orgnr());
        for (DemoOrganisations.Organisation o : demo.all()) {
            assertTrue(o.repositoryUniqueId().startsWith(o.file().get("registry.oids") + "."), o.name());
        }
        assertEquals("fastlege,kommune", demo.only("fastlege", "kommune").gateway("b").get("dho.gateway.communities"));
    }

    @Test
    void theDemosTrustIsMadeOnceForItsOwnerOnly() throws Exception {
        DemoConfiguration.Trust trust = DemoConfiguration.provisionTrust(dir.resolve("data"));
        String first = Files.readString(trust.gatewayKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trust.gatewayKey())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trust.gatewayKey().getParent())));
        assertTrue(Files.exists(trust.trustStore().resolve(DemoConfiguration.GATEWAY_XUA_SUBJECT + ".crt")));
        assertEquals(first, Files.readString(DemoConfiguration.provisionTrust(dir.resolve("data")).gatewayKey()));
        Map<String, String> s = DemoConfiguration.oneJvm("http://127.0.0.1:9", dir.resolve("data"), DemoOrganisations.demo());
        assertEquals(trust.gatewayKey().toAbsolutePath().toString(), s.get("dho.gateway.xua.key"));
        assertEquals("http://127.0.0.1:9/trust", s.get("dho.trust.issuer"));
        assertTrue(s.get("dho.trust.systems").startsWith("gateway,"), s.get("dho.trust.systems"));
        assertEquals("anne,bjorn", s.get("dho.trust.practitioners"));
    }

    private static boolean mod11(String orgnr) {
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (orgnr.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        return (check == 11 ? 0 : check) == orgnr.charAt(8) - '0';
    }
}
