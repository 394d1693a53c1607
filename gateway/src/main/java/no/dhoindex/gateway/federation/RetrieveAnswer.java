package no.dhoindex.gateway.federation;

import java.util.List;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.query.QueryAnswer;

/**
 * A retrieve's answer (ITI TF-2b 3.39.4.2): the documents returned, the errors, and the status they
 * add up to; {@code sources} what each community did (empty for one source's own answer).
 */
public record RetrieveAnswer(QueryAnswer.Status status, List<RetrievedDocument> documents, List<XdsError> errors,
                             List<SourceOutcome> sources) {

    public RetrieveAnswer {
        documents = List.copyOf(documents);
        errors = List.copyOf(errors);
        sources = List.copyOf(sources);
    }
}
