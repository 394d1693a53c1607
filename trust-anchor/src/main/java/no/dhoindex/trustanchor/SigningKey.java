package no.dhoindex.trustanchor;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import no.dhoindex.shared.trust.PrivateKeyFiles;
import no.dhoindex.shared.trust.TokenMinter;

/**
 * The trust anchor's signing key, kept in its data directory so that tokens and the published
 * JWKS survive a restart (and tests can sign the odd token a real issuer never would); readable by
 * its owner only.
 */
final class SigningKey {

    private SigningKey() {
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(PrivateKeyFiles.read(file));
            }
            RSAKey key = TokenMinter.newSigningKey();
            PrivateKeyFiles.write(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("The trust anchor's key at " + file + " cannot be used", e);
        } catch (ParseException e) {
            throw new IllegalStateException("The trust anchor's key at " + file + " is not a JWK", e);
        }
    }
}
