package no.dhoindex.adapters.it;

import static no.dhoindex.adapters.it.AdapterStack.SYKEHUS_REPOSITORY;
import static no.dhoindex.adapters.it.RespondingGatewayIT.SYKEHUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A source answers for the patient of the caller's assertion and for nothing else: with an
 * assertion about patient A (or about B's digits under another authority), B's entries are not
 * found by id at the responding gateway, a Find about B is refused, and B's document is not
 * retrieved at the responding gateway or the repository, answered exactly like an unknown uniqueId.
 */
class PatientBindingIT {

    private static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    /** Another assigning authority than the national id's: B's digits under it are another person. */
    private static final String OTHER_AUTHORITY = "2.16.578.1.12.4.1.4.99";

    /** An assertion of the tests' gateway about the patient {@code cx} (authority and id). */
    private static String header(String cx) {
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT",
                "LE", cx, SYKEHUS);
        return XuaCaller.header(AdapterStack.xua().assertion(claims, SYKEHUS, Duration.ofMinutes(5)));
    }

    private static String national(String fnr) {
        return fnr + "^^^&" + Samples.NATIONAL_ID_OID + "&ISO";
    }

    /** Callers bound to another patient than B: A, and B's digits under another authority. */
    private static final Map<String, String> NOT_B = Map.of("patient A", national(Samples.PATIENT_A),
            "B's digits under another authority", Samples.PATIENT_B + "^^^&" + OTHER_AUTHORITY + "&ISO");

    private static Soap.Reply xca(String action, String body, String cx) {
        return Soap.callWithHeader(AdapterStack.uri("/adapters/sykehus/services/xca"), action, body, header(cx));
    }

    private static Soap.Reply repository(String body, String cx) {
        return Soap.callWithHeader(AdapterStack.uri("/adapters/sykehus/services/repository"), XdsActions.ITI_43, body,
                header(cx));
    }

    /** A document of patient B at the hospital: its uniqueId and entryUUID. */
    private static RegistryPointers.Pointer documentOfB() throws Exception {
        String uniqueId = RespondingGatewayIT.provided(Samples.PATIENT_B, "N",
                ("<notat>" + Samples.uniqueId() + "</notat>").getBytes(StandardCharsets.UTF_8));
        Soap.Reply found = RespondingGatewayIT.findDocuments("sykehus", Samples.PATIENT_B, STABLE);
        return RegistryPointers.pointers(found).stream().filter(p -> uniqueId.equals(p.uniqueId())).findFirst()
                .orElseThrow(() -> new AssertionError("B's own assertion finds B's document: " + found));
    }

    /** The ITI-38 queries that select by id, for one document. */
    private static Map<String, String> byIdQueries(RegistryPointers.Pointer d) {
        Function<String, StoredQueryBuilder> q = id -> StoredQueryBuilder.query(id).home(SYKEHUS);
        String uuid = "('" + d.entryUuid() + "')";
        String uniqueId = "('" + d.uniqueId() + "')";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("GetDocuments by entryUUID", q.apply(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryEntryUUID", uuid).build());
        queries.put("GetDocuments by uniqueId", q.apply(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", uniqueId).build());
        queries.put("GetDocuments as ObjectRefs", q.apply(StoredQueryBuilder.GET_DOCUMENTS).objectRefs()
                .slot("$XDSDocumentEntryEntryUUID", uuid).build());
        queries.put("GetDocumentsAndAssociations", q.apply(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS)
                .slot("$XDSDocumentEntryUniqueId", uniqueId).build());
        // These two name one document (a single value, not a list).
        queries.put("GetRelatedDocuments", q.apply(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                .slot("$XDSDocumentEntryEntryUUID", "'" + d.entryUuid() + "'")
                .slot("$AssociationTypes", "('urn:ihe:iti:2007:AssociationType:RPLC')").build());
        queries.put("GetFoldersForDocument", q.apply(StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT)
                .slot("$XDSDocumentEntryUniqueId", "'" + d.uniqueId() + "'").build());
        return queries;
    }

    @Test
    void byIdQueriesForAnotherPatientsEntryFindNothing() throws Exception {
        RegistryPointers.Pointer b = documentOfB();
        Map<String, String> queries = byIdQueries(b);
        for (String found : List.of("GetDocuments by entryUUID", "GetDocuments by uniqueId", "GetDocuments as ObjectRefs",
                "GetDocumentsAndAssociations")) {
            Soap.Reply own = xca(XdsActions.ITI_38, queries.get(found), national(Samples.PATIENT_B));
            assertTrue(own.isSuccess() && own.text().contains(b.entryUuid()), found + " for B itself: " + own);
        }
        for (var caller : NOT_B.entrySet()) {
            for (var query : queries.entrySet()) {
                Soap.Reply reply = xca(XdsActions.ITI_38, query.getValue(), caller.getValue());
                String what = query.getKey() + " by " + caller.getKey() + ": " + reply;
                assertTrue(reply.isSuccess(), what);
                assertTrue(reply.errorCodes().isEmpty(), what);
                assertEquals(0, reply.count("ExtrinsicObject") + reply.count("ObjectRef"), what);
                assertFalse(reply.text().contains(b.entryUuid()), what);
            }
        }
    }

    @Test
    void aFindAboutAnotherPatientIsRefused() throws Exception {
        String aboutB = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(Samples.PATIENT_B) + "'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
        for (var caller : NOT_B.entrySet()) {
            Soap.Reply reply = xca(XdsActions.ITI_38, aboutB, caller.getValue());
            assertEquals(403, reply.httpStatus(), caller.getKey() + ": " + reply);
            assertTrue(reply.isFault() && reply.faultReason().contains("not bound to the patient"),
                    caller.getKey() + ": " + reply);
        }
        assertTrue(AdapterStack.log().contains("outcome=refused check=patient-binding"), "the refusal is logged");
        // ... and is in the hospital's access log of the patient it was about, for B to see.
        assertTrue(SourceAccessLogIT.events(SourceAccessLogIT.read("sykehus", Samples.PATIENT_B,
                        SourceAccessLogIT.gateway("sykehus"))).stream()
                .anyMatch(e -> e.getOutcome() == org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome._4
                        && e.getOutcomeDesc().startsWith("ITI-38 Cross Gateway Query refused")
                        && e.getOutcomeDesc().contains("not bound to the patient")), "in B's access log");
    }

    @Test
    void anotherPatientsDocumentIsRetrievedNowhereAndAnsweredAsUnknown() throws Exception {
        RegistryPointers.Pointer b = documentOfB();
        String unknown = Samples.uniqueId();
        Soap.Reply own39 = xca(XdsActions.ITI_39, Samples.retrieve(SYKEHUS, SYKEHUS_REPOSITORY, b.uniqueId()),
                national(Samples.PATIENT_B));
        assertTrue(own39.isSuccess() && Mtom.documents(own39).containsKey(b.uniqueId()), own39::toString);
        Soap.Reply own43 = repository(Samples.retrieve(null, SYKEHUS_REPOSITORY, b.uniqueId()), national(Samples.PATIENT_B));
        assertTrue(own43.isSuccess() && Mtom.documents(own43).containsKey(b.uniqueId()), own43::toString);
        for (var caller : NOT_B.entrySet()) {
            Soap.Reply unknown39 = xca(XdsActions.ITI_39, Samples.retrieve(SYKEHUS, SYKEHUS_REPOSITORY, unknown),
                    caller.getValue());
            Soap.Reply others39 = xca(XdsActions.ITI_39, Samples.retrieve(SYKEHUS, SYKEHUS_REPOSITORY, b.uniqueId()),
                    caller.getValue());
            assertAnsweredAsUnknown(unknown39, unknown, others39, b.uniqueId(), "ITI-39 by " + caller.getKey());
            Soap.Reply unknown43 = repository(Samples.retrieve(null, SYKEHUS_REPOSITORY, unknown), caller.getValue());
            Soap.Reply others43 = repository(Samples.retrieve(null, SYKEHUS_REPOSITORY, b.uniqueId()), caller.getValue());
            assertAnsweredAsUnknown(unknown43, unknown, others43, b.uniqueId(), "ITI-43 by " + caller.getKey());
        }
    }

    /** The answer about another patient's document is the answer about a uniqueId that exists nowhere. */
    private static void assertAnsweredAsUnknown(Soap.Reply unknown, String unknownId, Soap.Reply other, String otherId,
                                                String what) {
        assertEquals(Soap.FAILURE, other.status(), what + ": " + other);
        assertEquals(List.of("XDSDocumentUniqueIdError"), other.errorCodes(), what + ": " + other);
        assertTrue(Mtom.documents(other).isEmpty(), what + ": " + other);
        assertEquals(unknown.httpStatus(), other.httpStatus(), what);
        assertEquals(errors(unknown).replace(unknownId, "<id>"), errors(other).replace(otherId, "<id>"), what);
    }

    private static String errors(Soap.Reply reply) {
        StringBuilder s = new StringBuilder(reply.status());
        for (Element e : reply.elements(Soap.RS, "RegistryError")) {
            s.append('|').append(e.getAttribute("errorCode")).append('|').append(e.getAttribute("severity"))
                    .append('|').append(e.getAttribute("codeContext")).append('|').append(e.getAttribute("location"));
        }
        return s.toString();
    }
}
