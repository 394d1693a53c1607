package no.dhoindex.adapters.interfaces.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The organisation's administrative HTTP API, under {@code /adapters/<org>/admin}. */
@ApplicationPath("/admin")
public class AdminApplication extends Application {

    /** Its own resources only: the WAR has a second JAX-RS application (the access log). */
    @Override
    public java.util.Set<Class<?>> getClasses() {
        return java.util.Set.of(PatientBlockResource.class, ReconciliationResource.class, OwnDocumentsResource.class);
    }
}
