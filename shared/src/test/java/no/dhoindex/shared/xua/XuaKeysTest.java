package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XUA signing key is readable by its owner only, also when an older version left it more open. */
class XuaKeysTest {

    @TempDir
    Path dir;

    @Test
    void theSigningKeyIsWrittenForItsOwnerOnly() throws Exception {
        Path keys = dir.resolve("data/gateway");
        XuaKeys.loadOrCreate(keys, "dho-gateway", dir.resolve("trusted"));
        assertEquals("rw-------", mode(keys.resolve("xua-signing.key")));
        assertEquals("rwx------", mode(keys));
    }

    @Test
    void aKeyFileFoundMoreOpenIsClosedOnLoad() throws Exception {
        Path keys = dir.resolve("gateway");
        XuaKeys.Signer made = XuaKeys.loadOrCreate(keys, "dho-gateway", null);
        Files.setPosixFilePermissions(keys.resolve("xua-signing.key"), PosixFilePermissions.fromString("rw-r--r--"));
        XuaKeys.Signer loaded = XuaKeys.loadOrCreate(keys, "dho-gateway", null);
        assertEquals(made.key(), loaded.key());
        assertEquals("rw-------", mode(keys.resolve("xua-signing.key")));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aProvisionedKeyAndCertificateAreReadAsTheyAre() {
        XuaKeys.Signer made = XuaKeys.loadOrCreate(dir.resolve("made"), "dho-gateway", null);
        XuaKeys.Signer loaded = XuaKeys.load(dir.resolve("made/xua-signing.key"), dir.resolve("made/xua-signing.crt"));
        assertEquals(made.key(), loaded.key());
        assertEquals(made.certificate(), loaded.certificate());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        XuaKeys.loadOrCreate(dir.resolve("one"), "one", null);
        XuaKeys.loadOrCreate(dir.resolve("two"), "two", null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> XuaKeys.load(dir.resolve("one/xua-signing.key"), dir.resolve("two/xua-signing.crt")));
        assertTrue(e.getMessage().contains("not the key of the certificate"), e.getMessage());
    }

    @Test
    void aTrustStoreIsADirectoryOfCertificatesOrOnePemFile() throws Exception {
        XuaKeys.loadOrCreate(dir.resolve("a"), "a", dir.resolve("trusted"));
        XuaKeys.loadOrCreate(dir.resolve("b"), "b", dir.resolve("trusted"));
        assertEquals(2, XuaKeys.trusted(dir.resolve("trusted")).size());
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(dir.resolve("a/xua-signing.crt"))
                + Files.readString(dir.resolve("b/xua-signing.crt")));
        assertEquals(2, XuaKeys.trusted(bundle).size());
        assertEquals(0, XuaKeys.trusted(dir.resolve("absent")).size());
    }
}
