package no.dhoindex.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaKeys;
import no.dhoindex.shared.xua.XuaRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** A kept assertion handed to a call is the call's own copy, and it still verifies as the one signed. */
class GatewayXuaTest {

    private static final String COMMUNITY = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    private static final XuaClaims CLAIMS = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095",
            "974589095", "TREAT", "LE", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", COMMUNITY);

    @TempDir
    Path dir;

    @Test
    void aCopyIsItsOwnNodeAndVerifiesWithItsClaims() throws Exception {
        XuaKeys.Signer signer = XuaKeys.loadOrCreate(dir.resolve("keys"), "dho-gateway", null);
        Element kept = XuaAssertions.issue(CLAIMS, "urn:dho-index:gateway", COMMUNITY, Duration.ofMinutes(5), signer);

        Element copy = GatewayXua.copy(kept);

        assertNotSame(kept, copy);
        assertNotSame(kept.getOwnerDocument(), copy.getOwnerDocument());
        assertEquals(kept.getAttribute("ID"), copy.getAttribute("ID"));
        XuaClaims read = XuaAssertions.validate(copy, List.of(signer.certificate()), COMMUNITY, Instant.now(),
                Duration.ofSeconds(5));
        assertEquals(CLAIMS, read);
    }

    @Test
    void aCopyOfAnAlteredAssertionDoesNotVerify() throws Exception {
        XuaKeys.Signer signer = XuaKeys.loadOrCreate(dir.resolve("keys"), "dho-gateway", null);
        Element kept = XuaAssertions.issue(CLAIMS, "urn:dho-index:gateway", COMMUNITY, Duration.ofMinutes(5), signer);
        Element copy = GatewayXua.copy(kept);
        // The copy is what goes out: changing it (another patient) must break its signature, as on the original.
        var values = copy.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "AttributeValue");
        for (int i = 0; i < values.getLength(); i++) {
            if (values.item(i).getTextContent().startsWith("15077510041")) {
                values.item(i).setTextContent("23059110047^^^&2.16.578.1.12.4.1.4.1&ISO");
            }
        }
        assertThrows(XuaRefusal.class, () -> XuaAssertions.validate(copy, List.of(signer.certificate()), COMMUNITY,
                Instant.now(), Duration.ofSeconds(5)));
    }
}
