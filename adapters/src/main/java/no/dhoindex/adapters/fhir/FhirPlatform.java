package no.dhoindex.adapters.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The organisation's DHO platform, through its FHIR R4 API (HAPI FHIR client, with timeouts):
 * what changed since a moment, what a patient's data of a kind covers, and the live data itself.
 * Works against any FHIR R4 server that supports {@code _lastUpdated} and {@code patient.identifier}.
 */
@ApplicationScoped
public class FhirPlatform {

    static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    private static final Logger LOG = Logger.getLogger(FhirPlatform.class.getName());
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int PAGE = 200;

    @Inject
    OrganisationSettings settings;

    private FhirContext fhir;
    private IGenericClient client;
    private final Map<String, String> patientIds = new ConcurrentHashMap<>();

    @PostConstruct
    void connect() {
        fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        int timeout = (int) settings.outboundTimeout().toMillis();
        fhir.getRestfulClientFactory().setConnectTimeout(timeout);
        fhir.getRestfulClientFactory().setSocketTimeout(timeout);
        client = fhir.newRestfulGenericClient(settings.platformUrl().toString());
    }

    public FhirContext context() {
        return fhir;
    }

    /** A change seen on the platform: which patient's data of which kind, and when it changed. */
    public record Change(String nationalId, DataKind kind, String version, Instant lastUpdated) {
    }

    /** Resources of every kind updated after {@code since}; resources without an identifiable patient are skipped. */
    public List<Change> changedSince(Instant since) {
        List<Change> changes = new ArrayList<>();
        for (DataKind kind : DataKind.values()) {
            for (Resource r : search(kind, null, since)) {
                String patient = nationalId(subject(r));
                if (patient == null) {
                    LOG.warning(() -> "event=platform-resource-skipped resource=" + r.getIdElement().toUnqualifiedVersionless()
                            + " reason=\"no patient national id in subject\"");
                    continue;
                }
                changes.add(new Change(patient, kind, r.getIdElement().toUnqualified().getValue(),
                        r.getMeta().getLastUpdated().toInstant()));
            }
        }
        return changes;
    }

    /** What the platform holds of this kind for the patient: period, codes, count. */
    public PatientData summary(String nationalId, DataKind kind) {
        List<Resource> resources = search(kind, nationalId, null);
        TreeSet<String> times = new TreeSet<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Resource r : resources) {
            Date at = effective(r);
            if (at != null) {
                times.add(DTM.format(at.toInstant()));
            }
            if (r instanceof Observation o) {
                o.getCode().getCoding().stream().map(Coding::getCode).forEach(codes::add);
            }
        }
        return new PatientData(nationalId, kind, times.isEmpty() ? null : times.first(),
                times.isEmpty() ? null : times.last(), List.copyOf(codes), resources.size());
    }

    /** The patient's live data of this kind as one FHIR searchset Bundle in JSON: made now, never cached. */
    public String liveBundle(String nationalId, DataKind kind) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Resource r : search(kind, nationalId, null)) {
            bundle.addEntry().setFullUrl(r.getIdElement().toUnqualifiedVersionless().getValue()).setResource(r);
        }
        bundle.setTotal(bundle.getEntry().size());
        bundle.getMeta().setLastUpdated(new Date());
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    private List<Resource> search(DataKind kind, String nationalId, Instant updatedAfter) {
        try {
            var query = client.search().forResource(kind.resourceType()).count(PAGE).returnBundle(Bundle.class);
            if (nationalId != null) {
                // A token (system|value): a string parameter would escape the bar.
                query = query.where(new TokenClientParam("patient.identifier").exactly()
                        .systemAndCode(NATIONAL_ID, nationalId));
            }
            if (updatedAfter != null) {
                query = query.lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam()
                        .setLowerBoundExclusive(Date.from(updatedAfter)));
            }
            Bundle page = query.execute();
            List<Resource> result = new ArrayList<>();
            while (true) {
                for (var entry : page.getEntry()) {
                    if (entry.getResource() != null && kind.resourceType().equals(entry.getResource().fhirType())) {
                        result.add(entry.getResource());
                    }
                }
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    return result;
                }
                page = client.loadPage().next(page).execute();
            }
        } catch (RuntimeException e) {
            throw new PlatformUnavailable("The DHO platform at " + settings.platformUrl() + " did not answer a "
                    + kind.resourceType() + " search: " + e.getMessage(), e);
        }
    }

    private static Reference subject(Resource r) {
        if (r instanceof Observation o) {
            return o.getSubject();
        }
        if (r instanceof CarePlan c) {
            return c.getSubject();
        }
        if (r instanceof MedicationStatement m) {
            return m.getSubject();
        }
        return null;
    }

    private static Date effective(Resource r) {
        if (r instanceof Observation o && o.hasEffectiveDateTimeType()) {
            return o.getEffectiveDateTimeType().getValue();
        }
        return r.getMeta().getLastUpdated();
    }

    /** The subject's national id: on the reference, or on the referenced Patient (looked up once). */
    private String nationalId(Reference subject) {
        if (subject == null) {
            return null;
        }
        Identifier id = subject.getIdentifier();
        if (id != null && NATIONAL_ID.equals(id.getSystem()) && id.getValue() != null) {
            return id.getValue();
        }
        if (!subject.hasReference()) {
            return null;
        }
        return patientIds.computeIfAbsent(subject.getReference(), ref -> {
            Patient p = client.read().resource(Patient.class).withUrl(ref).execute();
            return p.getIdentifier().stream().filter(i -> NATIONAL_ID.equals(i.getSystem())).map(Identifier::getValue)
                    .findFirst().orElse(null);
        });
    }
}
