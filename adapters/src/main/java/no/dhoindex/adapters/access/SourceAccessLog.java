package no.dhoindex.adapters.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.adapters.infrastructure.AdapterDatabase;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.access.AccessLogSearch;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.XuaClaims;

/**
 * This organisation's access log (ATT-5, the source's duty): every query and retrieval answered
 * for a user the gateway vouched for, and every refusal, kept in the organisation's own database.
 * The patient reads it through the gateway ("who has seen my data"); auditors read it here.
 */
@ApplicationScoped
public class SourceAccessLog {

    @Inject
    AdapterDatabase database;

    @Inject
    OrganisationTrust trust;

    @Inject
    OrganisationSettings settings;

    private volatile AccessLogStore store;
    private volatile AccessLogSearch search;

    /** The log as FHIR, for auditors, the gateway (for a citizen) and the patient. */
    public AccessLogSearch search() {
        if (search == null) {
            var organisation = settings.organisation();
            search = new AccessLogSearch(store(), trust.logReaders(), trust.auditingSystems(), organisation.name(),
                    organisation.orgnr(),
                    no.dhoindex.shared.access.WithheldNames.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()));
        }
        return search;
    }

    private AccessLogStore store() {
        if (store == null) {
            store = new AccessLogStore(database.dataSource());
        }
        return store;
    }

    /**
     * @param who     the user as the XUA assertion names them (null: no valid assertion)
     * @param patient the patient the call is about (null: the call did not say; then the assertion's patient)
     */
    public void record(XuaClaims who, PatientId patient, String action, AccessRecord.Outcome outcome, String reason) {
        store().record(AccessRecord.vouchedFor(who, patient, action, outcome, reason));
    }
}
