package no.dhoindex.trustanchor;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import no.dhoindex.shared.trust.TokenMinter;

/**
 * The trust anchor's signing key, kept in its data directory so that tokens and the published
 * JWKS survive a restart (and tests can sign the odd token a real issuer never would).
 */
final class SigningKey {

    private SigningKey() {
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = TokenMinter.newSigningKey();
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, key.toJSONString());
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own protection applies
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("The trust anchor's key at " + file + " cannot be used", e);
        } catch (ParseException e) {
            throw new IllegalStateException("The trust anchor's key at " + file + " is not a JWK", e);
        }
    }
}
