package no.dhoindex.shared.xds.wire;

import java.util.Objects;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.query.QueryAnswer;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * A source's stored query answer as {@link QueryAnswerReader} read it off the wire, handed back by a client's data
 * binding where its port declares an AdhocQueryResponse: the domain answer, or the refusal of an answer that could not
 * be read (given to the caller by {@link XdsMessages#readAnswer}, as the JAXB path refuses it). It holds no JAXB
 * content: read it only through {@link XdsMessages#readAnswer}.
 */
public final class ReadQueryResponse extends AdhocQueryResponse {

    private final transient QueryAnswer answer;
    private final transient XdsRefusal refusal;

    private ReadQueryResponse(QueryAnswer answer, XdsRefusal refusal) {
        this.answer = answer;
        this.refusal = refusal;
    }

    public static ReadQueryResponse read(QueryAnswer answer) {
        return new ReadQueryResponse(Objects.requireNonNull(answer, "answer"), null);
    }

    public static ReadQueryResponse refused(XdsRefusal refusal) {
        return new ReadQueryResponse(null, Objects.requireNonNull(refusal, "refusal"));
    }

    /** The answer; the refusal, when it could not be read. */
    QueryAnswer answer() {
        if (refusal != null) {
            throw refusal;
        }
        return answer;
    }
}
