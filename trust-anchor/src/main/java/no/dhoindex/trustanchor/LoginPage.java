package no.dhoindex.trustanchor;

import java.util.List;
import java.util.Map;

/**
 * The demo login page the trust anchor shows a browser app's user (in place of HelseID's or ID-porten's): a
 * clinician picks one of the demo practitioners, a citizen states their national id. No script; every
 * parameter of the authorization request goes back in hidden fields and is checked again on submit.
 */
final class LoginPage {

    private LoginPage() {
    }

    static String practitioner(Map<String, String> request, List<DemoPractitioners.Practitioner> practitioners,
                               boolean english) {
        StringBuilder options = new StringBuilder();
        for (DemoPractitioners.Practitioner p : practitioners) {
            options.append("<option value=\"").append(html(p.id())).append("\">").append(html(p.name())).append(" (")
                    .append(html(p.legalEntityName())).append(")</option>");
        }
        String fields = "<p>" + (english ? "Patient" : "Pasient") + ": <strong>" + html(request.get("patient"))
                + "</strong>, " + (english ? "purpose of use" : "formål") + ": <strong>" + html(request.get("purpose"))
                + "</strong></p><p><label for=\"practitioner\">" + (english ? "Log in as" : "Logg inn som")
                + "</label> <select id=\"practitioner\" name=\"practitioner\">" + options + "</select></p>";
        return page(english ? "Log in (demo HelseID)" : "Logg inn (demo-HelseID)", request, fields, english);
    }

    static String citizen(Map<String, String> request, boolean english) {
        String fields = "<p><label for=\"citizen\">" + (english ? "Your national identity number"
                : "Ditt fødselsnummer") + "</label> <input id=\"citizen\" name=\"citizen\" inputmode=\"numeric\" "
                + "pattern=\"[0-9]{11}\" required autocomplete=\"off\"></p>";
        return page(english ? "Log in (demo ID-porten)" : "Logg inn (demo-ID-porten)", request, fields, english);
    }

    static String error(String description, boolean english) {
        return "<!DOCTYPE html><html lang=\"" + (english ? "en" : "nb") + "\"><head><meta charset=\"utf-8\"><title>"
                + (english ? "Login refused" : "Innlogging avvist") + "</title></head><body><h1>"
                + (english ? "Login refused" : "Innlogging avvist") + "</h1><p>" + html(description) + "</p></body></html>";
    }

    private static String page(String title, Map<String, String> request, String fields, boolean english) {
        StringBuilder hidden = new StringBuilder();
        request.forEach((k, v) -> {
            if (v != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(html(k)).append("\" value=\"").append(html(v))
                        .append("\">");
            }
        });
        return "<!DOCTYPE html><html lang=\"" + (english ? "en" : "nb") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + html(title) + "</title></head><body>"
                + "<main><h1>" + html(title) + "</h1><p>" + (english
                ? "Local trust anchor for development and tests: no password, the choice below is the login."
                : "Lokalt tillitsanker for utvikling og test: uten passord, valget under er innloggingen.")
                + "</p><form method=\"post\" action=\"authorize\">" + hidden + fields
                + "<p><button type=\"submit\" id=\"login\">" + (english ? "Log in" : "Logg inn") + "</button></p>"
                + "</form></main></body></html>";
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
