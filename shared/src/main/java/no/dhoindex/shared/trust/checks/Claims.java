package no.dhoindex.shared.trust.checks;

/** HelseID claim names (DOMAIN.md §5). */
public final class Claims {

    public static final String PID = "helseid://claims/identity/pid";
    public static final String PID_PSEUDONYM = "helseid://claims/identity/pid_pseudonym";
    public static final String SECURITY_LEVEL = "helseid://claims/identity/security_level";
    public static final String ASSURANCE_LEVEL = "helseid://claims/identity/assurance_level";
    public static final String HPR_NUMBER = "helseid://claims/hpr/hpr_number";
    public static final String CLIENT_NAME = "helseid://claims/client/client_name";
    public static final String ORGNR_PARENT = "helseid://claims/client/claims/orgnr_parent";
    public static final String ORGNR_CHILD = "helseid://claims/client/claims/orgnr_child";
    public static final String ORGNR_SUPPLIER = "helseid://claims/client/claims/orgnr_supplier";
    public static final String CLIENT_ID = "client_id";
    public static final String CNF = "cnf";
    public static final String AUTHORIZATION_DETAILS = "authorization_details";
    public static final String TRUST_FRAMEWORK_TYPE = "nhn:tillitsrammeverk:parameters";

    private Claims() {
    }
}
