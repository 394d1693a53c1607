package no.dhoindex.registry.application;

import java.util.List;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.Submission;

/**
 * What a submission (a registration or a metadata update) must say about who it comes from: the
 * registrant itself as source (sourceId, repository, community) and as author organisation.
 */
final class SubmissionOwnership {

    private SubmissionOwnership() {
    }

    /** Norwegian organisation numbers (Enhetsregisteret) as XON assigning authority. */
    private static final String ORGNR_OID = "2.16.578.1.12.4.1.4.101";

    static void requireOwnPointers(Submission s, Registrant registrant) {
        if (!registrant.owns(s.submissionSet().sourceId())) {
            throw new NotOwnPointers("the submission set's sourceId " + s.submissionSet().sourceId()
                    + " is not organisation " + registrant.orgnr() + "'s");
        }
        authorOrganisations(s.submissionSet().authors(), registrant, "the submission set");
        for (DocumentPointer d : s.documents()) {
            String repository = d.location() == null ? null : d.location().repositoryUniqueId();
            if (repository != null && !registrant.owns(repository)) {
                throw new NotOwnPointers("document " + d.uniqueId() + " points to repository " + repository
                        + ", which is not organisation " + registrant.orgnr() + "'s");
            }
            String community = d.id().homeCommunityId();
            if (community != null && !registrant.owns(community)) {
                throw new NotOwnPointers("document " + d.uniqueId() + " names community " + community
                        + ", which is not organisation " + registrant.orgnr() + "'s");
            }
            authorOrganisations(d.provenance() == null ? List.of() : d.provenance().authors(), registrant,
                    "document " + d.uniqueId());
        }
    }

    /** An author institution identified by organisation number must be the registrant (XON.10, or XON.3 of old: the
     * id the parts keep, {@link no.dhoindex.shared.xds.wire.Hl7v2Parts#organisation}). */
    private static void authorOrganisations(List<Author> authors, Registrant registrant, String what) {
        if (!registrant.checked()) {
            return;
        }
        for (Author author : authors) {
            for (Institution institution : author.institutions()) {
                AssigningAuthority a = institution.authority();
                if (a != null && (contains(a.universalId()) || contains(a.namespaceId()))) {
                    String orgnr = institution.id() == null ? "" : institution.id();
                    if (!orgnr.equals(registrant.orgnr())) {
                        throw new NotOwnPointers(what + " names author organisation " + orgnr + ", not "
                                + registrant.orgnr() + ", the organisation registering");
                    }
                }
            }
        }
    }

    private static boolean contains(String authority) {
        return authority != null && authority.contains(ORGNR_OID);
    }
}
