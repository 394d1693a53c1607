package no.dhoindex.adapters.sharing;

import java.util.Objects;
import java.util.Optional;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * A patient's blocking (sperring) of this organisation's data about them: towards everyone
 * ({@code recipient} null), or towards one organisation or health professional only. The source
 * organisation enforces it (pasientjournalloven; DOMAIN.md §1): blocked data never leaves.
 */
public record PatientBlock(PatientId patient, BlockedRecipient recipient) {

    public PatientBlock {
        Objects.requireNonNull(patient, "patient");
    }

    /**
     * Whether the block withholds the data from this requester. A block towards one recipient can
     * only apply where the requester's identity is known; with none, only blocks towards everyone do.
     */
    public boolean appliesTo(Optional<Requester> requester) {
        return recipient == null || requester.map(recipient::is).orElse(false);
    }
}
