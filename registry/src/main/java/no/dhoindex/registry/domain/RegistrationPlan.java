package no.dhoindex.registry.domain;

import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.SubmissionSet;

/**
 * Everything one accepted submission changes: the new objects, the documents it deprecates
 * (RPLC, XFRM_RPLC) and the existing folders whose lastUpdateTime moves.
 */
public record RegistrationPlan(SubmissionSet submissionSet, List<DocumentPointer> documents, List<Folder> folders,
                               List<Association> associations, List<String> deprecatedDocumentUuids,
                               Map<String, String> folderLastUpdateTimes) {

    public RegistrationPlan {
        documents = List.copyOf(documents);
        folders = List.copyOf(folders);
        associations = List.copyOf(associations);
        deprecatedDocumentUuids = List.copyOf(deprecatedDocumentUuids);
        folderLastUpdateTimes = Map.copyOf(folderLastUpdateTimes);
    }
}
