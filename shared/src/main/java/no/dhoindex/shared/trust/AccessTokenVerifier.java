package no.dhoindex.shared.trust;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.trust.checks.AttestationChecks;
import no.dhoindex.shared.trust.checks.ClaimChecks;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.shared.trust.checks.DpopChecks;
import no.dhoindex.shared.trust.checks.SignatureCheck;
import no.dhoindex.shared.trust.checks.TokenCheck;
import no.dhoindex.shared.trust.checks.TokenContext;
import no.dhoindex.shared.trust.checks.TokenOnlyCheck;

/**
 * Verifies a HelseID-shaped, DPoP-bound access token on an incoming request: a chain of small
 * named checks run in order, the first failure refusing the call (fail closed).
 *
 * <p>A client sends the same token with many calls, each with a fresh DPoP proof. A token that passed
 * every check is remembered by its exact text until its {@code exp} ({@link VerifiedTokens}): on its
 * next call the parsing, the signature and the checks of the token alone ({@link TokenOnlyCheck}) are
 * not done again — the issuer must still publish the signing key — while the lifetime, the call's own
 * DPoP proof (signature, method, URL, age, {@code ath}, used once) and its binding to the token's
 * {@code cnf.jkt}, and the checks of changing configuration run on every call.
 */
public final class AccessTokenVerifier {

    /** Tokens remembered per verifier: far more than the users of one node within a token's lifetime. */
    static final int REMEMBERED_TOKENS = 10_000;

    private final List<TokenCheck> checks;
    private final Clock clock;
    private final VerifiedTokens verified;

    private AccessTokenVerifier(List<TokenCheck> checks, Clock clock) {
        this(checks, clock, REMEMBERED_TOKENS);
    }

    private AccessTokenVerifier(List<TokenCheck> checks, Clock clock, int rememberedTokens) {
        this.checks = List.copyOf(checks);
        this.clock = clock;
        this.verified = new VerifiedTokens(rememberedTokens);
    }

    /** The same checks, remembering at most {@code rememberedTokens} verified tokens (for tests of the bound). */
    AccessTokenVerifier remembering(int rememberedTokens) {
        return new AccessTokenVerifier(checks, clock, rememberedTokens);
    }

    /**
     * The standard chain for a resource: issuer, audience, scope, and the user's attestation if asked;
     * a user (with an attestation) must be named by an HPR number.
     */
    public static AccessTokenVerifier forResource(TrustKeys keys, String issuer, String audience, String scope,
                                                  boolean userWithAttestation, UsedProofs replays, Clock clock) {
        return forResource(keys, issuer, audience, scope, userWithAttestation, true, replays, clock);
    }

    /** The same, with the HPR number check switched by configuration ({@code dho.trust.requireHpr}). */
    public static AccessTokenVerifier forResource(TrustKeys keys, String issuer, String audience, String scope,
                                                  boolean userWithAttestation, boolean requireHpr,
                                                  UsedProofs replays, Clock clock) {
        List<TokenCheck> checks = token(keys, issuer, audience, replays);
        checks.add(ClaimChecks.scope(scope));
        if (userWithAttestation) {
            checks.add(ClaimChecks.securityLevel(4));
            checks.add(AttestationChecks.required());
            if (requireHpr) {
                checks.add(AttestationChecks.hprNumber());
            }
        }
        return new AccessTokenVerifier(checks, clock);
    }

    /**
     * A user's token for a resource that needs no attestation but one of several scopes (e.g. the
     * access log: an auditor's scope, or a citizen's scope for their own log).
     */
    public static AccessTokenVerifier forUserWithAnyScope(TrustKeys keys, String issuer, String audience,
                                                          java.util.Set<String> scopes, UsedProofs replays, Clock clock) {
        List<TokenCheck> checks = token(keys, issuer, audience, replays);
        checks.add(ClaimChecks.anyScope(scopes));
        checks.add(ClaimChecks.securityLevel(4));
        return new AccessTokenVerifier(checks, clock);
    }

    /**
     * An organisation's system calling on its own behalf (HelseID client credentials, DPoP-bound):
     * one of the operation's scopes and the organisation it acts for; no user, no attestation.
     */
    public static AccessTokenVerifier forSystem(TrustKeys keys, String issuer, String audience,
                                                java.util.Set<String> scopes, UsedProofs replays, Clock clock) {
        List<TokenCheck> checks = token(keys, issuer, audience, replays);
        checks.add(ClaimChecks.anyScope(scopes));
        checks.add(ClaimChecks.organisation());
        return new AccessTokenVerifier(checks, clock);
    }

    /** The same, for a service of one organisation: only that organisation's own systems. */
    public static AccessTokenVerifier forSystemOf(java.util.function.Supplier<String> organisation, TrustKeys keys,
                                                  String issuer, String audience, java.util.Set<String> scopes,
                                                  UsedProofs replays, Clock clock) {
        List<TokenCheck> checks = new ArrayList<>(forSystem(keys, issuer, audience, scopes, replays, clock).checks);
        checks.add(ClaimChecks.organisationIs(organisation));
        return new AccessTokenVerifier(checks, clock);
    }

    /** What every access token must pass: signature, typ, iss, aud, lifetime, and its DPoP proof and binding. */
    private static List<TokenCheck> token(TrustKeys keys, String issuer, String audience, UsedProofs replays) {
        return new ArrayList<>(List.of(
                new SignatureCheck(keys),
                ClaimChecks.type(),
                ClaimChecks.issuer(issuer),
                ClaimChecks.audience(audience),
                ClaimChecks.lifetime(Duration.ofSeconds(30)),
                DpopChecks.proof(replays, Duration.ofSeconds(10), Duration.ofSeconds(5)),
                DpopChecks.binding()));
    }

    public VerifiedCaller verify(ResourceRequest request) throws TokenRefusal {
        oneOfEach(request);
        String token = bearer(request.authorization());
        Instant now = clock.instant();
        VerifiedTokens.Verified known = verified.get(token, now);
        if (known != null) {
            return again(token, known, request, now);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | ClassCastException e) {
            throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "format", "the access token is not a signed JWT");
        }
        TokenContext context = new TokenContext(token, jwt, claims, request, now);
        for (TokenCheck check : checks) {
            check.check(context);
        }
        VerifiedCaller caller = caller(context);
        if (claims.getExpirationTime() != null) {
            verified.put(token, new VerifiedTokens.Verified(jwt, claims, context.signingKey(), caller,
                    claims.getExpirationTime().toInstant()), now);
        }
        return caller;
    }

    /** A token that passed every check before: in the same order, what depends on this call or may have changed. */
    private VerifiedCaller again(String token, VerifiedTokens.Verified known, ResourceRequest request, Instant now)
            throws TokenRefusal {
        TokenContext context = new TokenContext(token, known.token(), known.claims(), request, now, known.signingKey());
        for (TokenCheck check : checks) {
            if (check instanceof TokenOnlyCheck lasting) {
                lasting.reconfirm(context);
            } else {
                check.check(context);
            }
        }
        return known.caller();
    }

    /** How many verified tokens are remembered (for tests). */
    int rememberedTokens() {
        return verified.size();
    }

    /**
     * One Authorization header (RFC 9110 §11.6.2 admits one credential) and not more than one DPoP
     * header (RFC 9449 §4.3, first check): with two, which one a component reads is not defined.
     */
    private static void oneOfEach(ResourceRequest request) throws TokenRefusal {
        if (request.authorizationHeaders() > 1) {
            throw new TokenRefusal(TokenRefusal.Kind.INVALID_REQUEST, "one-authorization",
                    "the request carries more than one Authorization header");
        }
        if (request.dpopHeaders() > 1) {
            throw new TokenRefusal(TokenRefusal.Kind.INVALID_DPOP_PROOF, "one-proof",
                    "the request carries more than one DPoP header");
        }
    }

    /** RFC 9449 §7.1: a DPoP-bound token travels under the DPoP scheme. */
    private static String bearer(String authorization) throws TokenRefusal {
        if (authorization == null || authorization.isBlank()) {
            throw new TokenRefusal(TokenRefusal.Kind.MISSING_TOKEN, "presence", "the request carries no access token");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("DPoP")) {
            throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "scheme",
                    "the access token must be sent with the DPoP authorization scheme");
        }
        return parts[1].trim();
    }

    private static VerifiedCaller caller(TokenContext c) {
        JWTClaimsSet claims = c.claims();
        Object level = claims.getClaim(Claims.SECURITY_LEVEL);
        Object cnf = claims.getClaim(Claims.CNF);
        return new VerifiedCaller(claims.getJWTID(), claims.getSubject(), text(claims, Claims.PID),
                text(claims, Claims.HPR_NUMBER), text(claims, Claims.CLIENT_ID), text(claims, Claims.CLIENT_NAME),
                text(claims, Claims.ORGNR_PARENT), text(claims, Claims.ORGNR_CHILD),
                java.util.Set.copyOf(scopeList(claims)), level(level),
                AttestationReader.read(claims.getClaim(Claims.AUTHORIZATION_DETAILS)),
                cnf instanceof Map<?, ?> m ? String.valueOf(m.get("jkt")) : null,
                claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant());
    }

    /** The security level as a number; absent or unreadable is 0 (no level a check would accept). */
    private static int level(Object level) {
        try {
            return level == null ? 0 : Integer.parseInt(level.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> scopeList(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        if (scope instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? null : value.toString();
    }
}
