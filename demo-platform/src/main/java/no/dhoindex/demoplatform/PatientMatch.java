package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Whether a resource's subject is the patient a search names: by reference ({@code patient=123})
 * or by identifier ({@code patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|<fnr>}).
 */
final class PatientMatch {

    private PatientMatch() {
    }

    static boolean matches(ReferenceParam param, Reference subject, PlatformStore store) {
        if (param == null) {
            return true;
        }
        if (subject == null) {
            return false;
        }
        if ("identifier".equals(param.getChain())) {
            TokenParam token = new TokenParam();
            token.setValueAsQueryToken(null, null, null, param.getValue());
            Identifier id = subjectIdentifier(subject, store);
            return id != null && token.getValue().equals(id.getValue())
                    && (token.getSystem() == null || token.getSystem().equals(id.getSystem()));
        }
        return subject.getReferenceElement().getIdPart() != null
                && subject.getReferenceElement().getIdPart().equals(param.getIdPart());
    }

    /** The subject's national id: on the reference itself, or on the referenced Patient. */
    static Identifier subjectIdentifier(Reference subject, PlatformStore store) {
        if (subject.hasIdentifier()) {
            return subject.getIdentifier();
        }
        if (subject.hasReference()) {
            var patient = store.read(subject.getReferenceElement().withResourceType("Patient"));
            if (patient instanceof Patient p && p.hasIdentifier()) {
                return p.getIdentifierFirstRep();
            }
        }
        return null;
    }

    /**
     * The index key ({@code system|value} of the national id) of the patient a search names, or null
     * when it names none or one the index cannot key (an identifier without its system).
     */
    static String key(ReferenceParam param, PlatformStore store) {
        if (param == null) {
            return null;
        }
        if ("identifier".equals(param.getChain())) {
            TokenParam token = new TokenParam();
            token.setValueAsQueryToken(null, null, null, param.getValue());
            return token.getSystem() == null || token.getSystem().isEmpty() ? null
                    : token.getSystem() + "|" + token.getValue();
        }
        if (param.getChain() != null || param.getIdPart() == null) {
            return null;
        }
        var patient = store.read(new org.hl7.fhir.r4.model.IdType("Patient", param.getIdPart()));
        return patient instanceof Patient p && p.hasIdentifier()
                ? p.getIdentifierFirstRep().getSystem() + "|" + p.getIdentifierFirstRep().getValue() : null;
    }
}
