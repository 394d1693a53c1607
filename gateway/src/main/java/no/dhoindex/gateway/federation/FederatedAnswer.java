package no.dhoindex.gateway.federation;

import java.util.List;
import no.dhoindex.shared.xds.query.QueryAnswer;

/** The merged answer of a federated question and what each source (the registry first) did. */
public record FederatedAnswer(QueryAnswer answer, List<SourceOutcome> sources) {

    public FederatedAnswer {
        sources = List.copyOf(sources);
    }
}
