package no.dhoindex.trustanchor;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

    @Inject
    Config config;

    @Inject
    DemoPractitioners practitioners;

    private TokenMinter minter;
    private final ReplayCache proofs = new ReplayCache();

    @PostConstruct
    void start() {
        java.nio.file.Path data = java.nio.file.Path.of(config.getOptionalValue("dho.data.dir", String.class).orElse("data"));
        RSAKey key = SigningKey.loadOrCreate(data.resolve("trust-anchor").resolve("signing-key.json"));
        minter = new TokenMinter(key, issuer(), Clock.systemUTC());
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
        d.put("dpop_signing_alg_values_supported", List.of("ES256", "PS256", "RS256"));
        d.put("scopes_supported", List.of(SCOPE));
        return d;
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return minter.publicKeys().toString();
    }

    /**
     * A demo practitioner's token ({@code practitioner}, {@code patient}, {@code purpose} as the
     * client's attestation states them). The DPoP proof for this request names the key the token binds.
     */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("practitioner") String practitioner, @FormParam("patient") String patient,
                          @FormParam("purpose") String purpose, @HeaderParam("DPoP") String dpop,
                          @Context HttpServletRequest request) {
        String thumbprint;
        try {
            thumbprint = DpopChecks.verifyProof(dpop, "POST", URI.create(issuer() + "/token"), null, proofs,
                    Duration.ofSeconds(60), Duration.ofSeconds(5), Clock.systemUTC().instant());
        } catch (TokenRefusal refusal) {
            return error("invalid_dpop_proof", refusal.getMessage());
        }
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
        attestation.put("practitioner", Map.of("identifier", Map.of("id", p.pid(), "name", p.name()),
                "hpr_nr", Map.of("id", p.hprNumber()),
                "legal_entity", Map.of("id", p.legalEntity(), "name", p.legalEntityName())));
        attestation.put("care_relation", careRelation);
        attestation.put("patients", new ArrayList<>(List.of(Map.of("identifier", Map.of("id", patient)))));
        String token = minter.sign(minter.claims(config.getValue("dho.trust.audience", String.class), thumbprint,
                        Duration.ofMinutes(10))
                .subject(p.pid()).claim("scope", SCOPE).claim(Claims.SECURITY_LEVEL, "4").claim(Claims.PID, p.pid())
                .claim(Claims.HPR_NUMBER, p.hprNumber()).claim(Claims.CLIENT_ID, p.clientId())
                .claim(Claims.ORGNR_PARENT, p.legalEntity())
                .claim(Claims.AUTHORIZATION_DETAILS, List.of(attestation)).build());
        LOG.info(() -> "event=token-issued practitioner=" + p.id() + " hpr=" + p.hprNumber() + " purpose=" + purpose);
        return Response.ok(Map.of("access_token", token, "token_type", "DPoP", "expires_in", 600,
                "scope", SCOPE)).build();
    }

    private static Response error(String code, String description) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", code, "error_description", description)).build();
    }
}
