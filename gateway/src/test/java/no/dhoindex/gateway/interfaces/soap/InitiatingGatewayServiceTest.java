package no.dhoindex.gateway.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.federation.FederatedRetrieval;
import no.dhoindex.gateway.federation.FederationSources;
import no.dhoindex.gateway.federation.QueryPort;
import no.dhoindex.gateway.federation.RetrieveAnswer;
import no.dhoindex.gateway.federation.RetrievePort;
import no.dhoindex.gateway.security.GatewayCaller;
import no.dhoindex.gateway.security.GatewayTrust;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.trust.Attestation;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.wire.StreamedQueryResponse;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.interceptor.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * The SOAP front door's access rule: the caller is checked (and a refusal recorded) before any source is asked; the
 * grant is written to the access log while the sources are asked (ITI-18 and ITI-43), and the answer is given only
 * once it is stored; a grant that cannot be stored fails the request with the XDS error it always got.
 */
class InitiatingGatewayServiceTest {

    private static final PatientId A = PatientId.nationalId("15077510041");
    private static final PatientId B = PatientId.nationalId("23059110047");
    private static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";

    private final FanOut fanOut = new FanOut(8, 2, Duration.ofSeconds(10), new LocalBreakerStates(), Clock.systemUTC());
    /** Every source asked, by name, in the order asked ("registry" first). */
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch sourceAsked = new CountDownLatch(1);
    private final Log log = new Log();
    private final InitiatingGatewayService service = new InitiatingGatewayService(
            new Federation(() -> List.of(community()), new Sources(), fanOut, Duration.ofSeconds(2),
                    Duration.ofSeconds(4), Clock.systemUTC()),
            new FederatedRetrieval(() -> List.of(community()), new Sources(), fanOut, Duration.ofSeconds(4)),
            new PatientAccess(new Required(), log));

    @AfterEach
    void stop() {
        fanOut.stop();
    }

    @Test
    void aCallerAskingAboutAnotherPatientIsRefusedAndRecordedBeforeAnySourceIsAsked() {
        refusedBeforeAnySourceIsAsked(() -> service.registryStoredQuery(findDocuments(B),
                request(List.of(A)), "c-1"));
        assertEquals(B, log.records.get(0).patient());
    }

    @Test
    void aCallerBoundToNobodyAskingByIdIsRefusedAndRecordedBeforeAnySourceIsAsked() {
        refusedBeforeAnySourceIsAsked(() -> service.registryStoredQuery(getDocuments(),
                request(List.of(A, B)), "c-2"));
    }

    @Test
    void theGrantIsWrittenWhileTheSourcesAreAskedAndTheAnswerWaitsForIt() {
        log.whileWriting = this::untilASourceIsAsked;
        AdhocQueryResponse answer = service.registryStoredQuery(findDocuments(A), request(List.of(A)), "c-3");
        assertInstanceOf(StreamedQueryResponse.class, answer);
        // Before, the grant was stored first, in the asking thread: it waited in vain for the registry to be asked.
        assertTrue(log.writtenWhileAsked, "the grant is written while the sources are asked");
        assertEquals(List.of(AccessRecord.Outcome.GRANTED), log.outcomes(), "the answer is given once it is stored");
        assertEquals(List.of("registry", "kommune"), asked);
    }

    @Test
    void theGrantOfAQuestionByIdIsWrittenWhileTheSourcesAreAsked() {
        log.whileWriting = this::untilASourceIsAsked;
        AdhocQueryResponse answer = service.registryStoredQuery(getDocuments(), request(List.of(A)), "c-4");
        assertInstanceOf(StreamedQueryResponse.class, answer);
        assertTrue(log.writtenWhileAsked, "the grant is written while the sources are asked");
        assertEquals(List.of(AccessRecord.Outcome.GRANTED), log.outcomes());
        assertEquals(A, log.records.get(0).patient(), "asked by id: recorded for the caller's patient");
    }

    @Test
    void aGrantThatCannotBeStoredFailsTheQueryWithTheRegistryErrorAndNothingInternal() {
        log.whileWriting = () -> {
            throw new IllegalStateException("jdbc:h2:file:/secret/gateway disk full");
        };
        for (AdhocQueryRequest query : List.of(findDocuments(A), getDocuments())) {
            AdhocQueryResponse answer = service.registryStoredQuery(query, request(List.of(A)), "c-5");
            assertFalse(answer instanceof StreamedQueryResponse, "no answer is given");
            assertEquals("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure", answer.getStatus());
            var error = answer.getRegistryErrorList().getRegistryError().get(0);
            assertEquals("XDSRegistryError", error.getErrorCode());
            assertEquals("The gateway could not answer the query (correlation c-5)", error.getCodeContext());
        }
        assertTrue(log.records.isEmpty());
    }

    @Test
    void aCallerBoundToNobodyRetrievingIsRefusedAndRecordedBeforeAnySourceIsAsked() {
        refusedBeforeAnySourceIsAsked(() -> service.retrieveDocumentSet(retrieve("1.2.578.1.1"),
                request(List.of(A, B)), "c-6"));
    }

    @Test
    void theGrantsOfARetrieveAreWrittenWhileTheSourcesAreAskedOnePerDocument() {
        log.whileWriting = this::untilASourceIsAsked;
        RetrieveDocumentSetResponseType answer = service.retrieveDocumentSet(retrieve("1.2.578.1.1", "1.2.578.1.2"),
                request(List.of(A)), "c-7");
        assertEquals("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success", answer.getRegistryResponse().getStatus());
        // Before, each grant was stored first, in the asking thread: it waited in vain for the community to be asked.
        assertTrue(log.writtenWhileAsked, "the grants are written while the sources are asked");
        assertEquals(List.of("ITI-43 RetrieveDocumentSet 1.2.578.1.1", "ITI-43 RetrieveDocumentSet 1.2.578.1.2"),
                log.records.stream().map(AccessRecord::action).toList());
        assertEquals(List.of("kommune retrieve"), asked);
    }

    @Test
    void aRetrieveWhoseGrantCannotBeStoredFailsWithTheRepositoryErrorAndNothingInternal() {
        log.whileWriting = () -> {
            throw new IllegalStateException("jdbc:h2:file:/secret/gateway disk full");
        };
        RetrieveDocumentSetResponseType answer = service.retrieveDocumentSet(retrieve("1.2.578.1.1"),
                request(List.of(A)), "c-8");
        assertEquals("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure", answer.getRegistryResponse().getStatus());
        var error = answer.getRegistryResponse().getRegistryErrorList().getRegistryError().get(0);
        assertEquals("XDSRepositoryError", error.getErrorCode());
        assertEquals("The gateway could not retrieve (correlation c-8)", error.getCodeContext());
        assertTrue(log.records.isEmpty());
    }

    /** A 403 SOAP fault, its refusal recorded, and no source asked. */
    private void refusedBeforeAnySourceIsAsked(Executable call) {
        Fault refused = assertThrows(Fault.class, call);
        assertEquals(403, refused.getStatusCode());
        assertEquals(List.of(), asked);
        assertEquals(List.of(AccessRecord.Outcome.REFUSED), log.outcomes());
    }

    /** The record's write waits (bounded) for a source to be asked: only a write running alongside sees it. */
    private void untilASourceIsAsked() {
        try {
            log.writtenWhileAsked = sourceAsked.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AdhocQueryRequest findDocuments(PatientId patient) {
        return XdsMessages.findDocuments(patient, List.of(DocumentEntryType.STABLE), List.of());
    }

    private static RetrieveDocumentSetRequestType retrieve(String... uniqueIds) {
        RetrieveDocumentSetRequestType request = new RetrieveDocumentSetRequestType();
        for (String uniqueId : uniqueIds) {
            RetrieveDocumentSetRequestType.DocumentRequest d = new RetrieveDocumentSetRequestType.DocumentRequest();
            d.setHomeCommunityId(KOMMUNE);
            d.setRepositoryUniqueId("2.16.578.1.12.4.1.7.1.3.1");
            d.setDocumentUniqueId(uniqueId);
            request.getDocumentRequest().add(d);
        }
        return request;
    }

    private static AdhocQueryRequest getDocuments() {
        return XdsMessages.getDocuments(List.of("1.2.578.1.1"));
    }

    private static Community community() {
        URI url = URI.create("http://127.0.0.1:1/adapters/kommune/services/xca");
        return new Community("kommune", KOMMUNE, url, url, Set.of("2.16.578.1.12.4.1.7.1.3.1"), Duration.ofSeconds(2),
                false, null, null);
    }

    /** The HTTP request as {@link no.dhoindex.gateway.security.CallerGate} leaves it: a verified token's caller. */
    private static HttpServletRequest request(List<PatientId> attested) {
        Attestation attestation = new Attestation(
                new Attestation.Practitioner("05076600324", "Anne Lege", "9144897", "LE", "974589095", null, null),
                new Attestation.CareRelation("KP01", null, "TREAT", null, null, false), attested);
        VerifiedCaller verified = new VerifiedCaller("jti", "05076600324", "05076600324", "9144897", "ehr-demo", "EHR",
                "999999999", null, Set.of("nhn:dho-index/read"), 4, attestation, "jkt", Instant.now().plusSeconds(60));
        return (HttpServletRequest) Proxy.newProxyInstance(InitiatingGatewayServiceTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class},
                (proxy, method, args) -> "getAttribute".equals(method.getName())
                        && GatewayCaller.VERIFIED_CALLER.equals(args[0]) ? verified : null);
    }

    /** Security on, as in every deployment. */
    private static final class Required extends GatewayTrust {
        @Override
        public boolean required() {
            return true;
        }
    }

    /** The access log, in memory: {@link #whileWriting} runs in each write before the record counts as stored. */
    private static final class Log extends AccessLog {
        final List<AccessRecord> records = Collections.synchronizedList(new ArrayList<>());
        volatile Runnable whileWriting = () -> { };
        volatile boolean writtenWhileAsked;

        @Override
        public void record(AccessRecord r) {
            if (r.outcome() == AccessRecord.Outcome.GRANTED) {
                whileWriting.run();
            }
            records.add(r);
        }

        List<AccessRecord.Outcome> outcomes() {
            return records.stream().map(AccessRecord::outcome).toList();
        }
    }

    /** The registry and one community, each answering at once with nothing (a retrieve too); each remembers being asked. */
    private final class Sources implements FederationSources {
        @Override
        public QueryPort registry() {
            return (caller, query, correlationId) -> () -> {
                asked.add("registry");
                sourceAsked.countDown();
                return QueryAnswer.success(new QueryResult(List.of(), List.of(), List.of(), List.of()));
            };
        }

        @Override
        public QueryPort community(Community community) {
            return (caller, query, correlationId) -> () -> {
                asked.add(community.name());
                return QueryAnswer.success(new QueryResult(List.of(), List.of(), List.of(), List.of()));
            };
        }

        @Override
        public RetrievePort retrieval(Community community) {
            return (caller, documents, correlationId) -> () -> {
                asked.add(community.name() + " retrieve");
                sourceAsked.countDown();
                return new RetrieveAnswer(QueryAnswer.Status.SUCCESS, List.of(), List.of(), List.of());
            };
        }
    }
}
