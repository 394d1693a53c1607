package no.dhoindex.gateway.app;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;

/**
 * {@code /app/config.json}: what the web app needs before anyone logs in (public, like the CapabilityStatement):
 * the issuer, its client id, and names for the organisation numbers and communities the gateway's answers carry.
 */
@WebServlet(urlPatterns = "/app/config.json")
public class WebAppConfiguration extends HttpServlet {

    @Inject
    WebAppSettings settings;

    @Inject
    CommunityDirectory directory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder organisations = Json.createObjectBuilder();
        settings.organisationNames().forEach(organisations::add);
        JsonObjectBuilder communities = Json.createObjectBuilder();
        for (Community c : directory.communities()) {
            String name = settings.communityDisplayName(c.name());
            communities.add(c.name(), name);
            communities.add(c.homeCommunityId(), name);
        }
        byte[] body = Json.createObjectBuilder().add("issuer", settings.issuer()).add("clientId", settings.clientId())
                .add("organisations", organisations).add("communities", communities).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
