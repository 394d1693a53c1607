package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The gateway's XUA assertion carried in an HTTP header is checked at the source as on SOAP. */
class XuaHttpTest {

    private static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    private static final XuaClaims CLAIMS = new XuaClaims("05076600324", "Anne Lege", "9144897", "Demo kommune",
            "974589095", "TREAT", "LE", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", KOMMUNE);
    private static final XuaPolicy POLICY = XuaPolicy.of(null, null, null, Set.of("TREAT"));

    @TempDir
    Path dir;

    private String header(String audience) {
        XuaKeys.Signer gateway = XuaKeys.loadOrCreate(dir.resolve("gateway"), "dho-gateway", dir.resolve("trusted"));
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", audience, Duration.ofMinutes(5), gateway);
        return XuaHttp.header(assertion);
    }

    @Test
    void theSignedAssertionSurvivesTheHeaderAndSaysWhoAndAboutWhom() throws Exception {
        XuaClaims claims = XuaHttp.verify(header(KOMMUNE), new TrustedIssuers(dir.resolve("trusted")), KOMMUNE, POLICY);
        assertEquals(CLAIMS.hprNumber(), claims.hprNumber());
        assertEquals(CLAIMS.patientCx(), claims.patientCx());
    }

    @Test
    void anAssertionForAnotherSourceOrFromAnUntrustedIssuerIsRefused() {
        String forSykehus = header("urn:oid:2.16.578.1.12.4.1.7.1.2");
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(forSykehus, new TrustedIssuers(dir.resolve("trusted")),
                KOMMUNE, POLICY));
        String forKommune = header(KOMMUNE);
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(forKommune, new TrustedIssuers(dir.resolve("nobody")),
                KOMMUNE, POLICY));
    }

    @Test
    void aChangedAssertionNoHeaderOrADoctypeIsRefused() {
        String valid = header(KOMMUNE);
        String xml = new String(Base64.getUrlDecoder().decode(valid.substring(5)), StandardCharsets.UTF_8);
        String changed = "SAML " + Base64.getUrlEncoder().withoutPadding().encodeToString(
                xml.replace("9144897", "9144898").getBytes(StandardCharsets.UTF_8));
        TrustedIssuers trusted = new TrustedIssuers(dir.resolve("trusted"));
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(changed, trusted, KOMMUNE, POLICY));
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(null, trusted, KOMMUNE, POLICY));
        String doctype = "SAML " + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>".getBytes(StandardCharsets.UTF_8));
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(doctype, trusted, KOMMUNE, POLICY));
    }

    @Test
    void aVerifiedAssertionIsRememberedOnlyWhileValidAndTrusted() throws Exception {
        String valid = header(KOMMUNE);   // valid for five minutes from now
        TrustedIssuers trusted = new TrustedIssuers(dir.resolve("trusted"));
        Instant now = Instant.now();
        assertEquals(CLAIMS.hprNumber(), XuaHttp.verify(valid, trusted, KOMMUNE, POLICY, now).hprNumber());
        assertEquals(1, trusted.rememberedCount(), "verified once, then remembered");
        assertEquals(CLAIMS.hprNumber(), XuaHttp.verify(valid, trusted, KOMMUNE, POLICY, now.plusSeconds(60)).hprNumber());
        // Expired: the remembered verification is not given again (nor is the assertion).
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(valid, trusted, KOMMUNE, POLICY, now.plusSeconds(600)));
        assertEquals(0, trusted.rememberedCount());
        // Remembered for one audience and policy only.
        XuaHttp.verify(valid, trusted, KOMMUNE, POLICY, now);
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(valid, trusted, "urn:oid:2.16.578.1.12.4.1.7.1.2", POLICY, now));
        XuaPolicy otherRoles = XuaPolicy.of(null, null, "SP", Set.of("TREAT"));
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(valid, trusted, KOMMUNE, otherRoles, now));
        // Its issuer no longer trusted: refused, though it was verified a moment ago.
        try (var files = Files.list(dir.resolve("trusted"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        assertThrows(XuaRefusal.class, () -> XuaHttp.verify(valid, trusted, KOMMUNE, POLICY, now));
    }
}
