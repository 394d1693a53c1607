package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
