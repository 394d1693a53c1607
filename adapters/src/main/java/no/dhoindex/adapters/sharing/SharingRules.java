package no.dhoindex.adapters.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;

/**
 * The organisation's sharing rules, applied before anything leaves the adapter: entries coded
 * NORS (sperret, volven 9603) are never shared. The patient's own blocking and the requesting
 * user's attestation are applied by the trust layer on top of this.
 */
@ApplicationScoped
public class SharingRules {

    static final String CONFIDENTIALITY = "2.16.578.1.12.4.1.1.9603";
    static final String BLOCKED = "NORS";

    public boolean mayLeave(DocumentPointer pointer) {
        for (Code code : pointer.codes().confidentialityCodes()) {
            if (BLOCKED.equals(code.code()) && (code.scheme() == null || CONFIDENTIALITY.equals(code.scheme()))) {
                return false;
            }
        }
        return true;
    }
}
