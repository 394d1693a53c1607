package no.dhoindex.gateway.federation;

import static no.dhoindex.gateway.federation.FakeSources.ANNE;
import static no.dhoindex.gateway.federation.FakeSources.KOMMUNE;
import static no.dhoindex.gateway.federation.FakeSources.SYKEHUS;
import static no.dhoindex.gateway.federation.FakeSources.community;
import static no.dhoindex.gateway.federation.FakeSources.repository;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import no.dhoindex.gateway.TestClock;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.query.QueryAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A retrieve is routed by home, else by repository; what cannot be routed or answered is reported, located. */
class FederatedRetrievalTest {

    private final FanOut fanOut = new FanOut(8, 5, Duration.ofSeconds(10), new LocalBreakerStates(), new TestClock());
    private final FakeSources sources = new FakeSources();
    private final FederatedRetrieval retrieval = new FederatedRetrieval(() -> List.of(community("kommune", KOMMUNE),
            community("sykehus", SYKEHUS)), sources, fanOut, Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        fanOut.stop();
    }

    private static RetrieveAnswer one(String home, String uniqueId) {
        return new RetrieveAnswer(QueryAnswer.Status.SUCCESS, List.of(new RetrievedDocument(
                new DocumentRequest(home, repository(home), uniqueId), "text/plain", null)), List.of(), List.of());
    }

    @Test
    void documentsGoToTheCommunityTheirHomeOrElseTheirRepositoryNames() {
        sources.retrieves("sykehus", one(SYKEHUS, "1.2.1")).retrieves("kommune", one(KOMMUNE, "1.3.1"));
        RetrieveAnswer answer = retrieval.retrieve(ANNE, List.of(new DocumentRequest(SYKEHUS, null, "1.2.1"),
                new DocumentRequest(null, repository(KOMMUNE), "1.3.1")), "test");
        assertEquals(List.of("sykehus", "kommune"), sources.asked);
        assertEquals(QueryAnswer.Status.SUCCESS, answer.status());
        assertEquals(2, answer.documents().size());
    }

    @Test
    void anUnknownHomeOrRepositoryIsReportedWithItsOwnCodeAndNobodyIsAsked() {
        RetrieveAnswer answer = retrieval.retrieve(ANNE, List.of(new DocumentRequest("urn:oid:9.9", null, "1"),
                new DocumentRequest(null, "9.9.9", "2")), "test");
        assertEquals(List.of(), sources.asked);
        assertEquals(QueryAnswer.Status.FAILURE, answer.status());
        assertEquals(List.of(XdsError.error(XdsErrorCode.UNKNOWN_COMMUNITY, "No community known for document 1", "urn:oid:9.9"),
                XdsError.error(XdsErrorCode.UNKNOWN_REPOSITORY_ID, "No community known for document 2", "9.9.9")),
                answer.errors());
    }

    @Test
    void aRefusingCommunityIsARepositoryErrorAndASilentOneUnavailableBesideAnAnswer() {
        sources.refuses("kommune").retrieves("sykehus", one(SYKEHUS, "1.2.1"));
        RetrieveAnswer answer = retrieval.retrieve(ANNE, List.of(new DocumentRequest(SYKEHUS, null, "1.2.1"),
                new DocumentRequest(KOMMUNE, null, "1.3.1")), "test");
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.status());
        assertEquals(List.of(XdsErrorCode.REPOSITORY_ERROR), answer.errors().stream().map(XdsError::code).toList());
        assertEquals(KOMMUNE, answer.errors().get(0).location());

        FakeSources silent = new FakeSources().silent("kommune");
        RetrieveAnswer late = new FederatedRetrieval(() -> List.of(community("kommune", KOMMUNE)), silent, fanOut,
                Duration.ofSeconds(2)).retrieve(ANNE, List.of(new DocumentRequest(KOMMUNE, null, "1.3.1")), "test");
        assertEquals(QueryAnswer.Status.FAILURE, late.status());
        assertEquals(XdsErrorCode.UNAVAILABLE_COMMUNITY, late.errors().get(0).code());
    }
}
