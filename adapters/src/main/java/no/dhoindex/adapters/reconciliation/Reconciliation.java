package no.dhoindex.adapters.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import no.dhoindex.adapters.reconciliation.PublishedHere.Published;
import no.dhoindex.adapters.registry.OwnDocument;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;

/**
 * Compares what this adapter has published with what the registry holds for its organisation, and
 * repairs the differences: {@code missing} (published here, absent at the registry) is registered
 * again with the same uniqueId and entryUUID; {@code extra} (approved at the registry under this
 * repository, unknown here) is deprecated; {@code stale} (both, but patient, hash, size, status or
 * service times differ) is deprecated where it is no longer true here, otherwise reported (a
 * re-publish under the same ids cannot change it: that is a metadata update, ITI-57).
 * Pointers whose registration is not settled yet (pending) are left alone.
 *
 * <p>Why the order: the record here is read first and the registry after, and every difference is
 * confirmed on a fresh read of the record here. A pointer is kept here (pending) before it is
 * registered and approved only after, so a registration that happens during the run is pending or
 * known by the time it is seen at the registry, and is never taken for an extra one.
 */
public final class Reconciliation {

    /** What a difference is repaired with. */
    public enum Repair {
        REGISTER, DEPRECATE, NONE
    }

    /** One difference; {@code differences} says what differs for a stale one ("hash: here …, registry …"). */
    public record Difference(String uniqueId, String entryUuid, String patient, List<String> differences, Repair repair) {
        public Difference {
            differences = List.copyOf(differences);
        }
    }

    /** What a run found and did. */
    public record Report(String organisation, Instant checkedAt, int published, int registered, List<Difference> missing,
                         List<Difference> extra, List<Difference> stale, int reRegistered, int deprecated,
                         List<String> errors) {
        public Report {
            missing = List.copyOf(missing);
            extra = List.copyOf(extra);
            stale = List.copyOf(stale);
            errors = List.copyOf(errors);
        }
    }

    private enum Kind { MISSING, EXTRA, STALE }

    private record Finding(Kind kind, Difference difference) {
    }

    private final String organisation;
    private final String repositoryUniqueId;
    private final PublishedHere here;
    private final RegistryHolds registry;
    private final Clock clock;
    private final int pageSize;

    /**
     * @param repositoryUniqueId this adapter's repository: the registry's entries under another of the
     *                           organisation's repositories are another adapter's to reconcile
     */
    public Reconciliation(String organisation, String repositoryUniqueId, PublishedHere here, RegistryHolds registry,
                          Clock clock, int pageSize) {
        this.organisation = organisation;
        this.repositoryUniqueId = plain(repositoryUniqueId);
        this.here = here;
        this.registry = registry;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Compares, and with {@code repair} repairs; a registry that cannot be listed is thrown as it was. */
    public Report run(boolean repair) {
        Instant checkedAt = clock.instant();
        Map<String, Published> published = byEntryUuid(here.all());
        Map<String, OwnDocument> held = listing();
        Set<String> ids = new LinkedHashSet<>(published.keySet());
        ids.addAll(held.keySet());
        List<String> candidates = ids.stream()
                .filter(id -> classify(published.get(id), held.get(id)) != null).toList();
        Map<String, Published> now = byEntryUuid(here.byEntryUuids(candidates));
        List<Difference> missing = new ArrayList<>();
        List<Difference> extra = new ArrayList<>();
        List<Difference> stale = new ArrayList<>();
        for (String id : candidates) {
            Finding finding = classify(now.get(id), held.get(id));
            if (finding != null) {
                (finding.kind() == Kind.MISSING ? missing : finding.kind() == Kind.EXTRA ? extra : stale)
                        .add(finding.difference());
            }
        }
        int settled = (int) published.values().stream().filter(p -> !p.pending()).count();
        List<String> errors = new ArrayList<>();
        int reRegistered = 0;
        int deprecated = 0;
        if (repair) {
            for (Difference d : missing) {
                try {
                    registry.register(now.get(d.entryUuid()).pointer().withStatus(AvailabilityStatus.APPROVED));
                    reRegistered++;
                } catch (RuntimeException e) {
                    errors.add("register " + d.entryUuid() + ": " + e.getMessage());
                }
            }
            for (Difference d : concat(extra, stale)) {
                if (d.repair() != Repair.DEPRECATE) {
                    continue;
                }
                try {
                    if (registry.deprecate(d.entryUuid())) {
                        deprecated++;
                    } else {
                        errors.add("deprecate " + d.entryUuid() + ": the registry holds no such entry of ours");
                    }
                } catch (RuntimeException e) {
                    errors.add("deprecate " + d.entryUuid() + ": " + e.getMessage());
                }
            }
        }
        return new Report(organisation, checkedAt, settled, held.size(), missing, extra, stale, reRegistered,
                deprecated, errors);
    }

    /** Every page of the registry's listing, this repository's entries only. */
    private Map<String, OwnDocument> listing() {
        Map<String, OwnDocument> held = new LinkedHashMap<>();
        String after = null;
        do {
            OwnDocument.Page page = registry.documents(after, pageSize);
            for (OwnDocument d : page.documents()) {
                if (repositoryUniqueId.equals(plain(d.repositoryUniqueId()))) {
                    held.put(d.entryUuid(), d);
                }
            }
            if (page.documents().isEmpty() || Objects.equals(page.next(), after)) {
                break; // a registry that does not move on must not keep the run going
            }
            after = page.next();
        } while (after != null);
        return held;
    }

    /** What the pair is, or {@code null} when there is nothing to do (equal, pending, or gone on both sides). */
    private static Finding classify(Published mine, OwnDocument theirs) {
        if (mine != null && mine.pending()) {
            return null;
        }
        if (theirs == null) {
            if (mine == null || !AvailabilityStatus.APPROVED.name().equals(mine.status())) {
                return null; // nothing to share: deprecated here and not at the registry at all
            }
            DocumentPointer p = mine.pointer();
            return new Finding(Kind.MISSING, new Difference(p.uniqueId(), p.entryUuid(), p.patientId().toCx(),
                    List.of(), Repair.REGISTER));
        }
        if (mine == null) {
            return AvailabilityStatus.APPROVED.name().equals(theirs.status()) ? new Finding(Kind.EXTRA,
                    new Difference(theirs.uniqueId(), theirs.entryUuid(), theirs.patient(), List.of(), Repair.DEPRECATE))
                    : null;
        }
        List<String> differences = differences(mine, theirs);
        if (differences.isEmpty()) {
            return null;
        }
        boolean noLongerTrue = AvailabilityStatus.DEPRECATED.name().equals(mine.status())
                && AvailabilityStatus.APPROVED.name().equals(theirs.status());
        DocumentPointer p = mine.pointer();
        return new Finding(Kind.STALE, new Difference(p.uniqueId(), p.entryUuid(), p.patientId().toCx(), differences,
                noLongerTrue ? Repair.DEPRECATE : Repair.NONE));
    }

    private static List<String> differences(Published mine, OwnDocument theirs) {
        DocumentPointer p = mine.pointer();
        List<String> differences = new ArrayList<>();
        differ(differences, "uniqueId", p.uniqueId(), theirs.uniqueId());
        differ(differences, "patient", p.patientId().toCx(), theirs.patient());
        differ(differences, "status", mine.status(), theirs.status());
        String hash = p.location() == null ? null : p.location().hash();
        if (hash == null ? theirs.hash() != null : !hash.equalsIgnoreCase(theirs.hash())) {
            differences.add(difference("hash", hash, theirs.hash()));
        }
        differ(differences, "size", p.location() == null ? null : p.location().size(), theirs.size());
        differ(differences, "serviceStartTime", p.provenance() == null ? null : p.provenance().serviceStartTime(),
                theirs.serviceStartTime());
        differ(differences, "serviceStopTime", p.provenance() == null ? null : p.provenance().serviceStopTime(),
                theirs.serviceStopTime());
        return differences;
    }

    private static void differ(List<String> differences, String what, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            differences.add(difference(what, mine, theirs));
        }
    }

    private static String difference(String what, Object mine, Object theirs) {
        return what + ": here " + mine + ", registry " + theirs;
    }

    private static Map<String, Published> byEntryUuid(List<Published> pointers) {
        Map<String, Published> map = new LinkedHashMap<>();
        pointers.forEach(p -> map.put(p.pointer().entryUuid(), p));
        return map;
    }

    private static List<Difference> concat(List<Difference> a, List<Difference> b) {
        List<Difference> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String plain(String oid) {
        return oid == null ? "" : oid.startsWith("urn:oid:") ? oid.substring(8) : oid;
    }
}
