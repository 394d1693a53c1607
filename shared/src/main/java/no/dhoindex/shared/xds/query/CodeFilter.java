package no.dhoindex.shared.xds.query;

import java.util.List;
import no.dhoindex.shared.xds.model.Code;

/**
 * A code parameter of a stored query: each inner list is one slot whose values are OR-ed;
 * repeated slots are AND-ed (ITI TF-2a 3.18.4.1.2.3.5). An empty filter matches everything.
 */
public record CodeFilter(List<List<Code>> allOf) {

    public static final CodeFilter ANY = new CodeFilter(List.of());

    public CodeFilter {
        allOf = allOf.stream().map(List::copyOf).toList();
    }

    public static CodeFilter anyOf(List<Code> codes) {
        return codes == null || codes.isEmpty() ? ANY : new CodeFilter(List.of(codes));
    }

    public boolean isEmpty() {
        return allOf.isEmpty();
    }

    /** Whether the object's codes satisfy every slot. */
    public boolean matches(List<Code> objectCodes) {
        return allOf.stream().allMatch(slot -> slot.stream().anyMatch(c -> objectCodes.stream().anyMatch(c::sameAs)));
    }
}
