package no.dhoindex.bench;

import java.util.List;

/**
 * ITI-42 submissions of one patient with k DocumentEntries, complete per ITI TF-3 (every
 * required slot, classification and identifier), with class codes and creation times spread
 * so that FindDocuments filters select a realistic fraction.
 *
 * <p>Deterministic: entry {@code n} (the n-th registered) is the same in every run with the same seed, whichever
 * client thread sends it, and belongs to patient {@code (n / 10) mod patients}. Every pointer is the demo
 * municipality's ({@code demo/organisations/kommune.properties}: its source, repository and organisation number as
 * author), so that a registration with the checks on, under that organisation's system token, is accepted.
 */
final class SubmissionFactory {

    static final List<String> CLASS_CODES = List.of("A00-1", "B00-1", "C00-1", "D00-1", "E00-1");
    private static final String NATIONAL = "2.16.578.1.12.4.1.4.1";
    /** The demo municipality's arcs and organisation number (kommune.properties). */
    static final String SOURCE_ID = "2.16.578.1.12.4.1.7.1.3";
    static final String REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    static final String ORGNR = "921234567";
    /** A submission set holds entries of one patient: ten consecutive entries share a patient. */
    static final int ENTRIES_PER_PATIENT_GROUP = 10;

    private final String runId;
    private final List<String> patients;

    /** @param seed part of every uniqueId: runs with the same seed register the same entries */
    SubmissionFactory(String seed, List<String> patients) {
        this.runId = seed;
        this.patients = List.copyOf(patients);
    }

    /** The patient (national id) of entry {@code n}. */
    String patientOf(long n) {
        return patients.get((int) ((n / ENTRIES_PER_PATIENT_GROUP) % patients.size()));
    }

    /** Document uniqueIds are {@code 2.25.<run>.<n>}: predictable for GetDocuments look-ups. */
    String documentUniqueId(long n) {
        return "1.3.6.1.4.1.21367.2026." + runId + ".1." + n;
    }

    /**
     * Entries {@code first} … {@code first + documents - 1}, all of the patient of {@code first} (a set never spans two
     * patients' groups: {@code first} is a multiple of the set size, which divides ten).
     */
    String submission(long first, int documents) {
        if (ENTRIES_PER_PATIENT_GROUP % documents != 0 || first % documents != 0) {
            throw new IllegalArgumentException("sets of " + documents + " from entry " + first + " would span two patients");
        }
        String patient = patientOf(first) + "^^^&amp;" + NATIONAL + "&amp;ISO";
        StringBuilder x = new StringBuilder(2048 * (documents + 1));
        x.append("<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\" "
                + "xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>");
        for (int i = 0; i < documents; i++) {
            long n = first + i;
            String id = "Document" + i;
            String classCode = CLASS_CODES.get((int) (n % CLASS_CODES.size()));
            // Creation times walk through 2025-2026 so a date range selects part of a patient's entries.
            String day = String.format("2025%02d%02d", 1 + (int) (n % 12), 1 + (int) (n % 28));
            x.append("<rim:ExtrinsicObject id=\"").append(id).append("\" mimeType=\"application/fhir+json\" "
                    + "objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\">");
            slot(x, "creationTime", day + "120000");
            slot(x, "hash", "4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e");
            slot(x, "size", "2048");
            slot(x, "languageCode", "nb-NO");
            slot(x, "repositoryUniqueId", REPOSITORY);
            slot(x, "serviceStartTime", day + "080000");
            slot(x, "sourcePatientId", patient);
            x.append("<rim:Name><rim:LocalizedString value=\"Måleserie ").append(n).append("\"/></rim:Name>");
            x.append("<rim:Classification classificationScheme=\"urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d\" "
                    + "classifiedObject=\"").append(id).append("\" nodeRepresentation=\"\">");
            slot(x, "authorPerson", "^Sykepleier^Ola^^^");
            slot(x, "authorInstitution", "Demo kommune^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^" + ORGNR);
            x.append("</rim:Classification>");
            code(x, id, "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a", classCode, "2.16.578.1.12.4.1.1.9602");
            code(x, id, "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", "N", "2.16.578.1.12.4.1.1.9603");
            code(x, id, "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4", "85354-9", "2.16.840.1.113883.6.1");
            code(x, id, "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d", "urn:ihe:iti:xds:2017:mimeTypeSufficient",
                    "1.3.6.1.4.1.19376.1.2.3");
            code(x, id, "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", "86", "2.16.578.1.12.4.1.1.1303");
            code(x, id, "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", "1", "2.16.578.1.12.4.1.1.8653");
            code(x, id, "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", "A03-1", "2.16.578.1.12.4.1.1.9602");
            identifier(x, id, "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", patient, "XDSDocumentEntry.patientId");
            identifier(x, id, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab", documentUniqueId(n),
                    "XDSDocumentEntry.uniqueId");
            x.append("</rim:ExtrinsicObject>");
        }
        x.append("<rim:RegistryPackage id=\"SubmissionSet01\">");
        slot(x, "submissionTime", "20261124120000");
        x.append("<rim:Classification classificationScheme=\"urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d\" "
                + "classifiedObject=\"SubmissionSet01\" nodeRepresentation=\"\">");
        slot(x, "authorPerson", "^Sykepleier^Ola^^^");
        x.append("</rim:Classification>");
        code(x, "SubmissionSet01", "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500", "A00-1", "2.16.578.1.12.4.1.1.9602");
        identifier(x, "SubmissionSet01", "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",
                "1.3.6.1.4.1.21367.2026." + runId + ".2." + first, "XDSSubmissionSet.uniqueId");
        identifier(x, "SubmissionSet01", "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832", SOURCE_ID,
                "XDSSubmissionSet.sourceId");
        identifier(x, "SubmissionSet01", "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446", patient,
                "XDSSubmissionSet.patientId");
        x.append("</rim:RegistryPackage><rim:Classification id=\"cl10\" classifiedObject=\"SubmissionSet01\" "
                + "classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\"/>");
        for (int i = 0; i < documents; i++) {
            x.append("<rim:Association id=\"as").append(i).append("\" associationType=\"urn:oasis:names:tc:"
                    + "ebxml-regrep:AssociationType:HasMember\" sourceObject=\"SubmissionSet01\" targetObject=\"Document")
                    .append(i).append("\">");
            slot(x, "SubmissionSetStatus", "Original");
            x.append("</rim:Association>");
        }
        return x.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>").toString();
    }

    static void slot(StringBuilder x, String name, String value) {
        x.append("<rim:Slot name=\"").append(name).append("\"><rim:ValueList><rim:Value>").append(value)
                .append("</rim:Value></rim:ValueList></rim:Slot>");
    }

    static void code(StringBuilder x, String object, String scheme, String code, String codingScheme) {
        x.append("<rim:Classification classificationScheme=\"").append(scheme).append("\" classifiedObject=\"")
                .append(object).append("\" nodeRepresentation=\"").append(code).append("\">");
        slot(x, "codingScheme", codingScheme);
        x.append("<rim:Name><rim:LocalizedString value=\"").append(code).append("\"/></rim:Name></rim:Classification>");
    }

    static void identifier(StringBuilder x, String object, String scheme, String value, String name) {
        x.append("<rim:ExternalIdentifier id=\"ei").append(Math.abs((object + scheme).hashCode()))
                .append("\" registryObject=\"").append(object).append("\" identificationScheme=\"").append(scheme)
                .append("\" value=\"").append(value).append("\"><rim:Name><rim:LocalizedString value=\"").append(name)
                .append("\"/></rim:Name></rim:ExternalIdentifier>");
    }
}
