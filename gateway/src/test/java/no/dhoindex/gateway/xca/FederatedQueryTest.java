package no.dhoindex.gateway.xca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.gateway.security.GatewayXua;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.RegistryObjectListType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryErrorList;
import org.w3c.dom.Element;

/** A refusal stays a refusal: the registry's ends the question, a community's is reported as refused. */
class FederatedQueryTest {

    private static final PatientId PATIENT = PatientId.nationalId("15077510041");
    private static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    private static final String SYKEHUS = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    private static final Caller ANNE = Caller.healthPersonnel("05076600324", "Anne Lege", "9144897", "974589095", "LE",
            "TREAT", PATIENT);

    /** Answers each source as scripted (by name; unnamed sources answer empty) and remembers who was asked. */
    private static final class ScriptedFanOut extends FanOut {
        final List<String> asked = new ArrayList<>();
        private final Map<String, SourceAnswer.Outcome> script;

        ScriptedFanOut(Map<String, SourceAnswer.Outcome> script) {
            this.script = script;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<SourceAnswer<T>> ask(List<Source<T>> sources, Duration overall, String correlationId) {
            List<SourceAnswer<T>> answers = new ArrayList<>();
            for (Source<T> s : sources) {
                asked.add(s.name());
                SourceAnswer.Outcome outcome = script.getOrDefault(s.name(), SourceAnswer.Outcome.ANSWERED);
                T value = outcome == SourceAnswer.Outcome.ANSWERED ? (T) empty() : null;
                answers.add(new SourceAnswer<>(s, value, outcome, outcome == SourceAnswer.Outcome.REFUSED
                        ? "refused access (HTTP 403)" : outcome == SourceAnswer.Outcome.ANSWERED ? null : "down",
                        Duration.ZERO));
            }
            return answers;
        }
    }

    private static AdhocQueryResponse empty() {
        AdhocQueryResponse response = new AdhocQueryResponse();
        response.setStatus(AnswerMerge.SUCCESS);
        response.setRegistryObjectList(new RegistryObjectListType());
        return response;
    }

    private static FederatedQuery gateway(ScriptedFanOut fanOut) {
        FederatedQuery query = new FederatedQuery();
        query.settings = new GatewaySettings() {
            @Override
            public URI registryUrl() {
                return URI.create("http://127.0.0.1:1/registry/services/registry");
            }

            @Override
            public Duration registryDeadline() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration overallDeadline() {
                return Duration.ofSeconds(2);
            }
        };
        query.directory = new CommunityDirectory() {
            @Override
            public List<Community> communities() {
                return List.of(community("kommune", KOMMUNE), community("sykehus", SYKEHUS));
            }
        };
        query.xua = new GatewayXua() {
            @Override
            public Optional<Element> forRegistry(Caller caller) {
                return Optional.empty();
            }

            @Override
            public Optional<Element> forCommunity(Caller caller, String homeCommunityId) {
                return Optional.empty();
            }
        };
        query.clients = new CommunityClients();
        query.fanOut = fanOut;
        return query;
    }

    private static Community community(String name, String home) {
        URI url = URI.create("http://127.0.0.1:1/adapters/" + name + "/services/xca");
        return new Community(name, home, url, url, Set.of(home.substring(8) + ".1"), Duration.ofSeconds(1), false, null);
    }

    private static AdhocQueryResponse ask(ScriptedFanOut fanOut) {
        return gateway(fanOut).ask(ANNE, XdsMessages.findDocuments(PATIENT, List.of(DocumentEntryType.STABLE), List.of()),
                "test");
    }

    @Test
    void aRegistryThatRefusesEndsTheQuestionAndNoCommunityIsAsked() {
        ScriptedFanOut fanOut = new ScriptedFanOut(Map.of("registry", SourceAnswer.Outcome.REFUSED));
        AccessDenied refusal = assertThrows(AccessDenied.class, () -> ask(fanOut));
        assertTrue(refusal.getMessage().contains("registry refused"), refusal.getMessage());
        assertEquals(List.of("registry"), fanOut.asked);
    }

    @Test
    void aRegistryThatIsDownStillLetsEveryCommunityBeAsked() {
        ScriptedFanOut fanOut = new ScriptedFanOut(Map.of("registry", SourceAnswer.Outcome.FAILED));
        ask(fanOut);
        assertEquals(List.of("registry", "kommune", "sykehus"), fanOut.asked);
    }

    @Test
    void aCommunityThatRefusesIsReportedAsRefusedNotUnavailable() {
        ScriptedFanOut fanOut = new ScriptedFanOut(Map.of("kommune", SourceAnswer.Outcome.REFUSED));
        AdhocQueryResponse response = ask(fanOut);
        assertEquals(List.of("registry", "kommune", "sykehus"), fanOut.asked);
        assertEquals(AnswerMerge.PARTIAL, response.getStatus());
        List<RegistryError> errors = Optional.ofNullable(response.getRegistryErrorList())
                .map(RegistryErrorList::getRegistryError).orElse(List.of());
        assertEquals(1, errors.size());
        assertEquals("XDSRegistryError", errors.get(0).getErrorCode());
        assertEquals(KOMMUNE, errors.get(0).getLocation());
        assertTrue(errors.get(0).getCodeContext().contains("refused access"), errors.get(0).getCodeContext());
    }
}
