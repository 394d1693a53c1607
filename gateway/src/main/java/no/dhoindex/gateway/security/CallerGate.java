package no.dhoindex.gateway.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;

/**
 * Every SOAP and FHIR call to the gateway passes here first: the DPoP-bound access token and its
 * proof are verified (fail closed) before anything is asked of anyone. A refusal is 401/403 with
 * {@code WWW-Authenticate}, as a FHIR OperationOutcome or a SOAP 1.2 Fault, and is logged. Only
 * the service descriptions (WSDL, FHIR CapabilityStatement) are open.
 */
@WebFilter(urlPatterns = {"/services/*", "/fhir/*"})
public class CallerGate extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CallerGate.class.getName());

    @Inject
    GatewayTrust trust;

    @Inject
    AccessLog log;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!trust.required() || isServiceDescription(request)) {
            chain.doFilter(request, response);
            return;
        }
        VerifiedCaller caller;
        ResourceRequest credentials = ResourceRequest.of(request);
        try {
            caller = isAccessLog(request) ? trust.verifyForAccessLog(credentials) : trust.verify(credentials);
        } catch (TokenRefusal refusal) {
            LOG.warning(() -> "event=access-refused path=" + request.getRequestURI() + " check=" + refusal.check()
                    + " status=" + refusal.kind().httpStatus() + " reason=\"" + refusal.getMessage() + "\"");
            // Logged for the patient the request names, where it names one (FHIR searches do).
            log.refusedAtTheDoor(namedPatient(request), request.getMethod() + " " + request.getRequestURI(),
                    refusal.getMessage());
            refuse(request, response, refusal);
            return;
        }
        String purpose = caller.attestation() == null ? "-" : caller.attestation().careRelation().purposeOfUse();
        LOG.info(() -> "event=access-granted path=" + request.getRequestURI() + " hpr=" + caller.hprNumber()
                + " organisation=" + caller.organisation() + " purpose=" + purpose
                + ("BTG".equals(purpose) ? " emergency=true" : ""));
        // On the request itself, read by the SOAP and FHIR edges: no caller outlives or escapes its request.
        request.setAttribute(GatewayCaller.VERIFIED_CALLER, caller);
        chain.doFilter(request, response);
    }

    private static boolean isAccessLog(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/fhir/AuditEvent");
    }

    /** {@code patient.identifier=urn:oid:<authority>|<id>} of a FHIR search, if there is a well-formed one. */
    private static PatientId namedPatient(HttpServletRequest request) {
        String value = request.getParameter("patient.identifier");
        if (value == null || !value.startsWith("urn:oid:") || !value.contains("|")) {
            return null;
        }
        try {
            return PatientId.of(value.substring(8, value.indexOf('|')), value.substring(value.indexOf('|') + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isServiceDescription(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String query = request.getQueryString();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return (path.startsWith("/services/") && query != null && query.toLowerCase().startsWith("wsdl"))
                || path.equals("/fhir/metadata");
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, TokenRefusal refusal) throws IOException {
        response.setStatus(refusal.kind().httpStatus());
        response.setHeader("WWW-Authenticate", "DPoP error=\"" + refusal.kind().errorCode() + "\", error_description=\""
                + refusal.getMessage().replace("\"", "'") + "\"");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        byte[] body;
        if (path.startsWith("/fhir")) {
            response.setContentType("application/fhir+json;charset=UTF-8");
            body = ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                    + switch (refusal.kind().httpStatus()) {
                        case 403 -> "forbidden";
                        case 400 -> "invalid";
                        default -> "login";
                    } + "\",\"diagnostics\":\""
                    + json(refusal.getMessage()) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("application/soap+xml;charset=UTF-8");
            body = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code>"
                    + "<s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">"
                    + xml(refusal.getMessage()) + "</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
