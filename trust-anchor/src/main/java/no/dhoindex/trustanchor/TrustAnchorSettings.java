package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.dhoindex.shared.config.RequiredSettings;
import org.eclipse.microprofile.config.Config;

/**
 * What the development trust anchor cannot start without (every setting in deploy/trust-anchor.properties):
 * the issuer it signs as and the resource it issues tokens for. Its practitioners and systems are configuration
 * too (./dho gives the demo's from demo/trust-anchor.properties and demo/organisations).
 */
@ApplicationScoped
public class TrustAnchorSettings {

    @Inject
    Config config;

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        new RequiredSettings("trust-anchor", key -> config.getOptionalValue(key, String.class))
                .require("dho.trust.issuer", "the issuer URL the anchor signs as: its own base URL, e.g. http://host:port/trust")
                .require("dho.trust.audience", "the resource its tokens are for (nhn:dho-index)")
                .check();
    }
}
