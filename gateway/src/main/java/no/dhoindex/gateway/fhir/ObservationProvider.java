package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * The federated measurement search: {@code Observation?patient.identifier=…&code=…&date=…} over every
 * organisation holding measurements for the patient, merged into one searchset.
 */
public class ObservationProvider implements IResourceProvider {

    private final FederatedFhir federated;
    private final PatientAccess patients;

    public ObservationProvider(FederatedFhir federated, PatientAccess patients) {
        this.federated = federated;
        this.patients = patients;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Search
    public List<IBaseResource> search(
            @RequiredParam(name = Observation.SP_PATIENT, chainWhitelist = {"identifier"}) ReferenceParam patient,
            @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
            RequestDetails request) {
        PatientId named = FhirPatients.of(patient);
        return federated.observations(FhirPatients.caller(patients, request, named), named,
                codeMatches(code).and(dateMatches(date)), FhirPatients.correlationId(request));
    }

    private static Predicate<Observation> codeMatches(TokenOrListParam code) {
        if (code == null || code.getValuesAsQueryTokens().isEmpty()) {
            return o -> true;
        }
        return o -> {
            for (TokenParam wanted : code.getValuesAsQueryTokens()) {
                for (Coding c : o.getCode().getCoding()) {
                    if (wanted.getValue().equals(c.getCode())
                            && (wanted.getSystem() == null || wanted.getSystem().equals(c.getSystem()))) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static Predicate<Observation> dateMatches(DateRangeParam date) {
        if (date == null) {
            return o -> true;
        }
        Date from = date.getLowerBoundAsInstant();
        Date to = date.getUpperBoundAsInstant();
        return o -> {
            Date when = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue()
                    : o.hasEffectivePeriod() ? o.getEffectivePeriod().getStart() : null;
            return when != null && (from == null || !when.before(from)) && (to == null || !when.after(to));
        };
    }
}
