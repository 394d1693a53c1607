package no.dhoindex.shared.trust;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A refused call to a plain HTTP (JSON) resource: the refusal's status, the DPoP challenge in
 * {@code WWW-Authenticate}, and an RFC 6750 error body; nothing of the resource is run.
 */
public final class HttpRefusal {

    private HttpRefusal() {
    }

    public static void write(HttpServletResponse response, TokenRefusal refusal) throws IOException {
        response.setStatus(refusal.kind().httpStatus());
        response.setHeader("WWW-Authenticate", refusal.wwwAuthenticate());
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(("{\"error\":\"" + refusal.kind().errorCode() + "\",\"error_description\":\""
                + refusal.getMessage().replace("\\", "\\\\").replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
