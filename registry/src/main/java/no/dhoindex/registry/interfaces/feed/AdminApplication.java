package no.dhoindex.registry.interfaces.feed;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The registry's administrative HTTP API, under {@code /registry/admin}. */
@ApplicationPath("/admin")
public class AdminApplication extends Application {

    /** Its own resources only: the WAR has a second JAX-RS application (the access log). */
    @Override
    public java.util.Set<Class<?>> getClasses() {
        return java.util.Set.of(PatientFeedResource.class, OwnPointersResource.class);
    }
}
