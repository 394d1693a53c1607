package no.dhoindex.adapters.organisation;

import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Institution;

/**
 * The organisation this adapter deployment shares for: who it is (orgnr, Enhetsregisteret), the
 * XCA community and repository ids its pointers carry, and what kind of source it fronts.
 */
public record Organisation(String id, String name, String orgnr, Kind kind, String homeCommunityId,
                           String repositoryUniqueId, String sourceId) {

    /** What the organisation shares: documents it is given (repository) or a DHO platform's FHIR data. */
    public enum Kind {
        REPOSITORY,
        FHIR
    }

    /** The organisation as XDS metadata names it for an author institution: name and orgnr (Enhetsregisteret). */
    public Institution authorInstitution() {
        return new Institution(name, orgnr, AssigningAuthority.iso("2.16.578.1.12.4.1.4.101"));
    }
}
