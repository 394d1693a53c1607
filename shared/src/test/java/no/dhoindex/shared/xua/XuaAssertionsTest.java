package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class XuaAssertionsTest {

    @TempDir
    Path dir;

    private static final XuaClaims CLAIMS = new XuaClaims("05076600324", "Anne Lege", "9144897", "Demo kommune",
            "974589095", "TREAT", "LE", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", "urn:oid:2.16.578.1.12.4.1.7.1.2");

    private XuaKeys.Signer gateway() {
        return XuaKeys.loadOrCreate(dir.resolve("gateway"), "dho-gateway", dir.resolve("trusted"));
    }

    @Test
    void aSignedAssertionFromATrustedIssuerSaysWhoWhyAndAboutWhom() throws Exception {
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "urn:oid:2.16.578.1.12.4.1.7.1.2",
                Duration.ofMinutes(5), gateway());
        XuaClaims read = XuaAssertions.validate(assertion, XuaKeys.trusted(dir.resolve("trusted")),
                "urn:oid:2.16.578.1.12.4.1.7.1.2", Instant.now(), Duration.ofSeconds(30));
        assertEquals(CLAIMS, read);
    }

    @Test
    void expiredNotYetValidForeignAndMisaddressedAssertionsAreRefused() throws Exception {
        XuaKeys.Signer signer = gateway();
        var trusted = XuaKeys.trusted(dir.resolve("trusted"));
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "aud", Duration.ofMinutes(5), signer);
        assertTrue(refused(assertion, trusted, "aud", Instant.now().plus(Duration.ofMinutes(10))).contains("expired"));
        assertTrue(refused(assertion, trusted, "aud", Instant.now().minus(Duration.ofMinutes(10))).contains("not yet"));
        assertTrue(refused(assertion, trusted, "another", Instant.now()).contains("audience"));
        XuaKeys.Signer stranger = XuaKeys.loadOrCreate(dir.resolve("stranger"), "stranger", null);
        Element foreign = XuaAssertions.issue(CLAIMS, "stranger", "aud", Duration.ofMinutes(5), stranger);
        assertTrue(refused(foreign, trusted, "aud", Instant.now()).contains("trusted issuer"));
    }

    @Test
    void anUnsignedAssertionIsRefused() throws Exception {
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "aud", Duration.ofMinutes(5), gateway());
        var signature = assertion.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        assertion.removeChild(signature);
        assertTrue(refused(assertion, XuaKeys.trusted(dir.resolve("trusted")), "aud", Instant.now()).contains("not signed"));
    }

    @Test
    void theTrustStoreHoldsThePublishedCertificate() throws Exception {
        gateway();
        assertTrue(Files.exists(dir.resolve("trusted/dho-gateway.crt")));
        assertEquals(1, XuaKeys.trusted(dir.resolve("trusted")).size());
    }

    private static String refused(Element assertion, List<java.security.cert.X509Certificate> trusted, String audience,
                                  Instant at) {
        return assertThrows(XuaRefusal.class, () -> XuaAssertions.validate(assertion, trusted, audience, at,
                Duration.ofSeconds(30))).getMessage();
    }
}
