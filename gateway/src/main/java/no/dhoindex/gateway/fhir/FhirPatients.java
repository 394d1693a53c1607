package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.UUID;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.shared.xds.model.PatientId;

/** The patient a FHIR search names ({@code patient.identifier=urn:oid:<authority>|<id>}) and the request's correlation id. */
final class FhirPatients {

    private FhirPatients() {
    }

    static PatientId of(ReferenceParam patient) {
        TokenParam token = new TokenParam();
        token.setValueAsQueryToken(null, null, null, patient.getValue());
        if (token.getSystem() == null || !token.getSystem().startsWith("urn:oid:") || token.getValue() == null) {
            throw new InvalidRequestException("patient.identifier must be urn:oid:<assigning authority>|<id>, "
                    + "e.g. urn:oid:2.16.578.1.12.4.1.4.1|<fødselsnummer>");
        }
        try {
            return PatientId.of(token.getSystem().substring("urn:oid:".length()), token.getValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** The request's caller ({@code named}: the patient the request names, or null), a refusal as 403. */
    static Caller caller(PatientAccess patients, RequestDetails request, PatientId named) {
        try {
            return patients.caller(request instanceof ServletRequestDetails servlet ? servlet.getServletRequest() : null,
                    named);
        } catch (AccessDenied refusal) {
            throw FhirRefusals.forbidden(refusal.getMessage());
        }
    }

    static String correlationId(RequestDetails request) {
        String given = request.getHeader(CommunityClients.CORRELATION_HEADER);
        return given != null && given.matches("[A-Za-z0-9._:-]{1,100}") ? given : UUID.randomUUID().toString();
    }
}
