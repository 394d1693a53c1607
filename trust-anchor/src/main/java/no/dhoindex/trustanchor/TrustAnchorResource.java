package no.dhoindex.trustanchor;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import no.dhoindex.shared.trust.ReplayCache;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.checks.Claims;
import no.dhoindex.shared.trust.checks.DpopChecks;
import org.eclipse.microprofile.config.Config;

/**
 * The local trust anchor (development and tests only, like NHN's test token service): discovery,
 * JWKS, and a token endpoint that issues a demo practitioner's HelseID-shaped access token, bound
 * to the DPoP key that signed the request's proof, carrying the trust-framework attestation the
 * client states (patient, purpose of use). Real deployments point the gateway at HelseID instead.
 */
@Path("/")
@ApplicationScoped
public class TrustAnchorResource {

    private static final Logger LOG = Logger.getLogger(TrustAnchorResource.class.getName());
    static final String SCOPE = "nhn:dho-index/read";
    /** An organisation's system publishing pointers to the registry (ITI-42/61). */
    static final String REGISTER_SCOPE = "nhn:dho-index/register";
    /** An organisation's system providing documents to its own repository (ITI-41). */
    static final String PROVIDE_SCOPE = "nhn:dho-index/provide";
    /** An organisation's system managing its sharing service (patients' blocks). */
    static final String ADMIN_SCOPE = "nhn:dho-index/admin";
    static final String AUDIT_SCOPE = "nhn:dho-index/audit";
    /** A citizen reading who has seen their data. */
    static final String OWN_LOG_SCOPE = "nhn:dho-index/own-log";

    @Inject
    Config config;

    @Inject
    DemoPractitioners practitioners;

    @Inject
    DemoSystems systems;

    @Inject
    BrowserClients browserClients;

    private AuthorizationCodes codes;

    private TokenMinter minter;
    private final ReplayCache proofs = new ReplayCache();

    @PostConstruct
    void start() {
        java.nio.file.Path data = java.nio.file.Path.of(config.getOptionalValue("dho.data.dir", String.class).orElse("data"));
        RSAKey key = SigningKey.loadOrCreate(data.resolve("trust-anchor").resolve("signing-key.json"));
        minter = new TokenMinter(key, issuer(), Clock.systemUTC());
        codes = new AuthorizationCodes(browserClients::byClientId, Clock.systemUTC()::instant);
    }

    /** Loads the signing key when the application starts, not at the first token request. */
    void onStart(@jakarta.enterprise.event.Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class)
                 Object started) {
        signingKeyLoaded();
    }

    /** Whether the signing key is loaded (readiness): tokens can be signed and the JWKS published. */
    boolean signingKeyLoaded() {
        return minter != null;
    }

    private String issuer() {
        return config.getValue("dho.trust.issuer", String.class);
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer());
        d.put("jwks_uri", issuer() + "/jwks");
        d.put("token_endpoint", issuer() + "/token");
        d.put("authorization_endpoint", issuer() + "/authorize");
        d.put("response_types_supported", List.of("code"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("dpop_signing_alg_values_supported", List.of("ES256", "PS256", "RS256"));
        d.put("grant_types_supported", List.of("client_credentials", "authorization_code", "urn:dho-index:demo-practitioner",
                "urn:dho-index:demo-citizen"));
        d.put("scopes_supported", List.of(SCOPE, REGISTER_SCOPE, PROVIDE_SCOPE, ADMIN_SCOPE, AUDIT_SCOPE, OWN_LOG_SCOPE));
        return d;
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return minter.publicKeys().toString();
    }

    /**
     * The token endpoint: {@code grant_type=client_credentials} issues an organisation's system its
     * own token ({@code client_id}, {@code scope}); otherwise a demo practitioner's (below). Either
     * is bound to the DPoP key that signed the request's proof.
     */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                          @FormParam("scope") String scope, @FormParam("practitioner") String practitioner,
                          @FormParam("patient") String patient, @FormParam("purpose") String purpose,
                          @FormParam("citizen") String citizen, @FormParam("code") String code,
                          @FormParam("code_verifier") String codeVerifier, @FormParam("redirect_uri") String redirectUri,
                          @HeaderParam("DPoP") String dpop) {
        String thumbprint;
        try {
            thumbprint = DpopChecks.verifyProof(dpop, "POST", URI.create(issuer() + "/token"), null, proofs,
                    Duration.ofSeconds(60), Duration.ofSeconds(5), Clock.systemUTC().instant());
        } catch (TokenRefusal refusal) {
            return error("invalid_dpop_proof", refusal.getMessage());
        }
        if ("client_credentials".equals(grantType)) {
            return systemToken(clientId, scope, thumbprint);
        }
        if ("authorization_code".equals(grantType)) {
            AuthorizationCodes.Login login;
            try {
                login = codes.redeem(code, clientId, redirectUri, codeVerifier);
            } catch (AuthorizationCodes.Refusal refusal) {
                LOG.warning(() -> "event=token-refused grant=authorization_code client=" + clientId + " reason=\""
                        + refusal.getMessage() + "\"");
                return error(refusal.error(), refusal.getMessage());
            }
            // Bound to the browser's key: the one that signed this request's proof (its WebCrypto key pair).
            return login.citizen() != null ? citizenToken(login.citizen(), thumbprint, clientId)
                    : practitionerToken(login.practitioner(), login.patient(), login.purpose(), thumbprint, clientId);
        }
        return citizen != null ? citizenToken(citizen, thumbprint, "citizen-app-demo")
                : practitionerToken(practitioner, patient, purpose, thumbprint, null);
    }

    /**
     * A citizen's token for their own access log ("who has seen my data"), as a citizen's app gets
     * one after logging in with BankID (security level 4); no attestation, no health-personnel claims.
     */
    private Response citizenToken(String pid, String thumbprint, String clientId) {
        if (!pid.matches("\\d{11}")) {
            return error("invalid_request", "citizen must be an 11-digit national id");
        }
        String token = minter.sign(minter.claims(config.getValue("dho.trust.audience", String.class), thumbprint,
                        Duration.ofMinutes(10))
                .subject(pid).claim("scope", OWN_LOG_SCOPE).claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, pid)
                .claim(Claims.CLIENT_ID, clientId).build());
        LOG.info(() -> "event=token-issued citizen=" + pid.substring(0, 6) + "***** scope=" + OWN_LOG_SCOPE);
        return Response.ok(Map.of("access_token", token, "token_type", "DPoP", "expires_in", 600,
                "scope", OWN_LOG_SCOPE)).build();
    }

    /**
     * An organisation's system's token, as HelseID issues it for client credentials: no user, the
     * client and the organisation it acts for ({@code orgnr_parent}), and only scopes it is granted.
     */
    private Response systemToken(String clientId, String scope, String thumbprint) {
        var found = systems.byClientId(clientId);
        if (found.isEmpty()) {
            return error("invalid_client", "unknown demo system: " + clientId);
        }
        var system = found.get();
        java.util.Set<String> asked = scope == null || scope.isBlank() ? system.scopes()
                : java.util.Set.copyOf(java.util.List.of(scope.trim().split("\\s+")));
        if (!system.scopes().containsAll(asked)) {
            return error("invalid_scope", "the system " + clientId + " is not granted " + asked);
        }
        String granted = String.join(" ", new java.util.TreeSet<>(asked));
        String token = minter.sign(minter.claims(config.getValue("dho.trust.audience", String.class), thumbprint,
                        Duration.ofMinutes(10))
                .subject(clientId).claim("scope", granted).claim(Claims.CLIENT_ID, clientId)
                .claim(Claims.CLIENT_NAME, system.name()).claim(Claims.ORGNR_PARENT, system.orgnr()).build());
        LOG.info(() -> "event=token-issued client=" + clientId + " orgnr=" + system.orgnr() + " scope=\"" + granted + "\"");
        return Response.ok(Map.of("access_token", token, "token_type", "DPoP", "expires_in", 600,
                "scope", granted)).build();
    }

    /**
     * A demo practitioner's token ({@code practitioner}, {@code patient}, {@code purpose} as the
     * client's attestation states them). The DPoP proof for this request names the key the token binds.
     */
    private Response practitionerToken(String practitioner, String patient, String purpose, String thumbprint,
                                       String browserClient) {
        var who = practitioners.byId(practitioner);
        if (who.isEmpty()) {
            return error("invalid_request", "unknown demo practitioner: " + practitioner);
        }
        if (patient == null || !patient.matches("\\d{11}")) {
            return error("invalid_request", "patient must be an 11-digit national id");
        }
        var p = who.get();
        Map<String, Object> careRelation = new LinkedHashMap<>();
        careRelation.put("healthcare_service", Map.of("code", "KP01", "system", "urn:oid:2.16.578.1.12.4.1.1.8655"));
        if (purpose != null && !purpose.isBlank()) {
            careRelation.put("purpose_of_use", Map.of("code", purpose, "system", "urn:oid:2.16.840.1.113883.1.11.20448"));
        }
        Map<String, Object> attestation = new LinkedHashMap<>();
        attestation.put("type", Claims.TRUST_FRAMEWORK_TYPE);
        Map<String, Object> practitionerClaims = new LinkedHashMap<>();
        practitionerClaims.put("identifier", Map.of("id", p.pid(), "name", p.name(), "system", "urn:oid:" + NATIONAL_ID));
        practitionerClaims.put("hpr_nr", Map.of("id", p.hprNumber(), "system", "urn:oid:2.16.578.1.12.4.1.4.4"));
        if (p.authorization() != null) {
            practitionerClaims.put("authorization", Map.of("code", p.authorization(), "system", "urn:oid:" + AUTHORIZATION));
        }
        practitionerClaims.put("legal_entity", Map.of("id", p.legalEntity(), "name", p.legalEntityName(),
                "system", "urn:oid:2.16.578.1.12.4.1.4.101"));
        attestation.put("practitioner", practitionerClaims);
        attestation.put("care_relation", careRelation);
        attestation.put("patients", new ArrayList<>(List.of(Map.of("identifier",
                Map.of("id", patient, "system", "urn:oid:" + NATIONAL_ID)))));
        String token = minter.sign(minter.claims(config.getValue("dho.trust.audience", String.class), thumbprint,
                        Duration.ofMinutes(10))
                .subject(p.pid()).claim("scope", SCOPE).claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, p.pid())
                .claim(Claims.HPR_NUMBER, p.hprNumber())
                .claim(Claims.CLIENT_ID, browserClient == null ? p.clientId() : browserClient)
                .claim(Claims.ORGNR_PARENT, p.legalEntity())
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation)).build());
        LOG.info(() -> "event=token-issued practitioner=" + p.id() + " hpr=" + p.hprNumber() + " purpose=" + purpose);
        return Response.ok(Map.of("access_token", token, "token_type", "DPoP", "expires_in", 600,
                "scope", SCOPE)).build();
    }

    /** The purposes of use a clinician may state (HL7 PurposeOfUse as DOMAIN.md lists them). */
    static final java.util.Set<String> PURPOSES = java.util.Set.of("TREAT", "ETREAT", "COC", "BTG");

    /**
     * A browser app's authorization request (authorization code with PKCE S256): the login page, after the
     * client and its exact redirect URI are checked. {@code scope} says who logs in: a clinician
     * ({@code nhn:dho-index/read}, for the {@code patient} and {@code purpose} the user chose in the app) or a
     * citizen ({@code nhn:dho-index/own-log}).
     */
    @GET
    @Path("authorize")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public Response authorize(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        var q = uri.getQueryParameters();
        Map<String, String> request = authorizationRequest(q::getFirst);
        boolean english = "en".equals(request.get("ui_locales"));
        try {
            codes.check(request.get("client_id"), request.get("redirect_uri"), request.get("response_type"),
                    request.get("code_challenge"), request.get("code_challenge_method"));
        } catch (AuthorizationCodes.Refusal refusal) {
            return Response.status(400).entity(LoginPage.error(refusal.getMessage(), english)).build();
        }
        if (OWN_LOG_SCOPE.equals(request.get("scope"))) {
            return Response.ok(LoginPage.citizen(request, english)).build();
        }
        if (!SCOPE.equals(request.get("scope"))) {
            return redirect(request, "error", "invalid_scope");
        }
        String problem = clinicianChoiceProblem(request.get("patient"), request.get("purpose"));
        if (problem != null) {
            return redirect(request, "error", "invalid_request", "error_description", problem);
        }
        return Response.ok(LoginPage.practitioner(request, practitioners.all(), english)).build();
    }

    /** The login page's answer: everything checked again, then a one-time code sent to the exact redirect URI. */
    @POST
    @Path("authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public Response login(jakarta.ws.rs.core.MultivaluedMap<String, String> form) {
        Map<String, String> request = authorizationRequest(form::getFirst);
        boolean english = "en".equals(request.get("ui_locales"));
        try {
            codes.check(request.get("client_id"), request.get("redirect_uri"), request.get("response_type"),
                    request.get("code_challenge"), request.get("code_challenge_method"));
            AuthorizationCodes.Login login;
            if (OWN_LOG_SCOPE.equals(request.get("scope"))) {
                String pid = form.getFirst("citizen");
                if (pid == null || !pid.strip().matches("\\d{11}")) {
                    return Response.status(400).entity(LoginPage.error(english
                            ? "A national identity number has 11 digits." : "Et fødselsnummer har 11 siffer.", english)).build();
                }
                login = AuthorizationCodes.Login.citizen(pid.strip());
            } else if (SCOPE.equals(request.get("scope"))) {
                String problem = clinicianChoiceProblem(request.get("patient"), request.get("purpose"));
                String practitioner = form.getFirst("practitioner");
                if (problem == null && (practitioner == null || practitioners.byId(practitioner).isEmpty())) {
                    problem = "unknown demo practitioner";
                }
                if (problem != null) {
                    return redirect(request, "error", "access_denied", "error_description", problem);
                }
                login = AuthorizationCodes.Login.practitioner(practitioner, request.get("patient"), request.get("purpose"));
            } else {
                return redirect(request, "error", "invalid_scope");
            }
            String code = codes.issue(request.get("client_id"), request.get("redirect_uri"),
                    request.get("code_challenge"), login);
            LOG.info(() -> "event=login client=" + request.get("client_id") + " scope=" + request.get("scope")
                    + (login.practitioner() != null ? " practitioner=" + login.practitioner() + " purpose=" + login.purpose()
                    : " citizen=" + login.citizen().substring(0, 6) + "*****"));
            return redirect(request, "code", code);
        } catch (AuthorizationCodes.Refusal refusal) {
            return Response.status(400).entity(LoginPage.error(refusal.getMessage(), english)).build();
        }
    }

    private static final List<String> AUTHORIZATION_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "code_challenge", "code_challenge_method", "patient", "purpose", "ui_locales");

    private static Map<String, String> authorizationRequest(java.util.function.Function<String, String> parameter) {
        Map<String, String> request = new LinkedHashMap<>();
        AUTHORIZATION_PARAMETERS.forEach(k -> request.put(k, parameter.apply(k)));
        return request;
    }

    private static String clinicianChoiceProblem(String patient, String purpose) {
        if (patient == null || !patient.matches("\\d{11}")) {
            return "patient must be an 11-digit national id";
        }
        if (purpose == null || !PURPOSES.contains(purpose)) {
            return "purpose must be one of " + new java.util.TreeSet<>(PURPOSES);
        }
        return null;
    }

    /** 303 to the request's redirect URI (already checked to be registered) with the given parameters and state. */
    private static Response redirect(Map<String, String> request, String... parameters) {
        StringBuilder target = new StringBuilder(request.get("redirect_uri"));
        char separator = target.indexOf("?") < 0 ? '?' : '&';
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            target.append(separator).append(parameters[i]).append('=').append(encode(parameters[i + 1]));
            separator = '&';
        }
        if (request.get("state") != null) {
            target.append(separator).append("state=").append(encode(request.get("state")));
        }
        return Response.seeOther(URI.create(target.toString())).build();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Folkeregisteret's national ids; the health personnel authorisation codes (volven 9060). */
    private static final String NATIONAL_ID = "2.16.578.1.12.4.1.4.1";
    private static final String AUTHORIZATION = "2.16.578.1.12.4.1.1.9060";

    private static Response error(String code, String description) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", code, "error_description", description)).build();
    }
}
