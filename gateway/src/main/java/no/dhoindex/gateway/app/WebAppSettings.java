package no.dhoindex.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * What the web app served at {@code /gateway/app/} is told (no secrets, no patient data): the issuer it logs in
 * at, its client id there ({@code dho.gateway.app.clientId}), and the names to show for organisation numbers
 * ({@code dho.gateway.organisationNames}: {@code orgnr=name;orgnr=name}) and for communities
 * ({@code dho.gateway.community.<name>.displayName}).
 */
@ApplicationScoped
public class WebAppSettings {

    @Inject
    Config config;

    public String issuer() {
        return config.getOptionalValue("dho.trust.issuer", String.class).orElse("");
    }

    public String clientId() {
        return config.getOptionalValue("dho.gateway.app.clientId", String.class).orElse("dho-app");
    }

    /** orgnr → the organisation's name, as configured; a malformed pair stops the app's configuration. */
    public Map<String, String> organisationNames() {
        return pairs(config.getOptionalValue("dho.gateway.organisationNames", String.class).orElse(""));
    }

    static Map<String, String> pairs(String value) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalStateException("dho.gateway.organisationNames: '" + pair.strip()
                        + "' is not orgnr=name");
            }
            names.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return names;
    }

    public String communityDisplayName(String community) {
        return config.getOptionalValue("dho.gateway.community." + community + ".displayName", String.class)
                .orElse(community);
    }

    /** This server only; the issuer's origin for the token request where it is elsewhere. */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy(issuer());
    }

    static String contentSecurityPolicy(String issuer) {
        String connect = "'self'";
        try {
            URI uri = URI.create(issuer);
            if (uri.getScheme() != null && uri.getHost() != null) {
                connect += " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (IllegalArgumentException e) {
            // No usable issuer: the app can reach this server only, and says that login is not possible.
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; font-src 'self'; "
                + "connect-src " + connect + "; form-action 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'";
    }
}
