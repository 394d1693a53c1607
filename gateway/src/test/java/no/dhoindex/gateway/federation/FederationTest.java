package no.dhoindex.gateway.federation;

import static no.dhoindex.gateway.federation.FakeSources.ANNE;
import static no.dhoindex.gateway.federation.FakeSources.KOMMUNE;
import static no.dhoindex.gateway.federation.FakeSources.PATIENT;
import static no.dhoindex.gateway.federation.FakeSources.SYKEHUS;
import static no.dhoindex.gateway.federation.FakeSources.community;
import static no.dhoindex.gateway.federation.FakeSources.document;
import static no.dhoindex.gateway.federation.FakeSources.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.gateway.TestClock;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.StoredQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The federation's rules with fake ports, a real fan-out and a clock the test moves: whom it asks
 * after the registry, what a refusal or an outage becomes, how answers merge.
 */
class FederationTest {

    private static final StoredQuery FIND = new StoredQuery.FindDocuments(PATIENT,
            DocumentFilter.approved(Set.of(DocumentEntryType.STABLE), CodeFilter.ANY));
    private static final int BREAKER_THRESHOLD = 2;
    private static final Duration BREAKER_OPEN = Duration.ofSeconds(10);

    private final TestClock clock = new TestClock();
    private final FanOut fanOut = new FanOut(8, BREAKER_THRESHOLD, BREAKER_OPEN, new LocalBreakerStates(), clock);
    private final FakeSources sources = new FakeSources();
    private List<Community> communities = List.of(community("kommune", KOMMUNE), community("sykehus", SYKEHUS));

    @AfterEach
    void stop() {
        fanOut.stop();
    }

    private FederatedAnswer ask() {
        return new Federation(() -> communities, sources, fanOut, Duration.ofMillis(500), Duration.ofSeconds(2), clock)
                .ask(ANNE, FIND, "test");
    }

    private static Optional<XdsError> error(FederatedAnswer answer, String location) {
        return answer.answer().errors().stream().filter(e -> location.equals(e.location())).findFirst();
    }

    @Test
    void aRegistryThatRefusesEndsTheQuestionAndNoCommunityIsAsked() {
        sources.refuses("registry");
        AccessDenied refusal = assertThrows(AccessDenied.class, this::ask);
        assertTrue(refusal.getMessage().contains("registry refused"), refusal.getMessage());
        assertEquals(List.of("registry"), sources.asked);
    }

    @Test
    void aRegistryThatIsDownLetsEveryCommunityBeAskedAndIsReportedAsNotAvailable() {
        sources.fails("registry").answers("sykehus", found(document("1.2.1", SYKEHUS, "20260101")));
        FederatedAnswer answer = ask();
        assertEquals(List.of("registry", "kommune", "sykehus"), sources.asked);
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
        assertEquals(XdsErrorCode.REGISTRY_NOT_AVAILABLE, error(answer, "registry").orElseThrow().code());
        assertEquals(List.of("1.2.1"), answer.answer().result().documents().stream().map(DocumentPointer::uniqueId).toList());
    }

    @Test
    void aCommunityThatRefusesIsReportedAsRefusedNotUnavailable() {
        sources.refuses("kommune");
        FederatedAnswer answer = ask();
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
        assertEquals(1, answer.answer().errors().size());
        XdsError refused = error(answer, KOMMUNE).orElseThrow();
        assertEquals(XdsErrorCode.REGISTRY_ERROR, refused.code());
        assertTrue(refused.context().contains("refused access (HTTP 403)"), refused.context());
        assertEquals(SourceAnswer.Outcome.REFUSED, answer.sources().get(1).outcome());
    }

    @Test
    void theRegistrysPointersNarrowTheQuestionToTheCommunitiesHoldingThem() {
        sources.answers("registry", found(document("1.2.1", SYKEHUS, "20260101")));
        ask();
        assertEquals(List.of("registry", "sykehus"), sources.asked);
    }

    @Test
    void anAlwaysAskedCommunityIsAskedWhateverTheRegistrySays() {
        Community region = new Community("region", "urn:oid:2.16.578.1.12.4.1.7.9", community("region", KOMMUNE).queryUrl(),
                null, Set.of(), Duration.ofMillis(500), true, null, null);
        communities = List.of(community("kommune", KOMMUNE), community("sykehus", SYKEHUS), region);
        sources.answers("registry", found(document("1.2.1", SYKEHUS, "20260101")));
        ask();
        assertEquals(List.of("registry", "sykehus", "region"), sources.asked);
    }

    @Test
    void theRegistrysCopyOfACommunitysPointerIsDroppedEvenWhenTheCommunityIsDown() {
        sources.answers("registry", found(document("1.2.1", SYKEHUS, "20260101"))).fails("sykehus");
        FederatedAnswer answer = ask();
        assertEquals(List.of(), answer.answer().result().documents());
        assertEquals(XdsErrorCode.UNAVAILABLE_COMMUNITY, error(answer, SYKEHUS).orElseThrow().code());
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
    }

    @Test
    void theRegistrySpeaksForARepositoryNoCommunityHolds() {
        String elsewhere = "urn:oid:2.16.578.1.12.4.1.7.1.99";
        sources.answers("registry", found(document("1.99.1", elsewhere, "20260101")));
        FederatedAnswer answer = ask();
        assertEquals(List.of("1.99.1"), answer.answer().result().documents().stream().map(DocumentPointer::uniqueId).toList());
        assertEquals(QueryAnswer.Status.SUCCESS, answer.answer().status());
    }

    @Test
    void answersMergeOnceByUniqueIdNewestFirstEachWithTheHomeItCameFrom() {
        sources.answers("kommune", found(document("1.3.1", KOMMUNE, "20260301"), document("shared.1", KOMMUNE, "20260201")))
                .answers("sykehus", found(document("shared.1", SYKEHUS, "20260201"), document("1.2.1", SYKEHUS, "20260401")));
        FederatedAnswer answer = ask();
        List<DocumentPointer> documents = answer.answer().result().documents();
        assertEquals(List.of("1.2.1", "1.3.1", "shared.1"), documents.stream().map(DocumentPointer::uniqueId).toList());
        assertEquals(List.of(SYKEHUS, KOMMUNE, KOMMUNE), documents.stream().map(d -> d.id().homeCommunityId()).toList());
        assertEquals(QueryAnswer.Status.SUCCESS, answer.answer().status());
    }

    @Test
    void aCommunitysOwnErrorsAreKeptAndLocatedThere() {
        sources.answers("kommune", XdsError.error(XdsErrorCode.TOO_MANY_RESULTS, "more than 1000", null),
                document("1.3.1", KOMMUNE, "20260301"));
        FederatedAnswer answer = ask();
        XdsError error = error(answer, KOMMUNE).orElseThrow();
        assertEquals(XdsErrorCode.TOO_MANY_RESULTS, error.code());
        assertEquals(List.of(error), answer.sources().get(1).reported());
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
        assertEquals(1, answer.answer().result().documents().size());
    }

    @Test
    void aCommunityThatDoesNotAnswerWithinItsDeadlineIsAGapTheOthersStillFill() {
        sources.silent("kommune").answers("sykehus", found(document("1.2.1", SYKEHUS, "20260101")));
        FederatedAnswer answer = ask();
        assertEquals(SourceAnswer.Outcome.TIMED_OUT, answer.sources().get(1).outcome());
        assertEquals(XdsErrorCode.UNAVAILABLE_COMMUNITY, error(answer, KOMMUNE).orElseThrow().code());
        assertEquals(List.of("1.2.1"), answer.answer().result().documents().stream().map(DocumentPointer::uniqueId).toList());
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
    }

    @Test
    void noSourceAnsweringIsAFailure() {
        sources.fails("registry").fails("kommune").fails("sykehus");
        FederatedAnswer answer = ask();
        assertEquals(QueryAnswer.Status.FAILURE, answer.answer().status());
        assertEquals(3, answer.answer().errors().size());
    }

    @Test
    void everySourceIsAskedForTheExplicitCaller() {
        ask();
        assertEquals(List.of(ANNE, ANNE, ANNE), sources.callers);
    }

    @Test
    void aCommunityThatKeepsFailingIsSkippedUntilItsBreakerMayProbeAgain() {
        sources.fails("kommune");
        for (int i = 0; i < BREAKER_THRESHOLD; i++) {
            assertEquals(SourceAnswer.Outcome.FAILED, ask().sources().get(1).outcome());
        }
        assertEquals(SourceAnswer.Outcome.SKIPPED, ask().sources().get(1).outcome());
        clock.advance(BREAKER_OPEN);
        sources.answers("kommune", found());
        assertEquals(SourceAnswer.Outcome.ANSWERED, ask().sources().get(1).outcome());
        assertEquals(SourceAnswer.Outcome.ANSWERED, ask().sources().get(1).outcome());
    }

    @Test
    void aCommunityWhoseAnswerCannotBeReadIsAMetadataErrorThereAndTheOthersStillMerge() {
        sources.unreadable("kommune", "DocumentEntry urn:uuid:1 of the answer has no patientId")
                .answers("sykehus", found(document("1.2.1", SYKEHUS, "20260101")));
        for (int i = 0; i < BREAKER_THRESHOLD + 1; i++) {
            FederatedAnswer answer = ask();
            assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
            XdsError unreadable = error(answer, KOMMUNE).orElseThrow();
            assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, unreadable.code());
            assertTrue(unreadable.context().contains("has no patientId"), unreadable.context());
            assertEquals(Optional.of(XdsErrorCode.REGISTRY_METADATA_ERROR), answer.sources().get(1).error());
            assertEquals(List.of("1.2.1"), answer.answer().result().documents().stream()
                    .map(DocumentPointer::uniqueId).toList());
            // It answered, wrongly: not an outage, so its breaker stays closed and it is asked again.
            assertEquals(SourceAnswer.Outcome.ANSWERED, answer.sources().get(1).outcome());
        }
    }

    @Test
    void aCommunityAnsweringAnotherPatientsEntryIsNotMergedAtAllAndTheOthersStillAre() {
        DocumentPointer ours = document("1.3.1", KOMMUNE, "20260102");
        DocumentPointer theirs = document("1.3.2", KOMMUNE, "20260103");
        PatientId other = PatientId.nationalId("01017012345");
        theirs = new DocumentPointer(theirs.id(), theirs.status(), theirs.type(), other, theirs.codes(),
                theirs.provenance(), theirs.location(), null, null, List.of(), java.util.Map.of());
        sources.answers("kommune", found(ours, theirs)).answers("sykehus", found(document("1.2.1", SYKEHUS, "20260101")));
        FederatedAnswer answer = ask();
        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
        assertEquals(List.of("1.2.1"), answer.answer().result().documents().stream().map(DocumentPointer::uniqueId).toList());
        XdsError refused = error(answer, KOMMUNE).orElseThrow();
        assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refused.code());
        assertTrue(refused.context().contains("another patient") && !refused.context().contains(other.id()),
                refused.context());
    }

    @Test
    void anEntryNamingNoPatientIsNotTheAskedPatients() {
        DocumentPointer d = document("1.3.1", KOMMUNE, "20260102");
        sources.answers("kommune", found(new DocumentPointer(d.id(), d.status(), d.type(), null, d.codes(),
                d.provenance(), d.location(), null, null, List.of(), java.util.Map.of())));
        FederatedAnswer answer = ask();
        assertTrue(answer.answer().result().documents().isEmpty());
        assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, error(answer, KOMMUNE).orElseThrow().code());
    }
}
