package no.dhoindex.adapters.interfaces.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The organisation's administrative HTTP API, under {@code /adapters/<org>/admin}. */
@ApplicationPath("/admin")
public class AdminApplication extends Application {
}
