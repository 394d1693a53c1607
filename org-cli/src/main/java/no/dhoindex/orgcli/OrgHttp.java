package no.dhoindex.orgcli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import no.dhoindex.shared.trust.SystemTokens;

/**
 * The organisation's calls: each under its own client-credentials token for the scope the call
 * needs (DPoP-bound, a fresh proof per call), over HTTP/1.1. HTTP refusals become one-line
 * {@link CliFailure}s carrying the server's reason.
 */
public final class OrgHttp {

    public static final String PROVIDE = "nhn:dho-index/provide";
    public static final String ADMIN = "nhn:dho-index/admin";
    public static final String REGISTER = "nhn:dho-index/register";

    private final OrgSettings settings;
    private final Map<String, SystemTokens> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public OrgHttp(OrgSettings settings) {
        this.settings = settings;
    }

    public record Answer(int status, String body, String contentType, String wwwAuthenticate) {

        /** The JSON object of the body; a {@link CliFailure} when it is none. */
        public Map<String, Object> json(String what) {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new CliFailure(what + ": the answer is not JSON (HTTP " + status + ")");
            }
        }
    }

    /** A JSON call ({@code body} may be null) with the token for {@code scope}. */
    public Answer call(String method, URI uri, String scope) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.noBody());
        credentials(method, uri, scope).forEach(request::header);
        return send(method, uri, request);
    }

    /** A plain SOAP 1.2 request (no attachments). */
    public Answer soap(URI endpoint, String action, String envelope, String scope) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        credentials("POST", endpoint, scope).forEach(request::header);
        return send("POST", endpoint, request);
    }

    /** SOAP 1.2 with MTOM/XOP: the envelope as root part, each document a part referenced by Content-ID. */
    public Answer mtom(URI endpoint, String action, String envelope, Map<String, byte[]> parts, String scope) {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "root." + UUID.randomUUID() + "@dho-org-cli";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; "
                + "type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + rootId
                + ">\r\n\r\n" + envelope).getBytes(StandardCharsets.UTF_8));
        parts.forEach((id, content) -> {
            out.writeBytes(("\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + id + ">\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
        });
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                        + "\"; start=\"<" + rootId + ">\"; start-info=\"application/soap+xml\"; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        credentials("POST", endpoint, scope).forEach(request::header);
        return send("POST", endpoint, request);
    }

    private Map<String, String> credentials(String method, URI uri, String scope) {
        SystemTokens system = tokens.computeIfAbsent(scope,
                s -> new SystemTokens(settings.tokenEndpoint(), settings.clientId(), s, Clock.systemUTC()));
        // The proof's htu is the URL without query and fragment (RFC 9449 4.2).
        URI htu = URI.create(uri.toString().replaceFirst("[?#].*$", ""));
        try {
            return system.headersFor(method, htu);
        } catch (IOException e) {
            throw new CliFailure("no token for " + settings.clientId() + " (" + scope + ") from "
                    + settings.tokenEndpoint() + ": " + e.getMessage());
        }
    }

    private Answer send(String method, URI uri, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new CliFailure(method + " " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + " (is the stack running? ./dho start)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(method + " " + uri + ": interrupted");
        }
    }

    /**
     * A refusal in one line: the status, and the server's reason (a JSON problem's detail, the
     * {@code WWW-Authenticate} error description), e.g. {@code HTTP 403: the token lacks scope ...}.
     */
    public static String refusal(Answer answer) {
        String reason = null;
        try {
            Map<String, Object> problem = JSONObjectUtils.parse(answer.body());
            for (String key : new String[]{"detail", "error_description", "title", "error", "message"}) {
                if (problem.get(key) instanceof String s && !s.isBlank()) {
                    reason = s;
                    break;
                }
            }
        } catch (ParseException | RuntimeException e) {
            // not JSON: the header or the start of the body says why
        }
        if (reason == null && answer.wwwAuthenticate() != null) {
            reason = answer.wwwAuthenticate();
        }
        if (reason == null && answer.body() != null && !answer.body().isBlank()) {
            String body = answer.body().strip().replaceAll("\\s+", " ");
            reason = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
        return "HTTP " + answer.status() + (reason == null ? "" : ": " + reason);
    }
}
