package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The {@code _security} search parameter on {@code meta.security}: {@code _security=<system>|<code>}
 * keeps resources with that label, {@code _security:not=<system>|<code>} those without it (how an
 * organisation's adapter leaves out what is labelled NORS where the data is selected).
 */
final class SecurityLabels {

    private SecurityLabels() {
    }

    static boolean admits(TokenOrListParam security, Resource r) {
        if (security == null) {
            return true;
        }
        boolean anyPositive = false;
        boolean positiveMatched = false;
        for (TokenParam t : security.getValuesAsQueryTokens()) {
            boolean labelled = r.getMeta().getSecurity().stream().anyMatch(c -> matches(t, c));
            if (t.getModifier() == TokenParamModifier.NOT) {
                if (labelled) {
                    return false;
                }
            } else {
                anyPositive = true;
                positiveMatched |= labelled;
            }
        }
        return !anyPositive || positiveMatched;
    }

    private static boolean matches(TokenParam t, Coding c) {
        return t.getValue() != null && t.getValue().equals(c.getCode())
                && (t.getSystem() == null || t.getSystem().isEmpty() || t.getSystem().equals(c.getSystem()));
    }
}
