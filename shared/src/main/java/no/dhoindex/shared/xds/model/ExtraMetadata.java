package no.dhoindex.shared.xds.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Extra metadata slots (names starting with {@code urn:}, ITI TF-3 4.1.14), kept in order. */
final class ExtraMetadata {

    private ExtraMetadata() {
    }

    static Map<String, List<String>> copy(Map<String, List<String>> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        extra.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
