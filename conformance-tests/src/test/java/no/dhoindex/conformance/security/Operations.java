package no.dhoindex.conformance.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The endpoints' own lists of what they do: a SOAP endpoint's operations and their input actions
 * from its WSDL, and the FHIR interactions from a server's CapabilityStatement. The suite builds
 * its cases from these, so an operation added without a case fails it.
 */
final class Operations {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";

    private Operations() {
    }

    /** Operation name → its input's WS-Addressing action, from {@code endpoint?wsdl}. */
    static Map<String, String> soap(URI endpoint) {
        Document wsdl = xml(get(URI.create(endpoint + "?wsdl")));
        Map<String, String> operations = new LinkedHashMap<>();
        NodeList portTypes = wsdl.getElementsByTagNameNS(WSDL, "portType");
        for (int p = 0; p < portTypes.getLength(); p++) {
            for (Element operation : children((Element) portTypes.item(p), "operation")) {
                String action = null;
                for (Element input : children(operation, "input")) {
                    var attributes = input.getAttributes();
                    for (int i = 0; i < attributes.getLength(); i++) {
                        if ("Action".equals(attributes.item(i).getLocalName())) {
                            action = attributes.item(i).getNodeValue();
                        }
                    }
                }
                operations.put(operation.getAttribute("name"), action);
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("No operations in the WSDL of " + endpoint);
        }
        return operations;
    }

    /** "Type interaction" for every resource interaction and search of a FHIR server's CapabilityStatement. */
    static List<String> fhir(URI base) {
        String json = get(URI.create(base + "/metadata?_format=json"));
        List<String> interactions = new ArrayList<>();
        // The statement's resources: {"type":"Binary", ..., "interaction":[{"code":"read"}, ...]}.
        var resource = java.util.regex.Pattern.compile("\"type\"\\s*:\\s*\"([A-Z][A-Za-z]+)\"").matcher(json);
        List<int[]> starts = new ArrayList<>();
        List<String> types = new ArrayList<>();
        while (resource.find()) {
            starts.add(new int[]{resource.start()});
            types.add(resource.group(1));
        }
        for (int i = 0; i < types.size(); i++) {
            String section = json.substring(starts.get(i)[0], i + 1 < types.size() ? starts.get(i + 1)[0] : json.length());
            var code = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"(read|vread|search-type|create|update|"
                    + "patch|delete|history-instance|history-type)\"").matcher(section);
            while (code.find()) {
                interactions.add(types.get(i) + " " + code.group(1));
            }
        }
        if (interactions.isEmpty()) {
            throw new IllegalStateException("No interactions in the CapabilityStatement of " + base + ": " + json);
        }
        return interactions;
    }

    private static String get(URI uri) {
        HttpResponse<String> response = Clinician.send(HttpRequest.newBuilder(uri).GET(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("Not XML: " + text, e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSDL.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }
}
