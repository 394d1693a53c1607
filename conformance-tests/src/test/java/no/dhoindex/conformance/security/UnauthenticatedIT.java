package no.dhoindex.conformance.security;

import static no.dhoindex.conformance.security.Fixture.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static no.dhoindex.conformance.security.Named.dynamicTest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of every SOAP endpoint (from its WSDL) and every FHIR interaction (from the
 * CapabilityStatement), the access logs and the administration resources, called without any
 * credential: refused with 401 (a SOAP Fault, an OperationOutcome), with no data in the answer and
 * nothing stored. Only the service descriptions themselves (WSDL, metadata) are public.
 */
class UnauthenticatedIT {

    private static Fixture fixture;

    @BeforeAll
    static void data() {
        fixture = Fixture.get();
    }

    /** A request for an operation (by its action), and what must then still be absent. */
    record SoapCase(Function<URI, String> body, boolean mtom, Runnable nothingStored) {
    }

    private static final String ITI_61 = "urn:ihe:iti:2010:RegisterOnDemandDocumentEntry";

    /** The cases by input action; an endpoint's operation with an action not here fails the suite. */
    private static Map<String, SoapCase> cases() {
        Map<String, SoapCase> cases = new LinkedHashMap<>();
        SubmissionBuilder.Document registered = SubmissionBuilder.document();
        cases.put(XdsActions.ITI_42, new SoapCase(uri -> SubmissionBuilder.forPatient(A).add("Doc1", registered).build(),
                false, () -> notInRegistry(registered.uniqueId())));
        SubmissionBuilder.Document onDemand = SubmissionBuilder.document().onDemand();
        cases.put(ITI_61, new SoapCase(uri -> SubmissionBuilder.forPatient(A).add("Doc1", onDemand).build(),
                false, () -> notInRegistry(onDemand.uniqueId())));
        // Metadata updates: a new version of an entry of A's; refused before it is looked at, nothing stored.
        String logicalId = "urn:uuid:" + java.util.UUID.randomUUID();
        SubmissionBuilder.Document updated = SubmissionBuilder.document();
        cases.put(XdsActions.ITI_57, new SoapCase(uri -> SubmissionBuilder.forPatient(A)
                .addVersion("Doc1", updated, logicalId, "1").build(), false, () -> notInRegistry(updated.uniqueId())));
        SubmissionBuilder.Document restricted = SubmissionBuilder.document();
        cases.put(XdsActions.ITI_92, new SoapCase(uri -> SubmissionBuilder.forPatient(A)
                .addVersion("Doc1", restricted, logicalId, "1").build(), false,
                () -> notInRegistry(restricted.uniqueId())));
        cases.put(XdsActions.ITI_18, new SoapCase(uri -> QueryCatalogue.getAll(A).build(), false, () -> { }));
        cases.put(XdsActions.ITI_38, new SoapCase(uri -> QueryCatalogue.getAll(A).home(home(uri)).build(), false, () -> { }));
        Map<String, String> provided = Samples.singleDocumentDefaults(A);
        cases.put(XdsActions.ITI_41, new SoapCase(uri -> Samples.provideAndRegister(provided,
                "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0, "empty@dhoindex.no"), true,
                () -> {
                    notInRegistry(provided.get("documentUniqueId"));
                    notInRepository(provided.get("documentUniqueId"));
                }));
        cases.put(XdsActions.ITI_43, new SoapCase(uri -> retrieve(uri, false), false, () -> { }));
        cases.put(XdsActions.ITI_39, new SoapCase(uri -> retrieve(uri, true), false, () -> { }));
        // Removals aim at the hospital's document of patient A: after the refusal it is still registered and stored.
        cases.put(XdsActions.ITI_62, new SoapCase(uri -> removal(sykehusDocument().uuid()), false,
                () -> inRegistry(sykehusDocument().uniqueId())));
        cases.put(XdsActions.ITI_86, new SoapCase(uri -> removeDocuments(sykehusDocument().uniqueId()), false,
                () -> inRepository(sykehusDocument().uniqueId())));
        return cases;
    }

    static List<URI> soapEndpoints() {
        List<URI> endpoints = new ArrayList<>(List.of(SecurityStack.registry(), SecurityStack.gateway()));
        for (String org : SecurityStack.ORGANISATIONS) {
            endpoints.add(SecurityStack.repository(org));
            endpoints.add(SecurityStack.xca(org));
        }
        return endpoints;
    }

    @TestFactory
    List<DynamicTest> everySoapOperationWithoutCredentials() {
        Map<String, SoapCase> cases = cases();
        List<DynamicTest> tests = new ArrayList<>();
        for (URI endpoint : soapEndpoints()) {
            Operations.soap(endpoint).forEach((operation, action) -> tests.add(dynamicTest(endpoint.getPath() + " "
                    + operation, () -> {
                SoapCase c = cases.get(action);
                assertTrue(c != null, () -> "no unauthenticated case for " + operation + " (" + action + ") of " + endpoint);
                String body = c.body().apply(endpoint);
                Soap.Reply reply = c.mtom()
                        ? Mtom.call(endpoint, action, body, Map.of("empty@dhoindex.no", new byte[0]), Map.of())
                        : Soap.call(endpoint, action, body);
                assertEquals(401, reply.httpStatus(), reply::toString);
                assertTrue(reply.isFault(), reply::toString);
                assertEquals(0, Answers.objects(reply), reply::toString);
                c.nothingStored().run();
            })));
        }
        return tests;
    }

    /** The FHIR interactions of the gateway, each with its request; one the CapabilityStatement adds fails here. */
    private static Map<String, String> fhirCases() {
        String own = fixture.at("sykehus", A).documentIn(SecurityStack.SYKEHUS_REPOSITORY).orElseThrow().uniqueId();
        String patient = "patient.identifier=" + URLEncoder.encode("urn:oid:" + Samples.NATIONAL_ID_OID + "|" + A,
                StandardCharsets.UTF_8);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("DocumentReference search-type", "/gateway/fhir/DocumentReference?" + patient);
        cases.put("Observation search-type", "/gateway/fhir/Observation?" + patient);
        cases.put("AuditEvent search-type", "/gateway/fhir/AuditEvent?" + patient);
        cases.put("Binary read", "/gateway/fhir/Binary/sykehus." + own);
        cases.put("CarePlan search-type", "/gateway/fhir/CarePlan?" + patient);
        cases.put("MedicationStatement search-type", "/gateway/fhir/MedicationStatement?" + patient);
        cases.put("Observation read", "/gateway/fhir/Observation/kommune-1");
        cases.put("CarePlan read", "/gateway/fhir/CarePlan/kommune-1");
        cases.put("MedicationStatement read", "/gateway/fhir/MedicationStatement/kommune-1");
        cases.put("DocumentReference read", "/gateway/fhir/DocumentReference/" + java.util.UUID.randomUUID());
        return cases;
    }

    /** The server's description of itself (HAPI's OperationDefinitions beside the CapabilityStatement): public, no patient data. */
    private static Map<String, String> publicFhir() {
        return Map.of("OperationDefinition read", "/gateway/fhir/OperationDefinition/Observation-search");
    }

    @TestFactory
    List<DynamicTest> everyFhirInteractionWithoutCredentials() {
        Map<String, String> cases = fhirCases();
        List<DynamicTest> tests = new ArrayList<>();
        for (String interaction : Operations.fhir(SecurityStack.uri("/gateway/fhir"))) {
            tests.add(dynamicTest("/gateway/fhir " + interaction, () -> {
                if (publicFhir().containsKey(interaction)) {
                    HttpResponse<String> response = get(publicFhir().get(interaction));
                    assertTrue(!DATA.matcher(response.body()).find(), response::body);
                    return;
                }
                String path = cases.get(interaction);
                assertTrue(path != null, () -> "no unauthenticated case for the gateway's FHIR " + interaction);
                unauthorised(get(path));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> accessLogsAndAdministrationWithoutCredentials() {
        String patient = "?patient.identifier=" + URLEncoder.encode("urn:oid:" + Samples.NATIONAL_ID_OID + "|" + A,
                StandardCharsets.UTF_8);
        String unknown = SyntheticOther.next();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("registry AuditEvent search", () -> unauthorised(get("/registry/fhir/AuditEvent" + patient))));
        tests.add(dynamicTest("registry patient feed GET", () ->
                unauthorised(send("GET", "/registry/admin/patients/" + Fixture.OTHER_AUTHORITY + "/" + A))));
        tests.add(dynamicTest("registry patient feed PUT stores nothing", () -> {
            String path = "/registry/admin/patients/" + Fixture.OTHER_AUTHORITY + "/" + unknown;
            unauthorised(send("PUT", path));
            SystemCaller feeder = new SystemCaller(SecurityStack.uri("/trust"), SystemCaller.SYKEHUS_EHR,
                    SystemCaller.REGISTER);
            URI uri = SecurityStack.uri(path);
            HttpRequest.Builder lookUp = HttpRequest.newBuilder(uri).GET();
            feeder.headers("GET", uri).forEach(lookUp::header);
            assertEquals(404, Clinician.send(lookUp, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "an unauthenticated feed made the patient known");
        }));
        tests.add(dynamicTest("registry own documents GET", () -> unauthorised(send("GET", "/registry/admin/own/documents"))));
        tests.add(dynamicTest("registry own document deprecate POST", () -> unauthorised(send("POST",
                "/registry/admin/own/documents/urn:uuid:" + java.util.UUID.randomUUID() + "/deprecate"))));
        for (String org : SecurityStack.ORGANISATIONS) {
            String blocks = "/adapters/" + org + "/admin/blocks/" + Samples.NATIONAL_ID_OID + "/" + A;
            tests.add(dynamicTest(org + " AuditEvent search", () ->
                    unauthorised(get("/adapters/" + org + "/fhir/AuditEvent" + patient))));
            for (String type : List.of("Observation", "CarePlan", "MedicationStatement")) {
                tests.add(dynamicTest(org + " " + type + " search", () ->
                        unauthorised(get("/adapters/" + org + "/fhir/" + type + patient))));
                tests.add(dynamicTest(org + " " + type + " read", () ->
                        unauthorised(get("/adapters/" + org + "/fhir/" + type + "/1"))));
            }
            tests.add(dynamicTest(org + " MHD ITI-65 Provide Document Bundle stores nothing", () -> {
                // The demo's bundle (patient A): refused before it is read, its document neither registered nor stored.
                String bundle = java.nio.file.Files.readString(java.nio.file.Path.of("..", "demo", "provide-bundle.json"));
                String uniqueId = "2.25.276338157913346812264547932380114528911";
                assertTrue(bundle.contains(uniqueId), "the demo bundle's document id changed");
                unauthorised(Clinician.send(HttpRequest.newBuilder(SecurityStack.uri("/adapters/" + org + "/fhir"))
                        .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(bundle)), HttpResponse.BodyHandlers.ofString()));
                notInRegistry(uniqueId);
            }));
            tests.add(dynamicTest(org + " reconciliation GET", () ->
                    unauthorised(send("GET", "/adapters/" + org + "/admin/reconciliation"))));
            tests.add(dynamicTest(org + " reconciliation POST", () ->
                    unauthorised(send("POST", "/adapters/" + org + "/admin/reconciliation"))));
            tests.add(dynamicTest(org + " blocks GET", () -> unauthorised(send("GET", blocks))));
            tests.add(dynamicTest(org + " blocks DELETE", () -> unauthorised(send("DELETE", blocks))));
            tests.add(dynamicTest(org + " blocks PUT stores nothing", () -> {
                unauthorised(send("PUT", blocks));
                String client = org.equals("kommune") ? SystemCaller.KOMMUNE_EHR : SystemCaller.SYKEHUS_EHR;
                SystemCaller admin = new SystemCaller(SecurityStack.uri("/trust"), client, SystemCaller.ADMIN);
                URI uri = SecurityStack.uri(blocks);
                HttpRequest.Builder list = HttpRequest.newBuilder(uri).GET();
                admin.headers("GET", uri).forEach(list::header);
                HttpResponse<String> listed = Clinician.send(list, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, listed.statusCode(), listed::body);
                assertTrue(listed.body().contains("\"blockedFor\":[]"),
                        () -> "an unauthenticated PUT stored a block: " + listed.body());
            }));
        }
        return tests;
    }

    private static void unauthorised(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response::body);
        assertTrue(!DATA.matcher(response.body()).find() && !response.body().contains("blockedFor"),
                () -> "data in a refusal: " + response.body());
    }

    private static final java.util.regex.Pattern DATA = java.util.regex.Pattern.compile(
            "\"resourceType\"\\s*:\\s*\"(Bundle|AuditEvent|Observation|CarePlan|MedicationStatement|DocumentReference|Binary)\"");

    private static HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    private static HttpResponse<String> send(String method, String path) {
        return Clinician.send(HttpRequest.newBuilder(SecurityStack.uri(path)).header("Accept", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
    }

    private static void notInRegistry(String uniqueId) {
        Soap.Reply reply = Soap.callWithHeader(SecurityStack.registry(), XdsActions.ITI_18,
                StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId",
                        "('" + uniqueId + "')").objectRefs().build(), Fixture.xuaFor(A, XuaCaller.REGISTRY));
        assertTrue(reply.isSuccess(), reply::toString);
        assertEquals(0, reply.count("ObjectRef"), () -> "an unauthenticated call stored " + uniqueId + ": " + reply);
    }

    private static Holdings.Entry sykehusDocument() {
        return fixture.at("sykehus", A).documentIn(SecurityStack.SYKEHUS_REPOSITORY).orElseThrow();
    }

    private static String removal(String entryUuid) {
        return "<lcm:RemoveObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\" xmlns:rim=\""
                + "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:ObjectRefList><rim:ObjectRef id=\"" + entryUuid
                + "\"/></rim:ObjectRefList></lcm:RemoveObjectsRequest>";
    }

    private static String removeDocuments(String uniqueId) {
        return "<rmd:RemoveDocumentsRequest xmlns:rmd=\"urn:ihe:iti:rmd:2017\" xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">"
                + "<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>" + SecurityStack.SYKEHUS_REPOSITORY
                + "</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>" + uniqueId + "</xdsb:DocumentUniqueId>"
                + "</xdsb:DocumentRequest></rmd:RemoveDocumentsRequest>";
    }

    private static void inRegistry(String uniqueId) {
        Soap.Reply reply = Soap.callWithHeader(SecurityStack.registry(), XdsActions.ITI_18,
                StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS).slot("$XDSDocumentEntryUniqueId",
                        "('" + uniqueId + "')").objectRefs().build(), Fixture.xuaFor(A, XuaCaller.REGISTRY));
        assertEquals(1, reply.count("ObjectRef"), () -> "an unauthenticated call removed " + uniqueId + ": " + reply);
    }

    private static void inRepository(String uniqueId) {
        Soap.Reply reply = Soap.callWithHeader(SecurityStack.repository("sykehus"), XdsActions.ITI_43,
                Samples.retrieve(null, SecurityStack.SYKEHUS_REPOSITORY, uniqueId),
                Fixture.xuaFor(A, SecurityStack.SYKEHUS_HOME));
        assertTrue(reply.isSuccess(), () -> "an unauthenticated call removed " + uniqueId + " from the repository: " + reply);
    }

    private static void notInRepository(String uniqueId) {
        Soap.Reply reply = Soap.callWithHeader(SecurityStack.repository("sykehus"), XdsActions.ITI_43,
                Samples.retrieve(null, SecurityStack.SYKEHUS_REPOSITORY, uniqueId),
                Fixture.xuaFor(A, SecurityStack.SYKEHUS_HOME));
        assertTrue(reply.errorCodes().contains("XDSDocumentUniqueIdError"),
                () -> "an unauthenticated call stored " + uniqueId + " in the repository: " + reply);
    }

    private static String home(URI endpoint) {
        return SecurityStack.home(endpoint.getPath().contains("/kommune/") ? "kommune" : "sykehus");
    }

    private static String retrieve(URI endpoint, boolean withHome) {
        String org = endpoint.getPath().contains("/kommune/") ? "kommune" : "sykehus";
        String repository = SecurityStack.repositoryUniqueId(org);
        String own = fixture.at(org, A).documentIn(repository).orElseThrow().uniqueId();
        return Samples.retrieve(withHome || endpoint.getPath().startsWith("/gateway") ? SecurityStack.home(org) : null,
                repository, own);
    }

    /** Ids under a non-national authority that nobody has fed. */
    private static final class SyntheticOther {
        static String next() {
            return "X" + Long.toString(System.nanoTime(), 36).toUpperCase();
        }
    }
}
