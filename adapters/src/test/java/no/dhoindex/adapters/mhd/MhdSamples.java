package no.dhoindex.adapters.mhd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/** An ITI-65 Provide Document Bundle as a hospital's EHR would send it (MHD 4.x, Comprehensive Metadata). */
public final class MhdSamples {

    public static final String VOLVEN_9602 = "urn:oid:2.16.578.1.12.4.1.1.9602";
    public static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    public static final String SYKEHUS_SOURCE = "2.16.578.1.12.4.1.7.1.2";

    private MhdSamples() {
    }

    /** One document for {@code fnr}, from {@code sourceId}, with new uniqueIds ({@code 2.25.<n>}). */
    public static Bundle provide(String fnr, String sourceId, String documentUniqueId, String setUniqueId,
                                 byte[] contentBytes) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Reference subject = new Reference().setIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(fnr));

        ListResource set = new ListResource().setStatus(ListResource.ListStatus.CURRENT)
                .setMode(ListResource.ListMode.WORKING).setCode(new CodeableConcept(new Coding(DocumentBundle.LIST_TYPES,
                        "submissionset", "Submission Set"))).setSubject(subject).setDateElement(new DateTimeType(new Date()));
        set.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem("urn:ietf:rfc:3986")
                .setValue("urn:oid:" + setUniqueId);
        set.addExtension(DocumentBundle.SOURCE_ID, new Identifier().setValue("urn:oid:" + sourceId));
        set.addExtension(DocumentBundle.DESIGNATION_TYPE, new CodeableConcept(new Coding(VOLVEN_9602, "A00-1",
                "Epikriser og sammenfatninger")));
        set.addContained(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Lege").addGiven("Anne"))
                .setId("author"));
        set.setSource(new Reference("#author"));
        set.addEntry().setItem(new Reference("urn:uuid:6f2e1c3a-0b8d-4e0a-9a55-000000000002"));

        DocumentReference d = new DocumentReference().setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        d.setMasterIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:" + documentUniqueId));
        d.setSubject(subject.copy());
        d.setType(new CodeableConcept(new Coding(VOLVEN_9602, "A01-1", "Epikrise")));
        d.addCategory(new CodeableConcept(new Coding(VOLVEN_9602, "A00-1", "Epikriser og sammenfatninger")));
        d.addSecurityLabel(new CodeableConcept(new Coding("urn:oid:2.16.578.1.12.4.1.1.9603", "N", "Normal")));
        d.addContained(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Lege").addGiven("Anne"))
                .setId("doctor"));
        d.addContained(new Organization().setName("Demo sykehus HF").addIdentifier(new Identifier()
                .setSystem("urn:oid:2.16.578.1.12.4.1.4.101").setValue("974589095")).setId("hospital"));
        d.addContained(new Patient().addIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(fnr))
                .addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Nordmann").addGiven("Kari"))
                .setGender(Enumerations.AdministrativeGender.FEMALE).setId("source-patient"));
        d.addAuthor(new Reference("#doctor")).addAuthor(new Reference("#hospital"));
        DocumentReference.DocumentReferenceContentComponent content = d.addContent();
        content.getAttachment().setContentType("text/xml").setLanguage("nb-NO").setTitle("Epikrise")
                .setUrl("urn:uuid:6f2e1c3a-0b8d-4e0a-9a55-000000000003").setSize(contentBytes.length)
                .setHash(sha1(contentBytes)).setCreationElement(new DateTimeType("2026-11-01T12:00:00Z"));
        content.setFormat(new Coding("urn:oid:2.16.578.1.12.4.1.1.9604", "urn:ihe:iti:xds:2017:mimeTypeSufficient",
                "Format"));
        d.getContext().addEvent(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")))
                .setFacilityType(new CodeableConcept(new Coding("urn:oid:2.16.578.1.12.4.1.1.1303", "86", "Sykehus")))
                .setPracticeSetting(new CodeableConcept(new Coding("urn:oid:2.16.578.1.12.4.1.1.8653", "1", "Practice")))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01T08:00:00Z"))
                        .setEndElement(new DateTimeType("2026-11-01T10:00:00Z")))
                .setSourcePatientInfo(new Reference("#source-patient"));

        Binary binary = new Binary().setContentType("text/xml").setData(contentBytes);

        entry(bundle, "urn:uuid:6f2e1c3a-0b8d-4e0a-9a55-000000000001", set, "List");
        entry(bundle, "urn:uuid:6f2e1c3a-0b8d-4e0a-9a55-000000000002", d, "DocumentReference");
        entry(bundle, "urn:uuid:6f2e1c3a-0b8d-4e0a-9a55-000000000003", binary, "Binary");
        return bundle;
    }

    private static void entry(Bundle bundle, String fullUrl, org.hl7.fhir.r4.model.Resource r, String type) {
        bundle.addEntry().setFullUrl(fullUrl).setResource(r).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type);
    }

    public static byte[] sha1(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
