package no.dhoindex.adapters.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The organisation's sharing rules, applied before anything leaves the adapter: entries coded
 * NORS (sperret, volven 9603) are never shared, and a patient's blocking of this organisation's
 * data is honoured. Withheld data is treated as absent: never counted, returned or confirmed.
 *
 * <p>Who asks, and why, comes from the gateway's XUA assertion on cross-community calls; it also
 * limits a purpose of use to the kinds of data the organisation allows for it (minimisation).
 * Calls no one vouches for (the repository's own ITI-43) have no requester: only blocks towards
 * everyone apply to them.
 */
@ApplicationScoped
public class SharingRules {

    static final String CONFIDENTIALITY = "2.16.578.1.12.4.1.1.9603";
    static final String BLOCKED = "NORS";

    @Inject
    PatientBlocks blocks;

    @Inject
    no.dhoindex.adapters.organisation.OrganisationSettings settings;

    /** Whether the pointer (and the data it points at) may go to this requester. */
    public boolean mayLeave(DocumentPointer pointer, Optional<Requester> requester) {
        return allowedFor(pointer, requester) && mayLeave(pointer, blocks.of(pointer.patientId()), requester);
    }

    /** The pointers that may go to this requester, each patient's blocks read once. */
    public List<DocumentPointer> shareable(List<DocumentPointer> pointers, Optional<Requester> requester) {
        Map<PatientId, List<PatientBlock>> byPatient = new HashMap<>();
        return pointers.stream().filter(p -> allowedFor(p, requester) && mayLeave(p,
                byPatient.computeIfAbsent(p.patientId(), blocks::of), requester)).toList();
    }

    /**
     * Minimisation (ATT-5): where the organisation limits a purpose of use to some kinds of data
     * ({@code minimisation.<PURPOSE>} = class codes), only those kinds go to a requester with that purpose.
     */
    private boolean allowedFor(DocumentPointer pointer, Optional<Requester> requester) {
        String purpose = requester.map(Requester::purposeOfUse).orElse(null);
        if (purpose == null) {
            return true;
        }
        return settings.classCodesFor(purpose).map(codes -> pointer.codes().classCode() != null
                && codes.contains(pointer.codes().classCode().code())).orElse(true);
    }

    /** The rules themselves, given the patient's blocks. */
    static boolean mayLeave(DocumentPointer pointer, Collection<PatientBlock> patientBlocks,
                            Optional<Requester> requester) {
        for (Code code : pointer.codes().confidentialityCodes()) {
            if (BLOCKED.equals(code.code()) && (code.scheme() == null || CONFIDENTIALITY.equals(code.scheme()))) {
                return false;
            }
        }
        return patientBlocks.stream().noneMatch(b -> b.patient().equals(pointer.patientId()) && b.appliesTo(requester));
    }
}
