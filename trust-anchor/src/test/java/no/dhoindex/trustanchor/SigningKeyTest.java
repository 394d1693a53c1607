package no.dhoindex.trustanchor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust anchor's signing key is readable by its owner only, also when found more open. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsWrittenForItsOwnerOnlyAndClosedAgainOnLoad() throws Exception {
        Path file = dir.resolve("data/trust-anchor/signing-key.json");
        RSAKey made = SigningKey.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertEquals(made, SigningKey.loadOrCreate(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
