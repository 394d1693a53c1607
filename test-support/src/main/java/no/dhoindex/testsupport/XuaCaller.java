package no.dhoindex.testsupport;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import no.dhoindex.shared.soap.XuaHeader;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaKeys;
import org.w3c.dom.Element;

/**
 * A gateway as the sources see it in tests: its own XUA signing key, its certificate placed in the
 * stack's trust store, and a {@code wsse:Security} header with an assertion for a patient.
 */
public final class XuaCaller {

    private final XuaKeys.Signer signer;

    /** @param trustStore the directory the sources read trusted issuer certificates from */
    public XuaCaller(Path keyDirectory, Path trustStore) {
        this.signer = XuaKeys.loadOrCreate(keyDirectory, "test-gateway", trustStore);
    }

    public static XuaClaims clinician(String fnr, String homeCommunityId) {
        return new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT", "LE",
                fnr + "^^^&2.16.578.1.12.4.1.4.1&ISO", homeCommunityId);
    }

    /** A valid header for a call to the community {@code homeCommunityId} about {@code fnr}. */
    public String header(String fnr, String homeCommunityId) {
        return header(assertion(clinician(fnr, homeCommunityId), homeCommunityId, Duration.ofMinutes(5)));
    }

    /** The registry's audience (dho.registry.xua.audience). */
    public static final String REGISTRY = "urn:dho-index:registry";
    private static final java.util.regex.Pattern PATIENT = java.util.regex.Pattern.compile("(?i)patientid\"[\\s\\S]*?'([^']+)'");

    /** A header for an ITI-18 query to {@code audience}, naming the patient the query is about (if it names one). */
    public String headerForQuery(String queryXml, String audience) {
        String cx = patientOf(queryXml);
        return headerFor(cx != null ? cx : "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", audience);
    }

    /** A header for a call to {@code audience} whose assertion names {@code patientCx} (resource-id), whatever the call asks. */
    public String headerFor(String patientCx, String audience) {
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT", "LE",
                patientCx, audience);
        return header(assertion(claims, audience, Duration.ofMinutes(5)));
    }

    /** The patient (CX) a Find or GetAll query names; null for a query by id. */
    public static String patientOf(String queryXml) {
        java.util.regex.Matcher m = PATIENT.matcher(queryXml);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    /** ITI-18 to a registry as a trusted gateway asks it. */
    public Soap.Reply query(java.net.URI registry, String queryXml) {
        return Soap.callWithHeader(registry, XdsActions.ITI_18, queryXml, headerForQuery(queryXml, REGISTRY));
    }

    /** ITI-18 to a registry for a user whose assertion names {@code patientCx}. */
    public Soap.Reply query(java.net.URI registry, String queryXml, String patientCx) {
        return Soap.callWithHeader(registry, XdsActions.ITI_18, queryXml, headerFor(patientCx, REGISTRY));
    }

    public Element assertion(XuaClaims claims, String audience, Duration lifetime) {
        return XuaAssertions.issue(claims, "urn:dho-index:test-gateway", audience, lifetime, signer);
    }

    public static String header(Element assertion) {
        try {
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(assertion), new StreamResult(out));
            return "<wsse:Security xmlns:wsse=\"" + XuaHeader.WSSE + "\" xmlns:s=\"" + Soap.SOAP12
                    + "\" s:mustUnderstand=\"true\">" + out + "</wsse:Security>";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
