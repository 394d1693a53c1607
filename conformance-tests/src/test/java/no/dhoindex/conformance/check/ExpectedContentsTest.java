package no.dhoindex.conformance.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import no.dhoindex.conformance.kit.Xml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** A status expectation over an empty answer holds only where the plan itself expects none. */
class ExpectedContentsTest {

    private static final Element EMPTY = Xml.parse("<q:AdhocQueryResponse xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:"
            + "xsd:query:3.0\" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList/>"
            + "</q:AdhocQueryResponse>").getDocumentElement();

    private static List<String> check(String expectations) {
        return new ExpectedContents(EMPTY).check(Xml.parse("<ExpectedContents>" + expectations + "</ExpectedContents>")
                .getDocumentElement(), e -> null);
    }

    @Test
    void docAppBesideNoDocumentsExpectedHolds() {
        assertEquals(List.of(), check("<Documents count=\"0\"/><DocApp/>"));
    }

    @Test
    void docAppWithNothingReturnedFailsOtherwise() {
        assertEquals(List.of("DocApp: nothing returned to check"), check("<DocApp/>"));
    }
}
