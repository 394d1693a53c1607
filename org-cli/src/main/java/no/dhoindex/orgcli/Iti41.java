package no.dhoindex.orgcli;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * ITI-41 Provide and Register Document Set-b for one document: a submission set with one
 * DocumentEntry (ITI TF-3 4.2.3.2 required attributes, the organisation as author institution and
 * source), the document as an MTOM part; and the ebRS answer read back.
 */
final class Iti41 {

    static final String ACTION = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    private static final String NATIONAL_ID = "2.16.578.1.12.4.1.4.1";
    private static final String VOLVEN_9602 = "2.16.578.1.12.4.1.1.9602";
    private static final String ENHETSREGISTERET = "2.16.578.1.12.4.1.4.101";
    private static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final Pattern ENVELOPE = Pattern.compile("<([\\w.-]+:)?Envelope[\\s>]");

    private Iti41() {
    }

    /** The SOAP envelope (WS-Addressing headers) with the request; the document is part {@code contentId}. */
    static String envelope(URI to, OrgSettings org, Manifest.Entry entry, DocumentIds ids, byte[] content,
                           String contentId, String submissionTime) {
        String patientCx = entry.patient() + "^^^&" + NATIONAL_ID + "&ISO";
        String institution = org.name() + "^^^^^&" + ENHETSREGISTERET + "&ISO^^^^" + org.orgnr();
        String doc = ids.documentEntryUuid();
        String set = ids.submissionSetEntryUuid();
        StringBuilder x = header(to, ACTION);
        x.append("<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">");
        submitObjects(x);

        x.append("<rim:ExtrinsicObject id=\"").append(doc).append("\" mimeType=\"").append(esc(entry.mimeType()))
                .append("\" objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\">");
        slot(x, "creationTime", entry.creationTime());
        slot(x, "hash", DocumentIds.sha1(content));
        slot(x, "size", Integer.toString(content.length));
        slot(x, "languageCode", "nb-NO");
        if (entry.serviceStartTime() != null) {
            slot(x, "serviceStartTime", entry.serviceStartTime());
        }
        if (entry.serviceStopTime() != null) {
            slot(x, "serviceStopTime", entry.serviceStopTime());
        }
        slot(x, "sourcePatientId", patientCx);
        name(x, entry.title());
        author(x, doc, "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d", entry.author(), institution);
        code(x, doc, "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a", entry.classCode(), VOLVEN_9602);
        code(x, doc, "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", "N", "2.16.578.1.12.4.1.1.9603");
        code(x, doc, "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d", "urn:ihe:iti:xds:2017:mimeTypeSufficient",
                "1.3.6.1.4.1.19376.1.2.3");
        code(x, doc, "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", "86", "2.16.578.1.12.4.1.1.1303");
        code(x, doc, "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", "1", "2.16.578.1.12.4.1.1.8653");
        code(x, doc, "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", entry.typeCode(), VOLVEN_9602);
        identifier(x, doc, "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", patientCx, "XDSDocumentEntry.patientId");
        identifier(x, doc, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab", ids.documentUniqueId(),
                "XDSDocumentEntry.uniqueId");
        x.append("</rim:ExtrinsicObject>");

        submissionSet(x, set, org, patientCx, entry.author(), entry.classCode(), VOLVEN_9602,
                ids.submissionSetUniqueId(), submissionTime, "dho org provide");
        x.append("<rim:Association id=\"ss-member\" associationType=\"")
                .append("urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember\" sourceObject=\"").append(set)
                .append("\" targetObject=\"").append(doc).append("\">");
        slot(x, "SubmissionSetStatus", "Original");
        x.append("</rim:Association></rim:RegistryObjectList></lcm:SubmitObjectsRequest>");
        x.append("<xdsb:Document id=\"").append(doc).append("\"><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" ")
                .append("href=\"cid:").append(contentId).append("\"/></xdsb:Document>");
        return x.append("</xdsb:ProvideAndRegisterDocumentSetRequest></s:Body></s:Envelope>").toString();
    }

    /** A SOAP 1.2 envelope's start with the WS-Addressing headers of a request to {@code to}, up to the body's content. */
    static StringBuilder header(URI to, String action) {
        return new StringBuilder().append("<s:Envelope xmlns:s=\"").append(SOAP12)
                .append("\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">")
                .append("<s:Header><a:Action s:mustUnderstand=\"1\">").append(action).append("</a:Action>")
                .append("<a:MessageID>urn:uuid:").append(UUID.randomUUID()).append("</a:MessageID>")
                .append("<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>")
                .append("<a:To s:mustUnderstand=\"1\">").append(esc(to.toString())).append("</a:To></s:Header><s:Body>");
    }

    static void submitObjects(StringBuilder x) {
        x.append("<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\" ")
                .append("xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>");
    }

    /**
     * The submission set (ITI TF-3 4.2.3.3: time, author, content type, uniqueId, sourceId, patient) with its
     * classification as one, under entryUUID {@code set}.
     */
    static void submissionSet(StringBuilder x, String set, OrgSettings org, String patientCx, String author,
                              String contentTypeCode, String contentTypeScheme, String uniqueId, String submissionTime,
                              String title) {
        String institution = org.name() + "^^^^^&" + ENHETSREGISTERET + "&ISO^^^^" + org.orgnr();
        x.append("<rim:RegistryPackage id=\"").append(set).append("\">");
        slot(x, "submissionTime", submissionTime);
        name(x, title);
        author(x, set, "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d", author, institution);
        code(x, set, "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500", contentTypeCode, contentTypeScheme);
        identifier(x, set, "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8", uniqueId, "XDSSubmissionSet.uniqueId");
        identifier(x, set, "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832", org.sourceId(), "XDSSubmissionSet.sourceId");
        identifier(x, set, "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446", patientCx, "XDSSubmissionSet.patientId");
        x.append("</rim:RegistryPackage>");
        x.append("<rim:Classification id=\"ss-node\" classifiedObject=\"").append(set)
                .append("\" classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\"/>");
    }

    /** What the repository answered: Success, or why not (RegistryError codes with their context, a SOAP Fault). */
    record Outcome(boolean success, String problem) {
    }

    static Outcome outcome(OrgHttp.Answer answer) {
        Document envelope = parse(answer.body());
        if (envelope == null) {
            return new Outcome(false, OrgHttp.refusal(answer));
        }
        List<String> errors = new ArrayList<>();
        NodeList registryErrors = envelope.getElementsByTagNameNS(RS, "RegistryError");
        for (int i = 0; i < registryErrors.getLength(); i++) {
            Element e = (Element) registryErrors.item(i);
            String context = e.getAttribute("codeContext");
            errors.add(e.getAttribute("errorCode") + (context.isBlank() ? "" : " (" + context.strip() + ")"));
        }
        NodeList responses = envelope.getElementsByTagNameNS(RS, "RegistryResponse");
        if (responses.getLength() > 0 && SUCCESS.equals(((Element) responses.item(0)).getAttribute("status"))) {
            return new Outcome(true, errors.isEmpty() ? null : "warnings: " + String.join("; ", errors));
        }
        if (!errors.isEmpty()) {
            return new Outcome(false, String.join("; ", errors));
        }
        NodeList faults = envelope.getElementsByTagNameNS(SOAP12, "Text");
        String fault = faults.getLength() > 0 ? faults.item(0).getTextContent().strip() : null;
        return new Outcome(false, "HTTP " + answer.status() + (fault == null ? ", no RegistryResponse" : ": SOAP Fault: " + fault));
    }

    private static Document parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher start = ENVELOPE.matcher(text);
        int end = text.lastIndexOf("Envelope>");
        if (!start.find() || end < start.start()) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                    text.substring(start.start(), end + "Envelope>".length()).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return null;
        }
    }

    static void author(StringBuilder x, String object, String scheme, String person, String institution) {
        x.append("<rim:Classification id=\"c").append(scheme, 9, 17).append("\" classificationScheme=\"").append(scheme)
                .append("\" classifiedObject=\"").append(object).append("\" nodeRepresentation=\"\">");
        if (person != null) {
            slot(x, "authorPerson", person);
        }
        slot(x, "authorInstitution", institution);
        x.append("</rim:Classification>");
    }

    // The classifications' and identifiers' ids are symbolic (c/ei + the first digits of their scheme,
    // distinct for every attribute of the entry and the set): the registry gives them UUIDs of its own.
    static void slot(StringBuilder x, String name, String value) {
        x.append("<rim:Slot name=\"").append(name).append("\"><rim:ValueList><rim:Value>").append(esc(value))
                .append("</rim:Value></rim:ValueList></rim:Slot>");
    }

    private static void name(StringBuilder x, String value) {
        x.append("<rim:Name><rim:LocalizedString value=\"").append(esc(value)).append("\"/></rim:Name>");
    }

    private static void code(StringBuilder x, String object, String scheme, String code, String codingScheme) {
        x.append("<rim:Classification id=\"c").append(scheme, 9, 17)
                .append("\" classificationScheme=\"").append(scheme).append("\" classifiedObject=\"").append(object)
                .append("\" nodeRepresentation=\"").append(esc(code)).append("\">");
        slot(x, "codingScheme", codingScheme);
        name(x, code);
        x.append("</rim:Classification>");
    }

    private static void identifier(StringBuilder x, String object, String scheme, String value, String name) {
        x.append("<rim:ExternalIdentifier id=\"ei").append(scheme, 9, 17)
                .append("\" registryObject=\"").append(object).append("\" identificationScheme=\"").append(scheme)
                .append("\" value=\"").append(esc(value)).append("\">");
        name(x, name);
        x.append("</rim:ExternalIdentifier>");
    }

    static String esc(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
