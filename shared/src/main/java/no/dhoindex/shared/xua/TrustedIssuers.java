package no.dhoindex.shared.xua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The XUA issuers a source trusts: the certificates in its trust store ({@code dho.xua.trustStore}),
 * parsed again only when the store's files change (issuers may be added while the source runs; a
 * call must not pay for reading and parsing them).
 */
public final class TrustedIssuers {

    private record Trusted(String state, List<X509Certificate> certificates) {
    }

    private final Path trustStore;
    private volatile Trusted trusted = new Trusted("", List.of());

    public TrustedIssuers(Path trustStore) {
        this.trustStore = trustStore;
    }

    public List<X509Certificate> certificates() {
        String state;
        try (var files = Files.list(trustStore)) {
            state = files.map(f -> f.getFileName() + ":" + f.toFile().lastModified() + ":" + f.toFile().length())
                    .sorted().reduce("", String::concat);
        } catch (IOException e) {
            state = "missing";
        }
        Trusted current = trusted;
        if (!current.state().equals(state)) {
            current = new Trusted(state, XuaKeys.trusted(trustStore));
            trusted = current;
        }
        return current.certificates();
    }
}
