package no.dhoindex.shared.xua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import no.dhoindex.shared.trust.PrivateKeyFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key material for XUA: an issuer's signing key and certificate (made once, kept in its directory),
 * and the trust store of a source — a directory of PEM certificates of the issuers it believes.
 * Development and tests use self-signed certificates; deployments put NHN/CA-issued ones there.
 */
public final class XuaKeys {

    private XuaKeys() {
    }

    public record Signer(PrivateKey key, X509Certificate certificate) {
    }

    /** The signing key in {@code dir} (created when missing), its certificate also published into {@code trustStore}. */
    public static Signer loadOrCreate(Path dir, String subject, Path trustStore) {
        try {
            Path keyFile = dir.resolve("xua-signing.key");
            Path certFile = dir.resolve("xua-signing.crt");
            if (!Files.exists(keyFile) || !Files.exists(certFile)) {
                PrivateKeyFiles.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Instant now = Instant.now();
                X500Name name = new X500Name("CN=" + subject);
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                        name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
                // The certificate first: a key without its certificate would be made again.
                write(certFile, pem("CERTIFICATE", cert.getEncoded()));
                PrivateKeyFiles.write(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            if (trustStore != null) {
                PrivateKeyFiles.createDirectories(trustStore);
                Files.copy(certFile, trustStore.resolve(subject.replaceAll("[^A-Za-z0-9._-]", "_") + ".crt"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return load(keyFile, certFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("XUA signing key in " + dir + " cannot be made or read: " + e.getMessage(), e);
        }
    }

    /**
     * A signing key and its certificate the operator provisioned (PEM: PKCS#8 "PRIVATE KEY" and
     * "CERTIFICATE"); the key must be the certificate's, or every assertion would be refused at the sources.
     */
    public static Signer load(Path keyFile, Path certFile) {
        try {
            byte[] der = der(PrivateKeyFiles.read(keyFile));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            X509Certificate cert = certificate(certFile);
            java.security.interfaces.RSAPublicKey published = (java.security.interfaces.RSAPublicKey) cert.getPublicKey();
            if (!(key instanceof java.security.interfaces.RSAPrivateKey rsa) || !rsa.getModulus().equals(published.getModulus())) {
                throw new IllegalStateException("the key in " + keyFile + " is not the key of the certificate " + certFile);
            }
            return new Signer(key, cert);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("XUA signing key cannot be used: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("XUA signing key " + keyFile + " / certificate " + certFile
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Every certificate in the trust store, read now (issuers may be added while a source runs): a
     * directory of {@code .crt} / {@code .pem} files, or one PEM file with one or more certificates.
     */
    public static List<X509Certificate> trusted(Path trustStore) {
        List<X509Certificate> result = new ArrayList<>();
        if (trustStore == null || !Files.exists(trustStore)) {
            return result;
        }
        if (Files.isRegularFile(trustStore)) {
            try (var in = Files.newInputStream(trustStore)) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .forEach(c -> result.add((X509Certificate) c));
                return result;
            } catch (Exception e) {
                throw new IllegalStateException("The trust store " + trustStore + " cannot be read", e);
            }
        }
        try (Stream<Path> files = Files.list(trustStore)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".crt") || p.toString().endsWith(".pem")).sorted()
                    .toList()) {
                result.add(certificate(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("A certificate in " + trustStore + " cannot be read", e);
        }
        return result;
    }

    private static X509Certificate certificate(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
