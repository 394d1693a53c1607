package no.dhoindex.conformance.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import no.dhoindex.conformance.kit.Xml;
import org.w3c.dom.Element;

/**
 * The kit's {@code <ExpectedContents>} of a stored-query response: exact object counts and the
 * toolkit's named shapes (SSwithOneDoc, DocApp, …). Anything this class does not know is
 * reported as unsupported, never passed.
 */
public final class ExpectedContents {

    static final String SUBMISSION_SET = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    static final String FOLDER = "urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2";
    static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

    private final List<Element> objects;
    private final List<Element> documents = new ArrayList<>();
    private final List<Element> submissionSets = new ArrayList<>();
    private final List<Element> folders = new ArrayList<>();
    private final List<Element> associations = new ArrayList<>();
    private final List<Element> objectRefs = new ArrayList<>();

    /** @param response the AdhocQueryResponse element */
    public ExpectedContents(Element response) {
        Element list = response == null ? null : Xml.child(response, "RegistryObjectList");
        this.objects = list == null ? List.of() : Xml.children(list);
        Set<String> ssIds = new HashSet<>();
        Set<String> folderIds = new HashSet<>();
        for (Element o : objects) {
            for (Element c : Xml.descendants(o, "Classification")) {
                String node = c.getAttribute("classificationNode");
                String target = c.getAttribute("classifiedObject");
                if (SUBMISSION_SET.equals(node)) {
                    ssIds.add(target.isEmpty() ? o.getAttribute("id") : target);
                } else if (FOLDER.equals(node)) {
                    folderIds.add(target.isEmpty() ? o.getAttribute("id") : target);
                }
            }
        }
        for (Element o : objects) {
            switch (o.getLocalName()) {
                case "ExtrinsicObject" -> documents.add(o);
                case "Association" -> associations.add(o);
                case "ObjectRef" -> objectRefs.add(o);
                case "RegistryPackage" -> {
                    if (ssIds.contains(o.getAttribute("id"))) {
                        submissionSets.add(o);
                    } else if (folderIds.contains(o.getAttribute("id"))) {
                        folders.add(o);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * Checks every expectation; returns what failed (empty when all hold).
     *
     * @param useId the value a {@code UseId} element inside an expectation refers to (MustOnlyInclude)
     * @throws UnsupportedElement for an expectation the runner does not know
     */
    public List<String> check(Element expected, Function<Element, String> useId) {
        List<String> failures = new ArrayList<>();
        for (Element e : Xml.children(expected)) {
            String name = e.getLocalName();
            switch (name) {
                case "Documents" -> count(failures, name, e, documents.size());
                case "SubmissionSets" -> count(failures, name, e, submissionSets.size());
                case "Folders" -> count(failures, name, e, folders.size());
                case "Associations" -> count(failures, name, e, associations.size());
                case "ObjectRefs" -> count(failures, name, e, objectRefs.size());
                case "None" -> expect(failures, objects.isEmpty(), "None: expected no objects, got " + objects.size());
                case "SSwithOneDoc" -> shape(failures, name, 1, 1, 0);
                case "SSwithTwoDoc" -> shape(failures, name, 1, 2, 0);
                case "SSwithOneFol" -> shape(failures, name, 1, 0, 1);
                case "SSwithOneDocOneFol" -> shape(failures, name, 1, 1, 1);
                case "SSwithTwoDocOneFol" -> shape(failures, name, 1, 2, 1);
                case "SSwithTwoDocOneFolOneDocInFol" -> {
                    shape(failures, name, 1, 2, 1);
                    long inFolder = associations.stream().filter(a -> !folders.isEmpty()
                            && folders.get(0).getAttribute("id").equals(a.getAttribute("sourceObject"))).count();
                    expect(failures, inFolder == 1, name + ": expected 1 document in the folder, got " + inFolder);
                }
                case "DocApp" -> allHaveStatus(failures, name, documents, APPROVED, noneExpected(expected, "Documents"));
                case "DocDep" -> allHaveStatus(failures, name, documents, DEPRECATED, noneExpected(expected, "Documents"));
                case "SSApproved" -> allHaveStatus(failures, name, submissionSets, APPROVED,
                        noneExpected(expected, "SubmissionSets"));
                case "FolApp" -> allHaveStatus(failures, name, folders, APPROVED, noneExpected(expected, "Folders"));
                case "OneDocApp" -> oneWithStatus(failures, name, APPROVED);
                case "OneDocDep" -> oneWithStatus(failures, name, DEPRECATED);
                case "HasXFRM" -> expect(failures, associations.stream().anyMatch(a -> a.getAttribute("associationType")
                        .endsWith(":XFRM")), "HasXFRM: no XFRM association returned");
                case "HasXFRM_RPLC" -> expect(failures, associations.stream().anyMatch(a -> a.getAttribute(
                        "associationType").endsWith(":XFRM_RPLC")), "HasXFRM_RPLC: no XFRM_RPLC association returned");
                case "DocumentEntries" -> documentEntries(failures, e, useId);
                default -> throw new UnsupportedElement("ExpectedContents/" + name);
            }
        }
        return failures;
    }

    private void documentEntries(List<String> failures, Element e, Function<Element, String> useId) {
        for (Element rule : Xml.children(e)) {
            if (!"MustOnlyInclude".equals(rule.getLocalName())) {
                throw new UnsupportedElement("ExpectedContents/DocumentEntries/" + rule.getLocalName());
            }
            Set<String> expectedIds = new HashSet<>();
            for (Element entry : Xml.children(rule, "DocumentEntry")) {
                Element reference = Xml.child(entry, "UseId");
                if (reference == null) {
                    throw new UnsupportedElement("ExpectedContents/DocumentEntries/MustOnlyInclude/DocumentEntry without UseId");
                }
                String id = useId.apply(reference);
                expectedIds.add(id);
                Element type = Xml.child(entry, "DocumentEntryType");
                documents.stream().filter(d -> d.getAttribute("id").equals(id)).forEach(d -> expect(failures,
                        type == null || type.getTextContent().strip().equals(d.getAttribute("objectType")),
                        "DocumentEntry " + id + " has objectType " + d.getAttribute("objectType")));
            }
            Set<String> actual = new HashSet<>();
            documents.forEach(d -> actual.add(d.getAttribute("id")));
            expect(failures, actual.equals(expectedIds), "MustOnlyInclude: expected " + expectedIds + ", got " + actual);
        }
    }

    private void shape(List<String> failures, String name, int ss, int docs, int fols) {
        expect(failures, submissionSets.size() == ss && documents.size() == docs && folders.size() == fols,
                name + ": expected " + ss + " submission set(s), " + docs + " document(s), " + fols
                        + " folder(s); got " + submissionSets.size() + ", " + documents.size() + ", " + folders.size());
    }

    private void oneWithStatus(List<String> failures, String name, String status) {
        long n = documents.stream().filter(d -> status.equals(d.getAttribute("status"))).count();
        expect(failures, n == 1, name + ": expected exactly one document " + status + ", got " + n);
    }

    /** Whether the plan's same expectations say there are none of this kind (count="0"). */
    private static boolean noneExpected(Element expected, String kind) {
        Element count = Xml.child(expected, kind);
        return count != null && "0".equals(count.getAttribute("count").strip());
    }

    /**
     * Every object of the kind has the status. With nothing returned the check has nothing to hold on
     * and fails, unless the plan itself expects none (30006/30007: "DocApp" beside Documents count="0").
     */
    private static void allHaveStatus(List<String> failures, String name, List<Element> of, String status,
                                      boolean noneExpected) {
        expect(failures, !of.isEmpty() || noneExpected, name + ": nothing returned to check");
        for (Element o : of) {
            expect(failures, status.equals(o.getAttribute("status")), name + ": " + o.getAttribute("id")
                    + " has status " + o.getAttribute("status"));
        }
    }

    private static void count(List<String> failures, String name, Element e, int actual) {
        int expected = Integer.parseInt(e.getAttribute("count").strip());
        expect(failures, expected == actual, name + ": expected " + expected + ", got " + actual);
    }

    private static void expect(List<String> failures, boolean condition, String message) {
        if (!condition) {
            failures.add(message);
        }
    }
}
