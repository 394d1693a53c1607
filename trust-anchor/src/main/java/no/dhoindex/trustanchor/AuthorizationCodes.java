package no.dhoindex.trustanchor;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The authorization-code grant of a browser app (RFC 6749 §4.1 with PKCE, RFC 7636, S256 only): which apps may
 * ask (by configuration, each with its exact redirect URIs), the one-time codes handed to them, and the checks
 * at the token endpoint. Fails closed: anything not registered, not exact or not matching is a refusal.
 */
final class AuthorizationCodes {

    /** A code is good for this long: the app redeems it right after the redirect. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    /** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** base64url of a SHA-256 digest, no padding. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A browser app registered with the anchor ({@code dho.trust.browserClient.<id>.redirectUris}). */
    record BrowserClient(String clientId, Set<String> redirectUris) {
    }

    /** Who logged in, for which patient and purpose of use (practitioner), or as which citizen. */
    record Login(String practitioner, String citizen, String patient, String purpose) {

        static Login practitioner(String practitioner, String patient, String purpose) {
            return new Login(practitioner, null, patient, purpose);
        }

        static Login citizen(String pid) {
            return new Login(null, pid, null, null);
        }
    }

    /** What a code stands for: the app, where it was sent, the PKCE challenge and the login. */
    record Grant(String clientId, String redirectUri, String codeChallenge, Login login, Instant expires) {
    }

    /** An OAuth error (RFC 6749 §5.2 / §4.1.2.1): its code and a description for the developer. */
    static final class Refusal extends Exception {
        private final String error;

        Refusal(String error, String description) {
            super(description);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    private final Function<String, BrowserClient> clients;
    private final Supplier<Instant> clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** {@code clients} answers the registered app of a client id, or null; {@code clock} says what time it is. */
    AuthorizationCodes(Function<String, BrowserClient> clients, Supplier<Instant> clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * Checks an authorization request before anyone logs in. A client or redirect URI that is not registered is
     * refused without redirecting (§4.1.2.1: the user is told, never sent to an unchecked address).
     */
    BrowserClient check(String clientId, String redirectUri, String responseType, String codeChallenge,
                        String codeChallengeMethod) throws Refusal {
        BrowserClient client = clientId == null ? null : clients.apply(clientId);
        if (client == null) {
            throw new Refusal("unauthorized_client", "unknown client: " + clientId);
        }
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw new Refusal("invalid_request", "the redirect_uri is not one registered for " + clientId);
        }
        if (!"code".equals(responseType)) {
            throw new Refusal("unsupported_response_type", "only response_type=code");
        }
        if (!"S256".equals(codeChallengeMethod)) {
            throw new Refusal("invalid_request", "PKCE with code_challenge_method=S256 is required");
        }
        if (codeChallenge == null || !CHALLENGE.matcher(codeChallenge).matches()) {
            throw new Refusal("invalid_request", "code_challenge must be base64url(SHA-256(verifier))");
        }
        return client;
    }

    /** A one-time code for a checked request and the user who logged in. */
    String issue(String clientId, String redirectUri, String codeChallenge, Login login) throws Refusal {
        check(clientId, redirectUri, "code", codeChallenge, "S256");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64URL.encode(bytes).toString();
        codes.put(code, new Grant(clientId, redirectUri, codeChallenge, login, clock.get().plus(LIFETIME)));
        return code;
    }

    /**
     * Redeems a code at the token endpoint. The code is gone after the first attempt, whether it succeeds or
     * not (a code seen twice may have been stolen); the client, the exact redirect URI and the PKCE verifier
     * must match what the code was issued for.
     */
    Login redeem(String code, String clientId, String redirectUri, String codeVerifier) throws Refusal {
        removeExpired();
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || grant.expires().isBefore(clock.get())) {
            throw new Refusal("invalid_grant", "unknown, used or expired authorization code");
        }
        if (!grant.clientId().equals(clientId)) {
            throw new Refusal("invalid_grant", "the code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            throw new Refusal("invalid_grant", "the redirect_uri is not the one the code was issued for");
        }
        if (codeVerifier == null || !VERIFIER.matcher(codeVerifier).matches()
                || !MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new Refusal("invalid_grant", "the code_verifier does not match the code_challenge");
        }
        return grant.login();
    }

    /** How many codes wait to be redeemed (tests). */
    int pending() {
        return codes.size();
    }

    private void removeExpired() {
        Instant now = clock.get();
        codes.values().removeIf(g -> g.expires().isBefore(now));
    }

    /** RFC 7636 §4.2: base64url(SHA-256(ASCII(verifier))). */
    static String s256(String verifier) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
