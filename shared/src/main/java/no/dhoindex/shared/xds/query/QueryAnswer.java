package no.dhoindex.shared.xds.query;

import java.util.List;
import java.util.Objects;
import no.dhoindex.shared.xds.error.XdsError;

/**
 * A stored query's answer as ITI-18 / ITI-38 return it (ITI TF-2a 3.18.4.1.3, ITI TF-2b 3.38.4.1.3):
 * what was found, the errors and warnings reported, and the status they add up to.
 */
public record QueryAnswer(Status status, QueryResult result, List<XdsError> errors) {

    public enum Status { SUCCESS, PARTIAL_SUCCESS, FAILURE }

    public QueryAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        errors = List.copyOf(errors);
    }

    public static QueryAnswer success(QueryResult result) {
        return new QueryAnswer(Status.SUCCESS, result, List.of());
    }
}
