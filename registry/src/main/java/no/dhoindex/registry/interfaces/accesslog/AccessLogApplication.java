package no.dhoindex.registry.interfaces.accesslog;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The registry's access log as FHIR (IHE RESTful ATNA, ITI-81 search), under {@code /registry/fhir}. */
@ApplicationPath("/fhir")
public class AccessLogApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AuditEventResource.class);
    }
}
