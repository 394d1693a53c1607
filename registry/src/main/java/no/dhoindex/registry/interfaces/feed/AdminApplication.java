package no.dhoindex.registry.interfaces.feed;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The registry's administrative HTTP API, under {@code /registry/admin}. */
@ApplicationPath("/admin")
public class AdminApplication extends Application {
}
