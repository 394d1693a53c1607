package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class Iti41Test {

    private static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    @Test
    void envelopeCarriesTheDerivedIdsTheOrganisationAndEscapedMetadata() throws Exception {
        OrgSettings org = OrgSettings.resolve(new HashMap<>(), null);
        Manifest.Entry entry = new Manifest.Entry(2, "docs/a.txt", "15077510041", "20261101120000", "Notat <A & B>",
                "A00-1", "A01-1", "text/plain", "20261101080000", null, "^Lege^Anne^^^");
        byte[] content = "note".getBytes(StandardCharsets.UTF_8);
        DocumentIds ids = DocumentIds.of("sykehus", "docs/a.txt", DocumentIds.sha256(content));
        String xml = Iti41.envelope(org.repository(), org, entry, ids, content, "doc@x", "20261201000000");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document d = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element extrinsic = (Element) d.getElementsByTagNameNS(RIM, "ExtrinsicObject").item(0);
        assertEquals(ids.documentEntryUuid(), extrinsic.getAttribute("id"));
        assertEquals("text/plain", extrinsic.getAttribute("mimeType"));
        assertTrue(xml.contains("value=\"" + ids.documentUniqueId() + "\""));
        assertTrue(xml.contains("value=\"" + ids.submissionSetUniqueId() + "\""));
        assertTrue(xml.contains("<rim:Value>Demo sykehus HF^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^974589095</rim:Value>"));
        assertTrue(xml.contains("<rim:Value>" + DocumentIds.sha1(content) + "</rim:Value>"));
        assertTrue(xml.contains("value=\"2.16.578.1.12.4.1.7.1.2\""), "the organisation's sourceId");
        assertTrue(xml.contains("value=\"Notat &lt;A &amp; B&gt;\""));
        assertTrue(xml.contains("href=\"cid:doc@x\""));
        assertEquals(ids.submissionSetEntryUuid(),
                ((Element) d.getElementsByTagNameNS(RIM, "RegistryPackage").item(0)).getAttribute("id"));
        assertEquals(ids.documentEntryUuid(), ((Element) d.getElementsByTagNameNS("urn:ihe:iti:xds-b:2007", "Document")
                .item(0)).getAttribute("id"));
    }

    private static OrgHttp.Answer soap(int status, String body) {
        return new OrgHttp.Answer(status, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                + body + "</s:Body></s:Envelope>", "application/soap+xml", null);
    }

    @Test
    void successIsReadFromTheRegistryResponse() {
        assertTrue(Iti41.outcome(soap(200, "<rs:RegistryResponse xmlns:rs=\"" + RS + "\" status=\"" + Iti41.SUCCESS
                + "\"/>")).success());
    }

    @Test
    void failureNamesEveryXdsErrorCodeWithItsContext() {
        Iti41.Outcome outcome = Iti41.outcome(soap(200, "<rs:RegistryResponse xmlns:rs=\"" + RS + "\" status=\""
                + "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure\"><rs:RegistryErrorList>"
                + "<rs:RegistryError errorCode=\"XDSDuplicateUniqueIdInRegistry\" codeContext=\"already there\" "
                + "severity=\"urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error\"/>"
                + "<rs:RegistryError errorCode=\"XDSRepositoryMetadataError\" codeContext=\"\"/>"
                + "</rs:RegistryErrorList></rs:RegistryResponse>"));
        assertFalse(outcome.success());
        assertEquals("XDSDuplicateUniqueIdInRegistry (already there); XDSRepositoryMetadataError", outcome.problem());
    }

    @Test
    void aSoapFaultOrANonSoapAnswerSaysWhy() {
        assertEquals("HTTP 403: SOAP Fault: not kommune's repository", Iti41.outcome(soap(403,
                "<s:Fault><s:Reason><s:Text xml:lang=\"en\">not kommune's repository</s:Text></s:Reason></s:Fault>"))
                .problem());
        assertEquals("HTTP 401: the token is expired", Iti41.outcome(new OrgHttp.Answer(401,
                "{\"status\":401,\"detail\":\"the token is expired\"}", "application/json", null)).problem());
        assertEquals("HTTP 502: Bad gateway", Iti41.outcome(new OrgHttp.Answer(502, "Bad gateway", "text/plain", null))
                .problem());
    }

    @Test
    void anMtomReplyIsReadFromItsRootPart() {
        String multipart = "--b\r\nContent-Type: application/xop+xml\r\n\r\n<soap:Envelope xmlns:soap=\""
                + "http://www.w3.org/2003/05/soap-envelope\"><soap:Body><rs:RegistryResponse xmlns:rs=\"" + RS
                + "\" status=\"" + Iti41.SUCCESS + "\"/></soap:Body></soap:Envelope>\r\n--b--\r\n";
        assertTrue(Iti41.outcome(new OrgHttp.Answer(200, multipart, "multipart/related", null)).success());
    }
}
