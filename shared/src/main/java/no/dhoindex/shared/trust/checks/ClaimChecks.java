package no.dhoindex.shared.trust.checks;

import com.nimbusds.jose.JOSEObjectType;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import no.dhoindex.shared.trust.TokenRefusal;

/**
 * The small claim checks of an access token (RFC 9068, HelseID): each one named for the log. Those that
 * read the token alone are {@link TokenOnlyCheck}s; the lifetime and the organisation a service is
 * configured for are checked on every call.
 */
public final class ClaimChecks {

    private ClaimChecks() {
    }

    /** {@code typ} is {@code at+jwt} (or plain {@code JWT}, which HelseID also issues). */
    public static TokenOnlyCheck type() {
        return c -> {
            JOSEObjectType typ = c.token().getHeader().getType();
            if (typ == null || !Set.of("at+jwt", "application/at+jwt", "JWT").contains(typ.getType())) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "type", "the token is not an access token (typ)");
            }
        };
    }

    public static TokenOnlyCheck issuer(String expected) {
        return c -> {
            if (!expected.equals(c.claims().getIssuer())) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "issuer",
                        "the token is not from the trusted issuer");
            }
        };
    }

    /** Exactly one audience, and it is this resource. */
    public static TokenOnlyCheck audience(String expected) {
        return c -> {
            List<String> audience = c.claims().getAudience();
            if (audience == null || audience.size() != 1 || !expected.equals(audience.get(0))) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "audience",
                        "the token is not issued for this service (aud)");
            }
        };
    }

    /** {@code exp} in the future and {@code nbf}/{@code iat} not in the future, with a small skew. */
    public static TokenCheck lifetime(Duration skew) {
        return c -> {
            Instant now = c.now();
            Date exp = c.claims().getExpirationTime();
            if (exp == null || !exp.toInstant().plus(skew).isAfter(now)) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "lifetime", "the token has expired");
            }
            Date nbf = c.claims().getNotBeforeTime();
            if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "lifetime", "the token is not valid yet");
            }
            Date iat = c.claims().getIssueTime();
            if (iat != null && iat.toInstant().minus(skew).isAfter(now)) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "lifetime", "the token is issued in the future");
            }
        };
    }

    /** The operation's scope is among the token's (space-separated string or list). */
    public static TokenOnlyCheck scope(String required) {
        return c -> {
            if (!scopes(c).contains(required)) {
                throw new TokenRefusal(TokenRefusal.Kind.INSUFFICIENT_SCOPE, "scope",
                        "the token lacks the scope " + required);
            }
        };
    }

    /** The token carries at least one of these scopes (a resource that serves two kinds of caller). */
    public static TokenOnlyCheck anyScope(java.util.Set<String> acceptable) {
        return c -> {
            if (acceptable.stream().noneMatch(scopes(c)::contains)) {
                throw new TokenRefusal(TokenRefusal.Kind.INSUFFICIENT_SCOPE, "scope",
                        "the token lacks one of the scopes " + new java.util.TreeSet<>(acceptable));
            }
        };
    }

    /** The user's authentication is at least this level (HelseID: 4 = BankID / Buypass). */
    public static TokenOnlyCheck securityLevel(int minimum) {
        return c -> {
            Object level = c.claims().getClaim(Claims.SECURITY_LEVEL);
            int value;
            try {
                value = level == null ? -1 : Integer.parseInt(level.toString());
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < minimum) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "security-level",
                        "the user's authentication is below security level " + minimum);
            }
        };
    }

    /**
     * A system's token (client credentials) names the organisation the system acts for: HelseID's
     * {@code orgnr_parent} (and {@code orgnr_child} where the client acts for a part of it), nine digits.
     */
    public static TokenOnlyCheck organisation() {
        return c -> {
            String parent = string(c, Claims.ORGNR_PARENT);
            String child = string(c, Claims.ORGNR_CHILD);
            if (parent == null || !parent.matches("\\d{9}") || (child != null && !child.matches("\\d{9}"))) {
                throw new TokenRefusal(TokenRefusal.Kind.INVALID_TOKEN, "organisation",
                        "the token names no organisation (orgnr) for the calling system");
            }
        };
    }

    /** The system acts for this organisation (its own sharing service), not for another. */
    public static TokenCheck organisationIs(java.util.function.Supplier<String> orgnr) {
        return c -> {
            String expected = orgnr.get();
            String child = string(c, Claims.ORGNR_CHILD);
            String parent = string(c, Claims.ORGNR_PARENT);
            if (expected == null || !(expected.equals(parent) || expected.equals(child))) {
                throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "organisation",
                        "the calling system acts for organisation " + (child != null ? child : parent)
                                + ", not for this one");
            }
        };
    }

    static Set<String> scopes(TokenContext c) {
        Object scope = c.claims().getClaim("scope");
        if (scope instanceof String s) {
            return Set.copyOf(List.of(s.trim().split("\\s+")));
        }
        if (scope instanceof List<?> list) {
            return Set.copyOf(list.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    static String string(TokenContext c, String claim) {
        try {
            return c.claims().getStringClaim(claim);
        } catch (ParseException e) {
            return null;
        }
    }
}
