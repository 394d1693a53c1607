package no.dhoindex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import no.dhoindex.shared.trust.SystemTokens;

/**
 * An organisation's system as the registry and the adapters see it in tests and in the demo: it
 * gets its own client-credentials token from the (local) trust anchor, DPoP-bound to a key of its
 * own, and sends it with a fresh proof on every SOAP call.
 */
public final class SystemCaller {

    /** The demo systems of the local trust anchor (trust-anchor's microprofile-config.properties). */
    public static final String SYKEHUS_ADAPTER = "sykehus-adapter";
    public static final String SYKEHUS_EHR = "sykehus-ehr";
    public static final String KOMMUNE_EHR = "kommune-ehr";
    public static final String REGISTER = "nhn:dho-index/register";
    public static final String PROVIDE = "nhn:dho-index/provide";
    public static final String ADMIN = "nhn:dho-index/admin";

    private final SystemTokens tokens;

    /** @param trustAnchor the trust anchor's base (its issuer), e.g. http://127.0.0.1:8080/trust */
    public SystemCaller(URI trustAnchor, String clientId, String scope) {
        this.tokens = new SystemTokens(URI.create(trustAnchor + "/token"), clientId, scope, Clock.systemUTC());
    }

    /** Authorization and DPoP headers for one call. */
    public Map<String, String> headers(String method, URI uri) {
        try {
            return tokens.headersFor(method, uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Soap.Reply call(URI endpoint, String action, String bodyXml) {
        return Soap.call(endpoint, action, bodyXml, headers("POST", endpoint));
    }

    /** ITI-42 to a registry. */
    public Soap.Reply register(URI registry, String submissionXml) {
        return call(registry, XdsActions.ITI_42, submissionXml);
    }

    /** ITI-41 with MTOM parts to a repository. */
    public Soap.Reply provide(URI repository, String bodyXml, Map<String, byte[]> parts) {
        return Mtom.call(repository, XdsActions.ITI_41, bodyXml, parts, headers("POST", repository));
    }
}
