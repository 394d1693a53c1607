package no.dhoindex.gateway.app;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web app's pages and files ({@code /app/*}) go out with a Content Security Policy that lets them load
 * nothing from outside this server (scripts, styles, images, fonts: this origin only; no inline script, no
 * eval) and talk only to this server and the issuer's token endpoint; never framed; no referrer leaves.
 */
@WebFilter(urlPatterns = "/app/*")
public class AppHeaders extends HttpFilter {

    @Inject
    WebAppSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", settings.contentSecurityPolicy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // The app's files change with each build; tokens and patient data never go into them.
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
