package no.dhoindex.shared.xds.model;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A submission may name its objects symbolically ("Document01"); before storing, each gets a
 * UUID and associations are rewritten to match (ITI TF-3 4.2.3.1.5). Ends that are already
 * UUIDs name objects that must exist elsewhere and are left as they are.
 */
public final class SymbolicIds {

    private static final String UUID_PREFIX = "urn:uuid:";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SymbolicIds() {
    }

    public static boolean isUuid(String id) {
        return id != null && id.startsWith(UUID_PREFIX);
    }

    /**
     * A new entryUUID: a version 7 UUID (RFC 9562), the millisecond first and 74 random bits after it. Time-ordered
     * ids land at the right edge of every index keyed by them (the primary keys, logical ids, association ends, codes,
     * authors and references of a registration), where random ones touch a random page of each index per row; past
     * PostgreSQL's shared buffers that is a page read, a dirty page evicted and, after each checkpoint, a full-page
     * image in the WAL per row and index (issue 17). The millisecond says no more than the submission time does.
     */
    public static String newUuid() {
        return UUID_PREFIX + timeOrderedUuid(System.currentTimeMillis(), RANDOM);
    }

    static UUID timeOrderedUuid(long epochMillis, SecureRandom random) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | random.nextInt(1 << 12);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    public static Submission assign(Submission s) {
        Map<String, String> assigned = new HashMap<>();
        Function<String, String> name = id -> id == null || isUuid(id) ? id
                : assigned.computeIfAbsent(id, k -> newUuid());
        SubmissionSet set = s.submissionSet();
        set = new SubmissionSet(rename(set.id(), name), set.status(), set.patientId(), set.sourceId(),
                set.submissionTime(), set.contentTypeCode(), set.authors(), set.intendedRecipients(), set.title(),
                set.comments(), set.extraMetadata());
        List<DocumentPointer> documents = s.documents().stream().map(d -> d.withId(rename(d.id(), name))).toList();
        List<Folder> folders = s.folders().stream().map(f -> new Folder(rename(f.id(), name), f.status(),
                f.patientId(), f.codes(), f.lastUpdateTime(), f.title(), f.comments(), f.extraMetadata())).toList();
        // Associations may target associations (a HasMember of a folder membership, a SubmitAssociation):
        // name them all before any end is rewritten.
        s.associations().forEach(a -> name.apply(a.entryUuid()));
        List<Association> associations = s.associations().stream().map(a -> a.withIds(
                name.apply(a.entryUuid()), assigned.getOrDefault(a.sourceUuid(), a.sourceUuid()),
                assigned.getOrDefault(a.targetUuid(), a.targetUuid()), a.homeCommunityId())).toList();
        return new Submission(set, documents, folders, associations);
    }

    /** The symbolic id each object had, by its new UUID (for matching MTOM document parts). */
    public static Map<String, String> originalIds(Submission before, Submission after) {
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < before.documents().size(); i++) {
            ids.put(after.documents().get(i).entryUuid(), before.documents().get(i).entryUuid());
        }
        return ids;
    }

    private static RegistryObjectId rename(RegistryObjectId id, Function<String, String> name) {
        return new RegistryObjectId(name.apply(id.entryUuid()), id.uniqueId(), id.logicalUuid(), id.version(),
                id.homeCommunityId());
    }
}
