package no.dhoindex.conformance.security;

import static no.dhoindex.conformance.security.Fixture.A;
import static no.dhoindex.conformance.security.Fixture.B;
import static no.dhoindex.conformance.security.Fixture.OTHER_AUTHORITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static no.dhoindex.conformance.security.Named.dynamicTest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cross-patient matrix: with a credential bound to patient A, every stored query of the catalogue
 * (LeafClass and ObjectRef, by patient, entryUUID and uniqueId) and every retrieve and FHIR read aimed
 * at patient B's objects, at the registry, each responding gateway and repository, and the gateway.
 * B's objects must be absent, answered exactly as objects that do not exist; the same question about
 * A's own objects must find them, so that every case can fail.
 */
class CrossPatientIT {

    /** Where a stored query is asked: its endpoint, action, whose holdings it answers from, and A's credential. */
    record QuerySource(String name, URI endpoint, String action, String holdings, String home,
                       BiFunction<URI, String, Soap.Reply> askAsA) {
    }

    private static Fixture fixture;

    @BeforeAll
    static void data() {
        fixture = Fixture.get();
    }

    static List<QuerySource> querySources() {
        List<QuerySource> sources = new ArrayList<>();
        sources.add(new QuerySource("registry ITI-18", SecurityStack.registry(), XdsActions.ITI_18, "registry", null,
                (uri, body) -> Soap.callWithHeader(uri, XdsActions.ITI_18, body, Fixture.xuaFor(A, XuaCaller.REGISTRY))));
        for (String org : SecurityStack.ORGANISATIONS) {
            String home = SecurityStack.home(org);
            sources.add(new QuerySource(org + " ITI-38", SecurityStack.xca(org), XdsActions.ITI_38, org, home,
                    (uri, body) -> Soap.callWithHeader(uri, XdsActions.ITI_38, body, Fixture.xuaFor(A, home))));
        }
        sources.add(new QuerySource("gateway ITI-18", SecurityStack.gateway(), XdsActions.ITI_18, "registry", null,
                (uri, body) -> Clinician.ANNE.soap(uri, XdsActions.ITI_18, body, A)));
        return sources;
    }

    @Test
    void theCatalogueCoversEveryStoredQuery() {
        assertEquals(List.of(), QueryCatalogue.uncovered(), "stored queries without a case in the security matrix");
        // Every case must be asked at the registry: the fixture holds every kind of object for both patients.
        for (QueryCatalogue.Case c : QueryCatalogue.CASES) {
            for (String patient : List.of(A, B)) {
                assertTrue(c.build(fixture.at("registry", patient), false, null).isPresent(),
                        () -> c.name() + " has no target in the registry's holdings for " + patient);
            }
        }
    }

    @TestFactory
    List<DynamicTest> everyStoredQueryAtEverySource() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> foreign = fixture.markers(B);
        for (QuerySource source : querySources()) {
            // A responding gateway keeps DocumentEntries only: it is asked about the registry's submission sets,
            // folders and associations around its documents too, and must not answer those for B either.
            boolean documentsOnly = !source.holdings().equals("registry");
            Holdings own = documentsOnly ? fixture.at(source.holdings(), A).withContext(fixture.at("registry", A))
                    : fixture.at(source.holdings(), A);
            Holdings theirs = documentsOnly ? fixture.at(source.holdings(), B).withContext(fixture.at("registry", B))
                    : fixture.at(source.holdings(), B);
            for (QueryCatalogue.Case c : QueryCatalogue.CASES) {
                for (boolean objectRefs : List.of(false, true)) {
                    Optional<String> ownQuery = c.build(own, objectRefs, source.home());
                    Optional<String> theirQuery = c.build(theirs, objectRefs, source.home());
                    if (ownQuery.isEmpty() || theirQuery.isEmpty()) {
                        continue; // this source keeps no such object (e.g. a municipality's folders)
                    }
                    String name = source.name() + ": " + c.name() + (objectRefs ? " (ObjectRef)" : " (LeafClass)");
                    // The gateway drops the registry's copies of a community's documents (the community's own
                    // answer, under its sharing rules, is what counts) and communities keep no associations: its
                    // GetRelatedDocuments has nothing to show even for A — as ObjectRefs too, since the gateway asks
                    // its sources for whole objects and reduces the merged answer. Asked, without the control.
                    boolean gatewayRelated = source.name().startsWith("gateway")
                            && c.kind() == no.dhoindex.shared.xds.query.StoredQuery.GetRelatedDocuments.class;
                    boolean control = documentsOnly ? c.answersWithDocuments() : !gatewayRelated;
                    tests.add(dynamicTest(name, () -> {
                        if (control) {
                            Answers.finds(source.askAsA().apply(source.endpoint(), ownQuery.get()));
                        }
                        Soap.Reply answer = source.askAsA().apply(source.endpoint(), theirQuery.get());
                        if (c.namesPatient()) {
                            Answers.refusedOrEmpty(answer, foreign);
                        } else {
                            String nothing = c.build(QueryCatalogue.nonexistent(theirs), objectRefs, source.home()).get();
                            Answers.likeNonexistent(answer, source.askAsA().apply(source.endpoint(), nothing), foreign);
                        }
                    }));
                }
            }
        }
        return tests;
    }

    /** Where a document is retrieved: endpoint, action, and the retrieve request for a document id. */
    record RetrieveSource(String name, URI endpoint, String organisation,
                          BiFunction<URI, String, Soap.Reply> askAsA, boolean withHome) {
    }

    static List<RetrieveSource> retrieveSources() {
        List<RetrieveSource> sources = new ArrayList<>();
        for (String org : SecurityStack.ORGANISATIONS) {
            String home = SecurityStack.home(org);
            sources.add(new RetrieveSource(org + " repository ITI-43", SecurityStack.repository(org), org,
                    (uri, body) -> Soap.callWithHeader(uri, XdsActions.ITI_43, body, Fixture.xuaFor(A, home)), false));
            sources.add(new RetrieveSource(org + " ITI-39", SecurityStack.xca(org), org,
                    (uri, body) -> Soap.callWithHeader(uri, XdsActions.ITI_39, body, Fixture.xuaFor(A, home)), true));
            sources.add(new RetrieveSource("gateway ITI-43 of " + org + "'s document", SecurityStack.gateway(), org,
                    (uri, body) -> Clinician.ANNE.soap(uri, XdsActions.ITI_43, body, A), true));
        }
        return sources;
    }

    @TestFactory
    List<DynamicTest> everyRetrieve() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> foreign = fixture.markers(B);
        for (RetrieveSource source : retrieveSources()) {
            String repository = SecurityStack.repositoryUniqueId(source.organisation());
            String home = source.withHome() ? SecurityStack.home(source.organisation()) : null;
            String own = fixture.at(source.organisation(), A).documentIn(repository).orElseThrow().uniqueId();
            String theirs = fixture.at(source.organisation(), B).documentIn(repository).orElseThrow().uniqueId();
            tests.add(dynamicTest(source.name(), () -> {
                Answers.finds(source.askAsA().apply(source.endpoint(), Samples.retrieve(home, repository, own)));
                Soap.Reply answer = source.askAsA().apply(source.endpoint(), Samples.retrieve(home, repository, theirs));
                Soap.Reply nothing = source.askAsA().apply(source.endpoint(),
                        Samples.retrieve(home, repository, Samples.uniqueId()));
                Answers.likeNonexistent(answer, nothing, foreign);
                assertTrue(answer.errorCodes().contains("XDSDocumentUniqueIdError"), answer::toString);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyFhirReadAndSearch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String org : SecurityStack.ORGANISATIONS) {
            String repository = SecurityStack.repositoryUniqueId(org);
            String own = fixture.at(org, A).documentIn(repository).orElseThrow().uniqueId();
            String theirs = fixture.at(org, B).documentIn(repository).orElseThrow().uniqueId();
            tests.add(dynamicTest("gateway FHIR Binary of " + org + "'s document", () -> {
                HttpResponse<String> mine = Clinician.ANNE.get(binary(org, own), A);
                assertEquals(200, mine.statusCode(), mine::body);
                HttpResponse<String> answer = Clinician.ANNE.get(binary(org, theirs), A);
                HttpResponse<String> nothing = Clinician.ANNE.get(binary(org, Samples.uniqueId()), A);
                assertEquals(nothing.statusCode(), answer.statusCode(), () -> "B's document answered unlike a "
                        + "non-existent one: " + answer.body() + "\n--- non-existent: " + nothing.body());
                assertTrue(answer.body().indexOf(B) < 0, answer::body);
            }));
        }
        for (String resource : List.of("DocumentReference", "Observation")) {
            tests.add(dynamicTest("gateway FHIR " + resource + " search naming B", () -> {
                HttpResponse<String> mine = Clinician.ANNE.get(search(resource, Samples.NATIONAL_ID_OID, A), A);
                assertEquals(200, mine.statusCode(), mine::body);
                assertTrue(mine.body().contains("\"entry\""), () -> "A's own " + resource + "s not found: " + mine.body());
                refusedOrEmptyBundle(Clinician.ANNE.get(search(resource, Samples.NATIONAL_ID_OID, B), A));
            }));
            tests.add(dynamicTest("gateway FHIR " + resource + " search, A's digits under another authority", () ->
                    refusedOrEmptyBundle(Clinician.ANNE.get(search(resource, OTHER_AUTHORITY, A), A))));
        }
        return tests;
    }

    /** The same digits under another authority are another person: a credential for A does not reach them, nor back. */
    @TestFactory
    List<DynamicTest> sameDigitsUnderAnotherAuthority() {
        Set<String> aOwn = fixture.markers(A);
        String otherA = A + "^^^&amp;" + OTHER_AUTHORITY + "&amp;ISO";
        String otherACx = A + "^^^&" + OTHER_AUTHORITY + "&ISO";
        String queryForOtherA = no.dhoindex.testsupport.StoredQueryBuilder.query(
                        no.dhoindex.testsupport.StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + otherA + "'")
                .slot("$XDSDocumentEntryStatus", QueryCatalogue.ALL_STATUSES).build();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("registry: XUA for A asks about A's digits under another authority", () ->
                Answers.refusedOrEmpty(Soap.callWithHeader(SecurityStack.registry(), XdsActions.ITI_18, queryForOtherA,
                        Fixture.xuaFor(A, XuaCaller.REGISTRY)), aOwn)));
        tests.add(dynamicTest("registry: XUA for A's digits under another authority asks about A", () ->
                Answers.refusedOrEmpty(Soap.callWithHeader(SecurityStack.registry(), XdsActions.ITI_18,
                        QueryCatalogue.CASES.get(0).build(fixture.at("registry", A), false, null).get(),
                        Fixture.xuaForCx(otherACx, XuaCaller.REGISTRY)), aOwn)));
        tests.add(dynamicTest("gateway ITI-18: a token for A asks about A's digits under another authority", () ->
                Answers.refusedOrEmpty(Clinician.ANNE.soap(SecurityStack.gateway(), XdsActions.ITI_18, queryForOtherA, A),
                        aOwn)));
        for (String org : SecurityStack.ORGANISATIONS) {
            String home = SecurityStack.home(org);
            String repository = SecurityStack.repositoryUniqueId(org);
            tests.add(dynamicTest(org + " ITI-38: XUA for A's digits under another authority asks about A", () ->
                    Answers.refusedOrEmpty(Soap.callWithHeader(SecurityStack.xca(org), XdsActions.ITI_38,
                            QueryCatalogue.CASES.get(0).build(fixture.at(org, A), false, home).get(),
                            Fixture.xuaForCx(otherACx, home)), aOwn)));
            tests.add(dynamicTest(org + " ITI-43: XUA for A's digits under another authority retrieves A's document", () -> {
                String own = fixture.at(org, A).documentIn(repository).orElseThrow().uniqueId();
                Soap.Reply answer = Soap.callWithHeader(SecurityStack.repository(org), XdsActions.ITI_43,
                        Samples.retrieve(null, repository, own), Fixture.xuaForCx(otherACx, home));
                Answers.carriesNone(answer, aOwn);
                assertTrue(answer.isFault() || !answer.errorCodes().isEmpty(), answer::toString);
            }));
        }
        return tests;
    }

    private static void refusedOrEmptyBundle(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            assertTrue(!DATA.matcher(response.body()).find(), () -> "another patient's resources in " + response.body());
        } else {
            assertTrue(response.statusCode() == 403 || response.statusCode() == 404, () -> response.statusCode() + " "
                    + response.body());
            assertTrue(response.body().contains("OperationOutcome"), response::body);
        }
    }

    private static final java.util.regex.Pattern DATA =
            java.util.regex.Pattern.compile("\"resourceType\"\\s*:\\s*\"(Observation|DocumentReference)\"");

    private static URI binary(String organisation, String uniqueId) {
        return SecurityStack.uri("/gateway/fhir/Binary/" + organisation + "." + uniqueId);
    }

    private static URI search(String resource, String authority, String fnr) {
        return SecurityStack.uri("/gateway/fhir/" + resource + "?patient.identifier="
                + URLEncoder.encode("urn:oid:" + authority + "|" + fnr, StandardCharsets.UTF_8));
    }
}
