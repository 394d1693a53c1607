package no.dhoindex.shared.xds.model;

import java.util.List;
import java.util.Objects;

/** Everything one ITI-42 / ITI-41 message asks the registry to store, all or nothing. */
public record Submission(SubmissionSet submissionSet, List<DocumentPointer> documents, List<Folder> folders,
                         List<Association> associations) {

    public Submission {
        Objects.requireNonNull(submissionSet, "submissionSet");
        documents = List.copyOf(documents);
        folders = List.copyOf(folders);
        associations = List.copyOf(associations);
    }
}
