package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    private static final String SHA = DocumentIds.sha256("note".getBytes(StandardCharsets.UTF_8));

    @Test
    void sameOrganisationPathAndContentGiveTheSameIds() {
        assertEquals(DocumentIds.of("sykehus", "docs/1.txt", SHA), DocumentIds.of("sykehus", "docs/1.txt", SHA));
    }

    @Test
    void anotherOrganisationPathOrContentGivesOtherIds() {
        DocumentIds ids = DocumentIds.of("sykehus", "docs/1.txt", SHA);
        String otherSha = DocumentIds.sha256("note!".getBytes(StandardCharsets.UTF_8));
        for (DocumentIds other : Set.of(DocumentIds.of("kommune", "docs/1.txt", SHA),
                DocumentIds.of("sykehus", "docs/2.txt", SHA), DocumentIds.of("sykehus", "docs/1.txt", otherSha))) {
            assertNotEquals(ids.documentUniqueId(), other.documentUniqueId());
            assertNotEquals(ids.documentEntryUuid(), other.documentEntryUuid());
            assertNotEquals(ids.submissionSetUniqueId(), other.submissionSetUniqueId());
            assertNotEquals(ids.submissionSetEntryUuid(), other.submissionSetEntryUuid());
        }
    }

    @Test
    void idsAreOidsUnder225AndVersion5Uuids() {
        DocumentIds ids = DocumentIds.of("sykehus", "docs/1.txt", SHA);
        assertTrue(ids.documentUniqueId().matches("2\\.25\\.[1-9]\\d{0,38}"), ids.documentUniqueId());
        assertTrue(ids.submissionSetUniqueId().matches("2\\.25\\.[1-9]\\d{0,38}"), ids.submissionSetUniqueId());
        assertTrue(ids.documentUniqueId().length() <= 64, "XDS uniqueIds are at most 64 characters");
        UUID entry = UUID.fromString(ids.documentEntryUuid().substring("urn:uuid:".length()));
        assertEquals(5, entry.version());
        assertEquals(2, entry.variant());
        assertNotEquals(ids.documentUniqueId(), ids.submissionSetUniqueId());
        assertNotEquals(ids.documentEntryUuid(), ids.submissionSetEntryUuid());
    }

    @Test
    void nameUuidIsRfc4122Version5() {
        // RFC 4122 DNS namespace, "www.example.com" (the widely published version-5 test vector).
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DocumentIds.nameUuid(dns, "www.example.com"));
    }

    @Test
    void oidIsTheUuidAsOneUnsignedDecimal() {
        assertEquals("2.25.0", DocumentIds.oid(new UUID(0, 0)));
        assertEquals("2.25.340282366920938463463374607431768211455", DocumentIds.oid(new UUID(-1, -1)));
        assertEquals("2.25.329800735698586629295641978511506172918",
                DocumentIds.oid(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
    }

    @Test
    void xdsHashIsSha1() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", DocumentIds.sha1("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
