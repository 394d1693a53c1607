package no.dhoindex.trustanchor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The trust anchor's HTTP API at the root of its context ({@code /trust}). */
@ApplicationPath("/")
public class TrustAnchorApplication extends Application {
}
