package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The SOAP side's check of an assertion element: verified in full once, then remembered by its exact text. */
class TrustedIssuersTest {

    private static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    private static final XuaClaims CLAIMS = new XuaClaims("05076600324", "Anne Lege", "9144897", "Demo kommune",
            "974589095", "TREAT", "LE", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", KOMMUNE);
    private static final XuaPolicy POLICY = XuaPolicy.of(null, null, null, Set.of("TREAT"));
    private static final Duration SKEW = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Element assertion(XuaClaims claims) {
        XuaKeys.Signer gateway = XuaKeys.loadOrCreate(dir.resolve("gateway"), "dho-gateway", dir.resolve("trusted"));
        return XuaAssertions.issue(claims, "dho-gateway", KOMMUNE, Duration.ofMinutes(5), gateway);
    }

    @Test
    void anAssertionVerifiedOnceIsRememberedOnlyWhileValidAndTrusted() throws Exception {
        Element valid = assertion(CLAIMS);
        TrustedIssuers trusted = new TrustedIssuers(dir.resolve("trusted"));
        Instant now = Instant.now();
        assertEquals(CLAIMS.patientCx(), trusted.verify(valid, KOMMUNE, POLICY, now, SKEW).patientCx());
        assertEquals(1, trusted.rememberedCount(), "verified once, then remembered");
        // The same assertion as the next call's parser gives it: a new element, the same text.
        Element again = (Element) valid.cloneNode(true);
        assertEquals(CLAIMS.hprNumber(), trusted.verify(again, KOMMUNE, POLICY, now.plusSeconds(60), SKEW).hprNumber());
        assertEquals(1, trusted.rememberedCount());
        // Expired, another audience, another policy: not given from memory.
        assertThrows(XuaRefusal.class, () -> trusted.verify(valid, KOMMUNE, POLICY, now.plusSeconds(600), SKEW));
        assertEquals(0, trusted.rememberedCount());
        trusted.verify(valid, KOMMUNE, POLICY, now, SKEW);
        assertThrows(XuaRefusal.class, () -> trusted.verify(valid, "urn:oid:2.16.578.1.12.4.1.7.1.2", POLICY, now, SKEW));
        // Another policy: verified anew (a second memory entry), and its role check is the caller's, on every call.
        XuaPolicy otherRoles = XuaPolicy.of(null, null, "SP", Set.of("TREAT"));
        XuaClaims underOtherPolicy = trusted.verify(valid, KOMMUNE, otherRoles, now, SKEW);
        assertEquals(2, trusted.rememberedCount());
        assertThrows(XuaRefusal.class, () -> XuaAssertions.requireServed(underOtherPolicy, otherRoles));
        // Its issuer no longer trusted: refused, though it was verified a moment ago.
        try (var files = Files.list(dir.resolve("trusted"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        assertThrows(XuaRefusal.class, () -> trusted.verify(valid, KOMMUNE, POLICY, now, SKEW));
    }

    @Test
    void aRememberedAssertionWithOneCharacterChangedIsVerifiedAgainAndRefused() throws Exception {
        Element valid = assertion(CLAIMS);
        TrustedIssuers trusted = new TrustedIssuers(dir.resolve("trusted"));
        Instant now = Instant.now();
        trusted.verify(valid, KOMMUNE, POLICY, now, SKEW);
        // Another patient's national id in place of the signed one, the signature left as it was.
        Element forged = (Element) valid.cloneNode(true);
        Node text = textHolding(forged, "15077510041");
        if (text == null) {
            throw new AssertionError("the assertion holds no text with the patient's id");
        }
        text.setNodeValue(text.getNodeValue().replace("15077510041", "15077510042"));
        assertThrows(XuaRefusal.class, () -> trusted.verify(forged, KOMMUNE, POLICY, now, SKEW));
        assertEquals(1, trusted.rememberedCount(), "a refusal is never remembered");
    }

    private static Node textHolding(Node node, String value) {
        if (node.getNodeType() == Node.TEXT_NODE && node.getNodeValue().contains(value)) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = textHolding(child, value);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
