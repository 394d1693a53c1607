package no.dhoindex.gateway.federation;

import java.util.Objects;

/**
 * One document asked for in a retrieve (ITI-43 / ITI-39, ITI TF-2b 3.39.4.1.2): by uniqueId, in a
 * repository, at a community; home or repository may be missing from what a caller sent.
 */
public record DocumentRequest(String homeCommunityId, String repositoryUniqueId, String documentUniqueId) {

    public DocumentRequest {
        Objects.requireNonNull(documentUniqueId, "documentUniqueId");
    }
}
