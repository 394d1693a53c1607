package no.dhoindex.testsupport;

import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.shared.trust.TokenMinter;

/**
 * {@code ./dho call}: a clinician's system, or an organisation's, in one command. Makes a fresh DPoP
 * key, gets a token from the local trust anchor (as a system would from HelseID): a demo
 * practitioner's for a patient and purpose, or with {@code --system} an organisation's system's own
 * (client credentials); makes the DPoP-bound call (FHIR or SOAP) and prints the answer.
 */
public final class DhoCall {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("<(?:\\w+:)?Action[^>]*>([^<]+)<");

    private DhoCall() {
    }

    public static void main(String[] args) throws Exception {
        String practitioner = "anne";
        String patient = "15077510041";
        String purpose = "TREAT";
        String data = null;
        String system = null;
        String scope = null;
        String citizen = null;
        boolean curl = false;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--practitioner" -> practitioner = args[++i];
                case "--patient" -> patient = args[++i];
                case "--purpose" -> purpose = args[++i];
                // An organisation's system: a demo client id (sykehus-ehr), or an organisation (sykehus: its EHR).
                case "--system" -> {
                    system = args[++i];
                    system = system.contains("-") ? system : system + "-ehr";
                }
                case "--scope" -> scope = args[++i];
                // A citizen (the patient themselves), for their own access log.
                case "--citizen" -> citizen = args[++i];
                case "-H" -> {
                    String[] h = args[++i].split(":", 2);
                    headers.put(h[0].strip(), h.length > 1 ? h[1].strip() : "");
                }
                case "--data" -> data = args[++i];
                // Print the same call as a curl command instead of making it (its DPoP proof is single-use).
                case "--curl" -> curl = true;
                default -> rest.add(args[i]);
            }
        }
        if (rest.size() != 2) {
            System.err.println("usage: ./dho call [--practitioner ID [--patient FNR] [--purpose CODE] | --system ORG|CLIENT"
                    + " [--scope SCOPES] | --citizen FNR] [-H 'Name: value'] [--data @FILE|TEXT] [--curl] METHOD URL");
            System.exit(2);
        }
        String method = rest.get(0).toUpperCase();
        URI url = URI.create(rest.get(1));
        byte[] body = data == null ? null : data.startsWith("@")
                ? Files.readAllBytes(Path.of(data.substring(1))) : data.getBytes(StandardCharsets.UTF_8);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ECKey key = TokenMinter.newDpopKey();
        URI tokenEndpoint = tokenEndpoint(url);
        String form = system != null
                ? "grant_type=client_credentials&client_id=" + enc(system) + (scope == null ? "" : "&scope=" + enc(scope))
                : citizen != null ? "citizen=" + enc(citizen)
                : "practitioner=" + enc(practitioner) + "&patient=" + enc(patient) + "&purpose=" + enc(purpose);
        HttpResponse<String> tokenResponse = http.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", TokenMinter.dpopProof(key, "POST", tokenEndpoint, null, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(tokenResponse.body());
        if (tokenResponse.statusCode() != 200 || !token.find()) {
            System.err.println("The trust anchor at " + tokenEndpoint + " gave no token: HTTP " + tokenResponse.statusCode()
                    + " " + tokenResponse.body());
            System.exit(1);
        }
        System.err.println((system != null ? "Token for the system " + system + " (client credentials)"
                : citizen != null ? "Token for the citizen " + citizen + " (their own access log)"
                : "Token for " + practitioner + " about patient " + patient + " (" + purpose + ")")
                + ", bound to a fresh DPoP key.");

        URI htu = URI.create(url.toString().replaceFirst("[?#].*$", ""));
        String proof = TokenMinter.dpopProof(key, method, htu, token.group(1), Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Authorization", "DPoP " + token.group(1))
                .header("DPoP", proof);
        if (body != null && !headers.containsKey("Content-Type")) {
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher action = ACTION.matcher(text);
            headers.put("Content-Type", text.contains("Envelope") && action.find()
                    ? "application/soap+xml; charset=UTF-8; action=\"" + action.group(1).strip() + "\""
                    : "application/fhir+json");
        }
        if (curl) {
            StringBuilder command = new StringBuilder("curl -si -X " + method + " '" + url + "' \\\n  -H 'Authorization: DPoP "
                    + token.group(1) + "' \\\n  -H 'DPoP: " + proof + "'");
            headers.forEach((name, value) -> command.append(" \\\n  -H '").append(name).append(": ").append(value).append("'"));
            if (data != null) {
                command.append(" \\\n  --data-binary '").append(data).append("'");
            }
            System.err.println("The same call with curl (the proof is for this one call, within about 10 seconds):");
            System.out.println(command);
            return;
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        System.err.println("HTTP " + response.statusCode() + response.headers().firstValue("WWW-Authenticate")
                .map(w -> "  WWW-Authenticate: " + w).orElse(""));
        System.out.println(response.body());
        System.exit(response.statusCode() < 400 ? 0 : 1);
    }

    /**
     * The running demo's trust anchor: the one its launcher left in the data directory ({@code DHO_DATA}, else
     * {@code ./data}) — in the distributed demo it runs apart from the piece called — else beside the called URL.
     */
    static URI tokenEndpoint(URI url) throws java.io.IOException {
        Path recorded = Path.of(System.getenv().getOrDefault("DHO_DATA", "data")).resolve(DemoGuide.TOKEN_ENDPOINT_FILE);
        String override = System.getenv("DHO_TOKEN_ENDPOINT");
        if (override != null && !override.isBlank()) {
            return URI.create(override.strip());
        }
        return Files.isRegularFile(recorded) ? URI.create(Files.readString(recorded).strip()) : url.resolve("/trust/token");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
