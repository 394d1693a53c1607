package no.dhoindex.adapters.interfaces.accesslog;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The organisation's FHIR side under {@code /adapters/<org>/fhir}: its access log (IHE RESTful ATNA,
 * ITI-81 search) and the search of its data for a trusted gateway ({@code DataSearchResource}).
 */
@ApplicationPath("/fhir")
public class AccessLogApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AuditEventResource.class, no.dhoindex.adapters.search.DataSearchResource.class);
    }
}
