package no.dhoindex.registry.interfaces.accesslog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.registry.infrastructure.jdbc.RegistryDatabase;
import no.dhoindex.shared.access.AccessLogSearch;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.RemoteJwks;
import no.dhoindex.shared.trust.ReplayCache;
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
    RegistrySettings settings;

    private volatile AccessLogStore store;
    private volatile AccessLogSearch search;

    private AccessLogStore store() {
        if (store == null) {
            store = new AccessLogStore(database.dataSource());
        }
        return store;
    }

    public void record(XuaClaims who, PatientId patient, String action, AccessRecord.Outcome outcome, String reason) {
        store().record(AccessRecord.vouchedFor(who, patient, action, outcome, reason));
    }

    public synchronized AccessLogSearch search() {
        if (search == null) {
            RemoteJwks keys = new RemoteJwks(settings.trustJwks(), Clock.systemUTC(), Duration.ofSeconds(30));
            ReplayCache replays = new ReplayCache();
            search = new AccessLogSearch(store(),
                    AccessTokenVerifier.forUserWithAnyScope(keys, settings.trustIssuer(), settings.trustAudience(),
                            Set.of(AccessLogSearch.AUDIT_SCOPE, AccessLogSearch.OWN_LOG_SCOPE), replays, Clock.systemUTC()),
                    AccessTokenVerifier.forSystem(keys, settings.trustIssuer(), settings.trustAudience(),
                            Set.of(AccessLogSearch.AUDIT_SCOPE), replays, Clock.systemUTC()),
                    "DHO Index registry", null);
        }
        return search;
    }
}
