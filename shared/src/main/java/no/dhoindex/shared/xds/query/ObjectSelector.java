package no.dhoindex.shared.xds.query;

import java.util.List;

/**
 * Names objects by entryUUID, by uniqueId, or (GetDocuments, Metadata Update) by logical id: the
 * by-id stored queries accept one of them.
 */
public record ObjectSelector(List<String> entryUuids, List<String> uniqueIds, List<String> logicalIds) {

    public ObjectSelector {
        entryUuids = entryUuids == null ? List.of() : List.copyOf(entryUuids);
        uniqueIds = uniqueIds == null ? List.of() : List.copyOf(uniqueIds);
        logicalIds = logicalIds == null ? List.of() : List.copyOf(logicalIds);
    }

    public ObjectSelector(List<String> entryUuids, List<String> uniqueIds) {
        this(entryUuids, uniqueIds, List.of());
    }

    public static ObjectSelector byUuids(List<String> uuids) {
        return new ObjectSelector(uuids, List.of());
    }
}
