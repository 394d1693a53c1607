package no.dhoindex.shared.xds.query;

import java.util.List;

/** Names objects either by entryUUID or by uniqueId: the by-id stored queries accept one or the other. */
public record ObjectSelector(List<String> entryUuids, List<String> uniqueIds) {

    public ObjectSelector {
        entryUuids = entryUuids == null ? List.of() : List.copyOf(entryUuids);
        uniqueIds = uniqueIds == null ? List.of() : List.copyOf(uniqueIds);
    }

    public static ObjectSelector byUuids(List<String> uuids) {
        return new ObjectSelector(uuids, List.of());
    }
}
