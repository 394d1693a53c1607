package no.dhoindex.gateway.fhir;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Pointer → MHD DocumentReference (ITI-67): the translation at the gateway's FHIR edge. The
 * document's community is {@code meta.source}; the attachment URL is the gateway's ITI-68 Binary.
 */
final class DocumentReferences {

    private DocumentReferences() {
    }

    /** @param community the name of the community holding the document (null when no community is known) */
    static DocumentReference of(DocumentPointer p, String fhirBase, String community) {
        DocumentReference d = new DocumentReference();
        d.setId(p.entryUuid().replaceFirst("^urn:uuid:", ""));
        if (p.id().homeCommunityId() != null) {
            d.getMeta().setSource(p.id().homeCommunityId());
        }
        d.setMasterIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:" + p.uniqueId()));
        d.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(p.entryUuid()));
        d.setStatus(p.status() == AvailabilityStatus.APPROVED ? Enumerations.DocumentReferenceStatus.CURRENT
                : Enumerations.DocumentReferenceStatus.SUPERSEDED);
        d.setType(concept(p.codes().typeCode()));
        if (p.codes().classCode() != null) {
            d.addCategory(concept(p.codes().classCode()));
        }
        d.setSubject(new Reference().setIdentifier(new Identifier()
                .setSystem("urn:oid:" + p.patientId().assigningAuthority()).setValue(p.patientId().id())));
        Date created = dtm(p.provenance() == null ? null : p.provenance().creationTime());
        if (created != null) {
            d.setDate(created);
        }
        p.codes().confidentialityCodes().forEach(c -> d.addSecurityLabel(concept(c)));
        if (p.title() != null) {
            d.setDescription(p.title().value());
        }
        DocumentReference.DocumentReferenceContentComponent content = d.addContent();
        content.getAttachment().setContentType(p.location() == null ? null : p.location().mimeType());
        if (community != null) {
            content.getAttachment().setUrl(fhirBase + "/Binary/" + community + "." + p.uniqueId());
        }
        if (p.location() != null && p.location().size() != null) {
            content.getAttachment().setSize(p.location().size().intValue());
        }
        if (p.codes().formatCode() != null) {
            Code f = p.codes().formatCode();
            content.setFormat(new Coding(system(f.scheme()), f.code(), f.displayName()));
        }
        if (p.provenance() != null) {
            Date start = dtm(p.provenance().serviceStartTime());
            Date stop = dtm(p.provenance().serviceStopTime());
            if (start != null || stop != null) {
                d.getContext().setPeriod(new Period().setStart(start).setEnd(stop));
            }
        }
        if (p.codes().healthcareFacilityTypeCode() != null) {
            d.getContext().setFacilityType(concept(p.codes().healthcareFacilityTypeCode()));
        }
        if (p.codes().practiceSettingCode() != null) {
            d.getContext().setPracticeSetting(concept(p.codes().practiceSettingCode()));
        }
        return d;
    }

    private static CodeableConcept concept(Code c) {
        if (c == null) {
            return null;
        }
        return new CodeableConcept(new Coding(system(c.scheme()), c.code(), c.displayName()));
    }

    /** An OID coding scheme as a FHIR system URI (LOINC and SNOMED CT by their canonical URLs). */
    static String system(String scheme) {
        if (scheme == null) {
            return null;
        }
        return switch (scheme) {
            case "2.16.840.1.113883.6.1" -> "http://loinc.org";
            case "2.16.840.1.113883.6.96" -> "http://snomed.info/sct";
            default -> scheme.matches("[0-9.]+") ? "urn:oid:" + scheme : scheme;
        };
    }

    /** HL7 v2 DTM (yyyy[MM[dd[HH[mm[ss]]]]], UTC) to a Date; null when absent or unreadable. */
    static Date dtm(String value) {
        if (value == null || value.length() < 4) {
            return null;
        }
        String pattern = "yyyyMMddHHmmss".substring(0, Math.min(value.length(), 14));
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        try {
            return format.parse(value.substring(0, pattern.length()));
        } catch (ParseException e) {
            return null;
        }
    }
}
