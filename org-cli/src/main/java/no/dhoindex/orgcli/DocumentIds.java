package no.dhoindex.orgcli;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The ids of one document's submission, derived from (organisation, path in the directory, content
 * hash) alone, so that sending the same file again is the same submission (the repository answers
 * Success and shares it once) and a changed file is a new document. Name-based UUIDs (RFC 4122
 * version 5) in a namespace of our own; uniqueIds are their OIDs under {@code 2.25}.
 */
public record DocumentIds(String documentUniqueId, String documentEntryUuid, String submissionSetUniqueId,
                          String submissionSetEntryUuid) {

    /** The namespace of the CLI's name-based UUIDs (fixed: changing it would change every id). */
    static final UUID NAMESPACE = UUID.fromString("4d0f5c8e-3b1a-5d6e-9f21-7c3e2a8b1d40");

    public static DocumentIds of(String org, String relativePath, String contentSha256) {
        String name = org + "\n" + relativePath + "\n" + contentSha256;
        return new DocumentIds(oid(nameUuid(name + "\ndocument")), "urn:uuid:" + nameUuid(name + "\ndocument-entry"),
                oid(nameUuid(name + "\nsubmission-set")), "urn:uuid:" + nameUuid(name + "\nsubmission-set-entry"));
    }

    /** RFC 4122 §4.3 version 5 (SHA-1) UUID of {@code name} in {@link #NAMESPACE}. */
    static UUID nameUuid(String name) {
        return nameUuid(NAMESPACE, name);
    }

    static UUID nameUuid(UUID namespace, String name) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /** The UUID as an OID (ITU-T X.667): 2.25 followed by the UUID's 128 bits as one decimal. */
    static String oid(UUID uuid) {
        byte[] bits = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bits);
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(content));
    }

    /** XDS's document hash (ITI TF-3 4.2.3.2.10). */
    public static String sha1(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-1").digest(content));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
