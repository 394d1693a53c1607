package no.dhoindex.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical XDS messages for tests and the demo, from templates in {@code samples/} with
 * {@code ${name}} placeholders. Tests change one value per case.
 */
public final class Samples {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    /** Synthetic national ids that pass the strict check digits (DOMAIN.md §4). */
    public static final String PATIENT_A = "15077510041";
    public static final String PATIENT_B = "23059110047";
    public static final String PATIENT_C = "01818010083";
    public static final String NATIONAL_ID_OID = "2.16.578.1.12.4.1.4.1";

    private Samples() {
    }

    public static String cx(String id, String authority) {
        return id + "^^^&amp;" + authority + "&amp;ISO";
    }

    public static String nationalCx(String fnr) {
        return cx(fnr, NATIONAL_ID_OID);
    }

    /** A fresh OID-style unique id (2.25 + UUID as integer). */
    public static String uniqueId() {
        UUID u = UUID.randomUUID();
        return "2.25." + new java.math.BigInteger(1, toBytes(u));
    }

    private static byte[] toBytes(UUID u) {
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
    }

    /** The values of the single-document ITI-42 sample; callers override what their case changes. */
    public static Map<String, String> singleDocumentDefaults(String fnr) {
        Map<String, String> v = new HashMap<>();
        v.put("patientCx", nationalCx(fnr));
        v.put("creationTime", "20261101120000");
        v.put("serviceStartTime", "20261101080000");
        v.put("serviceStopTime", "20261101100000");
        v.put("title", "Epikrise");
        v.put("authorPerson", "^Lege^Anne^^^");
        v.put("classCode", "A00-1");
        v.put("typeCode", "A01-1");
        v.put("confidentialityCode", "N");
        v.put("eventCode", "8867-4");
        v.put("formatCode", "urn:ihe:iti:xds:2017:mimeTypeSufficient");
        v.put("facilityCode", "86");
        v.put("practiceCode", "1");
        v.put("contentTypeCode", "A00-1");
        v.put("submissionTime", "20261101120500");
        v.put("sourceId", "2.16.578.1.12.4.1.7.1.2");
        v.put("documentUniqueId", uniqueId());
        v.put("submissionSetUniqueId", uniqueId());
        return v;
    }

    public static String template(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills a template; every placeholder must have a value. */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String singleDocument(Map<String, String> values) {
        return fill(template("iti42-single-document.xml"), values);
    }

    /**
     * An ITI-41 ProvideAndRegisterDocumentSetRequest: the single-document submission with the
     * given hash and size claimed in its metadata, and the document as an MTOM part {@code cid}.
     */
    public static String provideAndRegister(Map<String, String> values, String hash, long size, String cid) {
        String submission = singleDocument(values)
                .replaceFirst("(<rim:Slot name=\"hash\"><rim:ValueList><rim:Value>)[^<]*", "$1" + hash)
                .replaceFirst("(<rim:Slot name=\"size\"><rim:ValueList><rim:Value>)[^<]*", "$1" + size);
        return "<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">" + submission
                + (cid == null ? "" : "<xdsb:Document id=\"Document01\">" + Mtom.include(cid) + "</xdsb:Document>")
                + "</xdsb:ProvideAndRegisterDocumentSetRequest>";
    }

    /** An ITI-43 / ITI-39 RetrieveDocumentSetRequest for documents of one repository. */
    public static String retrieve(String homeCommunityId, String repositoryUniqueId, String... documentUniqueIds) {
        StringBuilder x = new StringBuilder("<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">");
        for (String id : documentUniqueIds) {
            x.append("<xdsb:DocumentRequest>");
            if (homeCommunityId != null) {
                x.append("<xdsb:HomeCommunityId>").append(homeCommunityId).append("</xdsb:HomeCommunityId>");
            }
            x.append("<xdsb:RepositoryUniqueId>").append(repositoryUniqueId).append("</xdsb:RepositoryUniqueId>")
                    .append("<xdsb:DocumentUniqueId>").append(id).append("</xdsb:DocumentUniqueId></xdsb:DocumentRequest>");
        }
        return x.append("</xdsb:RetrieveDocumentSetRequest>").toString();
    }
}
