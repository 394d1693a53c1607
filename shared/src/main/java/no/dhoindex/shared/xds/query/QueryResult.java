package no.dhoindex.shared.xds.query;

import java.util.List;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.SubmissionSet;

/** What a stored query found, by kind of object. */
public record QueryResult(List<DocumentPointer> documents, List<SubmissionSet> submissionSets,
                          List<Folder> folders, List<Association> associations) {

    public static final QueryResult EMPTY = new QueryResult(List.of(), List.of(), List.of(), List.of());

    public QueryResult {
        documents = List.copyOf(documents);
        submissionSets = List.copyOf(submissionSets);
        folders = List.copyOf(folders);
        associations = List.copyOf(associations);
    }

    public int size() {
        return documents.size() + submissionSets.size() + folders.size() + associations.size();
    }
}
