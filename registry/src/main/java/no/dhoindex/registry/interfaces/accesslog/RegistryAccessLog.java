package no.dhoindex.registry.interfaces.accesslog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.registry.infrastructure.jdbc.RegistryDatabase;
import no.dhoindex.registry.interfaces.OrganisationSystems;
import no.dhoindex.shared.access.AccessLogSearch;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.XuaClaims;

/**
 * The registry's access log: every stored query answered for a user a gateway vouched for (XUA),
 * and every refusal, in the registry's own database. Pointers say which organisations hold data on
 * a patient, so being told is itself an access the patient may see.
 */
@ApplicationScoped
public class RegistryAccessLog {

    @Inject
    RegistryDatabase database;

    @Inject
    OrganisationSystems callers;

    private volatile AccessLogStore store;
    private volatile AccessLogSearch search;

    private AccessLogStore store() {
        if (store == null) {
            store = new AccessLogStore(database.accessLogDataSource());
        }
        return store;
    }

    public void record(XuaClaims who, PatientId patient, String action, AccessRecord.Outcome outcome, String reason) {
        store().record(AccessRecord.vouchedFor(who, patient, action, outcome, reason));
    }

    public synchronized AccessLogSearch search() {
        if (search == null) {
            search = new AccessLogSearch(store(), callers.logReaders(), callers.auditingSystems(), "DHO Index registry", null,
                    no.dhoindex.shared.access.WithheldNames.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()));
        }
        return search;
    }
}
