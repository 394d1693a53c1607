package no.dhoindex.trustanchor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The login page echoes the authorization request in hidden fields: as text, never as markup. */
class LoginPageTest {

    @Test
    void aHostileStateOrPatientIsEscaped() {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("state", "\"><script>alert(1)</script>");
        request.put("patient", "<img src=x onerror=alert(2)>");
        request.put("purpose", "TREAT");
        String page = LoginPage.practitioner(request, List.of(new DemoPractitioners.Practitioner("anne", "05076600324",
                "Anne <Lege>", "9144897", "974589095", "Demo & co", "ehr-demo", "LE")), false);
        assertFalse(page.contains("<script>") || page.contains("<img") || page.contains("Anne <Lege>"), page);
        assertTrue(page.contains("&quot;&gt;&lt;script&gt;") && page.contains("Demo &amp; co"), page);
        assertTrue(page.contains("<label for=\"practitioner\">"), "the choice is labelled");
    }

    @Test
    void theCitizensPageAsksForElevenDigits() {
        String page = LoginPage.citizen(Map.of("state", "s"), true);
        assertTrue(page.contains("<label for=\"citizen\">") && page.contains("pattern=\"[0-9]{11}\""), page);
        assertTrue(page.contains("lang=\"en\""), page);
    }
}
