package no.dhoindex.adapters.reconciliation;

import java.util.Collection;
import java.util.List;
import no.dhoindex.shared.xds.model.DocumentPointer;

/**
 * What this adapter has published (port): its own record of pointers, both the repository's ITI-41
 * submissions and the FHIR adapter's on-demand pointers.
 */
public interface PublishedHere {

    /** Every pointer recorded here, any status. */
    List<Published> all();

    /** The pointers with these entryUUIDs as they are now: a difference seen is confirmed on a fresh read. */
    List<Published> byEntryUuids(Collection<String> entryUuids);

    /**
     * A published pointer and its status here: {@code APPROVED}, {@code DEPRECATED}, or
     * {@code PENDING} (its registration is not settled yet).
     */
    record Published(DocumentPointer pointer, String status) {

        static final String PENDING = "PENDING";

        boolean pending() {
            return PENDING.equals(status);
        }
    }
}
