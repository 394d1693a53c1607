package no.dhoindex.gateway.federation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;

/**
 * Scripted sources for the federation's unit tests: each source (by name; the registry is
 * "registry") answers what it is given, refuses (HTTP 403), fails, or never answers; every source
 * remembers who asked it what.
 */
final class FakeSources implements FederationSources {

    static final PatientId PATIENT = PatientId.nationalId("15077510041");
    static final Caller ANNE = Caller.healthPersonnel("05076600324", "Anne Lege", "9144897", "974589095", "LE",
            "TREAT", PATIENT);
    static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    static final String SYKEHUS = "urn:oid:2.16.578.1.12.4.1.7.1.2";

    /** Never counted down: a source scripted {@link #silent} waits here until the fan-out gives up on it. */
    private final CountDownLatch never = new CountDownLatch(1);
    private final Map<String, Callable<QueryAnswer>> answers = new HashMap<>();
    private final Map<String, Callable<RetrieveAnswer>> retrievals = new HashMap<>();
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final List<Caller> callers = Collections.synchronizedList(new ArrayList<>());

    static Community community(String name, String home) {
        URI url = URI.create("http://127.0.0.1:1/adapters/" + name + "/services/xca");
        return new Community(name, home, url, url, Set.of(repository(home)), Duration.ofMillis(500), false, null, null);
    }

    static String repository(String home) {
        return home.substring("urn:oid:".length()) + ".1";
    }

    /** A stable, approved pointer of the patient's, in the community's repository, created at {@code dtm}. */
    static DocumentPointer document(String uniqueId, String home, String dtm) {
        return new DocumentPointer(new RegistryObjectId("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(uniqueId.getBytes()),
                uniqueId, null, null, null), AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, PATIENT,
                new DocumentCodes(null, null, null, null, null, List.of(), List.of()),
                new Provenance(List.of(), null, dtm, null, null, null, null),
                new DocumentLocation(repository(home), "text/plain", null, null, null, null, null), null, null,
                List.of(), Map.of());
    }

    static QueryAnswer found(DocumentPointer... documents) {
        return QueryAnswer.success(new QueryResult(List.of(documents), List.of(), List.of(), List.of()));
    }

    FakeSources answers(String source, QueryAnswer answer) {
        answers.put(source, () -> answer);
        return this;
    }

    FakeSources answers(String source, XdsError error, DocumentPointer... documents) {
        QueryAnswer answer = new QueryAnswer(documents.length == 0 ? QueryAnswer.Status.FAILURE
                : QueryAnswer.Status.PARTIAL_SUCCESS, found(documents).result(), List.of(error));
        answers.put(source, () -> answer);
        return this;
    }

    /** The source's answer cannot be read into the domain: what the ebXML edge throws for it. */
    FakeSources unreadable(String source, String reason) {
        answers.put(source, () -> {
            throw new no.dhoindex.shared.xds.error.XdsRefusal(
                    no.dhoindex.shared.xds.error.XdsErrorCode.REGISTRY_METADATA_ERROR, reason);
        });
        return this;
    }

    FakeSources refuses(String source) {
        answers.put(source, () -> {
            throw new jakarta.xml.ws.http.HTTPException(403);
        });
        retrievals.put(source, () -> {
            throw new jakarta.xml.ws.http.HTTPException(403);
        });
        return this;
    }

    FakeSources fails(String source) {
        answers.put(source, () -> {
            throw new java.net.ConnectException("Connection refused");
        });
        retrievals.put(source, () -> {
            throw new java.net.ConnectException("Connection refused");
        });
        return this;
    }

    FakeSources silent(String source) {
        answers.put(source, () -> {
            never.await();
            return found();
        });
        retrievals.put(source, () -> {
            never.await();
            return null;
        });
        return this;
    }

    FakeSources retrieves(String source, RetrieveAnswer answer) {
        retrievals.put(source, () -> answer);
        return this;
    }

    @Override
    public QueryPort registry() {
        return port("registry");
    }

    @Override
    public QueryPort community(Community community) {
        return port(community.name());
    }

    private QueryPort port(String name) {
        return (caller, query, correlationId) -> {
            asked.add(name);
            callers.add(caller);
            return answers.getOrDefault(name, () -> found());
        };
    }

    @Override
    public RetrievePort retrieval(Community community) {
        return (caller, documents, correlationId) -> {
            asked.add(community.name());
            callers.add(caller);
            return retrievals.getOrDefault(community.name(), () -> new RetrieveAnswer(QueryAnswer.Status.SUCCESS,
                    List.of(), List.of(), List.of()));
        };
    }
}
