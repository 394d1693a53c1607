package no.dhoindex.shared.xds.wire;

import java.util.Objects;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.ReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * A stored query's answer handed to CXF as the domain answer it is: an endpoint's operation returns it where its
 * port declares an AdhocQueryResponse, and {@code no.dhoindex.shared.soap.StreamedAnswers} writes it with
 * {@link QueryAnswerWriter} instead of JAXB. It holds no JAXB content: only an endpoint whose port uses that data
 * binding may return it (JAXB would write an empty answer).
 */
public final class StreamedQueryResponse extends AdhocQueryResponse {

    private final transient QueryAnswer answer;
    private final transient ReturnType returnType;

    public StreamedQueryResponse(QueryAnswer answer, ReturnType returnType) {
        this.answer = Objects.requireNonNull(answer, "answer");
        this.returnType = Objects.requireNonNull(returnType, "returnType");
    }

    public QueryAnswer answer() {
        return answer;
    }

    public ReturnType returnType() {
        return returnType;
    }
}
