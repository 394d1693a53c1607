package no.dhoindex.shared.xua;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a source asks of an XUA assertion beyond its signature (ITI TF-2b 3.40, NHN's profile): how
 * the user authenticated (AuthnContextClassRef), the code system of the role and the roles served,
 * and the purposes of use served. Settings {@code dho.xua.authnContextClasses}, {@code dho.xua.roleCodeSystem},
 * {@code dho.xua.roles}, and each deployable's purposes of use.
 */
public record XuaPolicy(Set<String> authnContextClasses, String roleCodeSystem, Set<String> roles,
                        Set<String> purposesOfUse) {

    /** Strong authentication only: smart card / PKI certificates and two-factor (HelseID level 4). */
    public static final String DEFAULT_AUTHN_CONTEXT_CLASSES = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard,"
            + "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI,urn:oasis:names:tc:SAML:2.0:ac:classes:X509,"
            + "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract,"
            + "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken";
    /** Volven 9060, the health personnel categories of the HPR. */
    public static final String DEFAULT_ROLE_CODE_SYSTEM = "2.16.578.1.12.4.1.1.9060";
    /** The 9060 codes of authorised health personnel (HPR); a deployment narrows or widens them. */
    public static final String DEFAULT_ROLES = "AA,AU,BI,ET,FA1,FA2,FO,FT,HF,HP,JM,KE,KI,LE,OA,OI,OP,OT,PE,PS,"
            + "RA,SP,TH,TL,TP,TT,VP";
    /** HL7 PurposeOfUse (ITI TF-2b 3.40.4.1.2). */
    public static final String PURPOSE_OF_USE_CODE_SYSTEM = "2.16.840.1.113883.1.11.20448";

    public XuaPolicy {
        authnContextClasses = Set.copyOf(authnContextClasses);
        roles = Set.copyOf(roles);
        purposesOfUse = Set.copyOf(purposesOfUse);
    }

    /** From the settings' comma-separated values; a null or blank one takes the default. */
    public static XuaPolicy of(String authnContextClasses, String roleCodeSystem, String roles,
                               Set<String> purposesOfUse) {
        return new XuaPolicy(list(authnContextClasses, DEFAULT_AUTHN_CONTEXT_CLASSES),
                roleCodeSystem == null || roleCodeSystem.isBlank() ? DEFAULT_ROLE_CODE_SYSTEM : roleCodeSystem.trim(),
                list(roles, DEFAULT_ROLES), purposesOfUse);
    }

    private static Set<String> list(String value, String fallback) {
        String text = value == null || value.isBlank() ? fallback : value;
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
