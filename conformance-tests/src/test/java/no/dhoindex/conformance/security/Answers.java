package no.dhoindex.conformance.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.dhoindex.testsupport.Soap;
import org.w3c.dom.Element;

/** What the suite asserts about an answer: which objects it carries, and its shape beside another answer's. */
final class Answers {

    static final String XDSB = "urn:ihe:iti:xds-b:2007";
    private static final List<String> OBJECTS = List.of("ExtrinsicObject", "RegistryPackage", "Association", "ObjectRef");

    private Answers() {
    }

    /** The ids (entryUUIDs, uniqueIds) of every object and every retrieved document in an answer. */
    static Set<String> carried(Soap.Reply reply) {
        Set<String> ids = new LinkedHashSet<>();
        for (String kind : OBJECTS) {
            for (Element e : reply.elements(Soap.RIM, kind)) {
                ids.add(e.getAttribute("id"));
                var identifiers = e.getElementsByTagNameNS(Soap.RIM, "ExternalIdentifier");
                for (int i = 0; i < identifiers.getLength(); i++) {
                    ids.add(((Element) identifiers.item(i)).getAttribute("value"));
                }
            }
        }
        for (Element e : reply.elements(XDSB, "DocumentResponse")) {
            var uid = e.getElementsByTagNameNS(XDSB, "DocumentUniqueId");
            if (uid.getLength() > 0) {
                ids.add(uid.item(0).getTextContent().trim());
            }
        }
        return ids;
    }

    static int objects(Soap.Reply reply) {
        int n = 0;
        for (String kind : OBJECTS) {
            n += reply.count(kind);
        }
        return n + reply.elements(XDSB, "DocumentResponse").size();
    }

    /** Nothing of {@code foreign} in the answer, and no server error. */
    static void carriesNone(Soap.Reply reply, Set<String> foreign) {
        Set<String> leaked = new LinkedHashSet<>(carried(reply));
        leaked.retainAll(foreign);
        assertTrue(leaked.isEmpty(), () -> "another patient's objects " + leaked + " in " + reply);
        assertTrue(reply.httpStatus() < 500, () -> "a server error instead of a clean answer: " + reply);
    }

    /** A question about another patient: refused, or answered with nothing. */
    static void refusedOrEmpty(Soap.Reply reply, Set<String> foreign) {
        carriesNone(reply, foreign);
        if (!reply.isFault() && objects(reply) > 0) {
            fail("objects in an answer to a question about another patient: " + reply);
        }
    }

    /** The answer's shape: status, error codes, object counts: what tells "exists" from "does not". */
    static List<Object> shape(Soap.Reply reply) {
        List<Object> shape = new ArrayList<>();
        shape.add(reply.httpStatus());
        shape.add(reply.isFault());
        shape.add(reply.status());
        shape.add(List.copyOf(new java.util.TreeSet<>(reply.errorCodes())));
        for (String kind : OBJECTS) {
            shape.add(kind + "=" + reply.count(kind));
        }
        shape.add("DocumentResponse=" + reply.elements(XDSB, "DocumentResponse").size());
        return shape;
    }

    /** Another patient's object answered exactly as one that does not exist. */
    static void likeNonexistent(Soap.Reply foreign, Soap.Reply nonexistent, Set<String> foreignIds) {
        carriesNone(foreign, foreignIds);
        assertEquals(shape(nonexistent), shape(foreign),
                () -> "another patient's object is answered unlike a non-existent one: " + foreign
                        + "\n--- non-existent: " + nonexistent);
    }

    /** The control: the caller's own objects are found (so the matrix can fail). */
    static void finds(Soap.Reply reply) {
        assertTrue(reply.isSuccess() && objects(reply) > 0, () -> "the caller's own objects not found: " + reply);
    }
}
