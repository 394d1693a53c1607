package no.dhoindex.gateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser (headless Chromium from the operating system, scripts/install-packages.sh, driven
 * by Selenium through its chromedriver): the demo clinician logs in at the trust anchor (authorization code with
 * PKCE, a non-extractable WebCrypto DPoP key), sees the demo patient's heart rate from both municipalities in one
 * chart, opens a hospital document in the page and does not see the one the patient blocked; then the patient logs
 * in as a citizen and finds that visit in "who has seen my data". Screenshots of both pages go to
 * target/app-screenshots.
 */
class AppBrowserIT extends StackTest {

    private static final String CID = "app-browser@dhoindex.no";
    private static final Path SCREENSHOTS = Path.of("target", "app-screenshots").toAbsolutePath();
    /** A federated question on a loaded two-core machine; polled, never waited out. */
    private static final Duration PATIENCE = Duration.ofMinutes(Long.getLong("browser.patienceMinutes", 4));

    private static WebDriver browser;
    private static String visibleTitle;
    private static String blockedTitle;

    @BeforeAll
    static void browserAndDocuments() throws Exception {
        String chromium = System.getProperty("browser.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
        assertTrue(Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(driver)),
                "Chromium and chromedriver are needed at " + chromium + " and " + driver
                        + ": scripts/install-packages.sh chromium chromium-driver");
        // A document the hospital shares and one the patient has blocked (NORS), both for the demo patient.
        visibleTitle = "Epikrise fra nettleser-testen " + System.nanoTime();
        blockedTitle = "Sperret notat " + System.nanoTime();
        provide(visibleTitle, "N", "<epikrise>Synlig i appen</epikrise>");
        provide(blockedTitle, "NORS", "<notat>sperret</notat>");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // Root in a container has no user namespace for Chromium's sandbox.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2400",
                "--lang=nb-NO", "--no-first-run", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2)).scriptTimeout(Duration.ofMinutes(1));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void provide(String title, String confidentiality, String text) throws Exception {
        Map<String, String> values = Samples.singleDocumentDefaults(Samples.PATIENT_A);
        values.put("title", title);
        values.put("confidentialityCode", confidentiality);
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Soap.Reply reply = GatewayStack.hospitalEhr().provide(GatewayStack.uri("/adapters/sykehus/services/repository"),
                Samples.provideAndRegister(values, hash, content.length, CID), Map.of(CID, content));
        assertTrue(reply.isSuccess(), reply::toString);
    }

    /** Both municipalities answer FHIR searches, as in the demo where each has a FHIR platform. */
    private static void bothMunicipalities() throws Exception {
        String base = "http://127.0.0.1:" + GatewayStack.uri("/").getPort();
        GatewayStack.directory("fjellbygd", "dho.gateway.community.kommune.fhirUrl=" + base + "/adapters/kommune/fhir\n"
                + "dho.gateway.community.fjellbygd.homeCommunityId=" + GatewayStack.FJELLBYGD + "\n"
                + "dho.gateway.community.fjellbygd.url=" + base + "/adapters/fjellbygd/services/xca\n"
                + "dho.gateway.community.fjellbygd.repositoryUniqueIds=" + GatewayStack.FJELLBYGD_REPOSITORY + "\n"
                + "dho.gateway.community.fjellbygd.fhirUrl=" + base + "/adapters/fjellbygd/fhir\n");
    }

    private static FluentWait<WebDriver> waiting(Duration patience) {
        // A login navigates: an element found just before the new page replaced it is asked for again next poll.
        return new WebDriverWait(browser, patience, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class);
    }

    private static void screenshot(String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** What the overview shows besides the charts, for a failure's message. */
    private static String overview() {
        return "error: " + browser.findElement(By.id("error")).getText() + "\nunanswered: "
                + browser.findElement(By.id("unanswered")).getText() + "\nlatest: "
                + browser.findElement(By.id("latest")).getText() + "\ndocuments: "
                + browser.findElement(By.id("documents")).getText();
    }

    private static String app(String page) {
        return GatewayStack.uri("/gateway/app/" + page).toString();
    }

    @Test
    void theAppIsServedWithAPolicyThatLoadsNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app(""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
        assertFalse(page.body().contains("http://") || page.body().contains("https://"),
                "the page names no other server: " + page.body());
    }

    @Test
    void theClinicianSeesBothMunicipalitiesOpensADocumentAndTheCitizenFindsTheVisit() throws Exception {
        bothMunicipalities();

        // The clinician: patient and purpose chosen in the app, the login at the trust anchor.
        browser.get(app(""));
        WebElement patient = waiting(Duration.ofMinutes(1)).until(d -> d.findElement(By.id("patient")));
        patient.clear();
        patient.sendKeys(Samples.PATIENT_A);
        new Select(browser.findElement(By.id("purpose"))).selectByValue("TREAT");
        browser.findElement(By.id("login-button")).click();
        WebElement practitioner = waiting(Duration.ofMinutes(1)).until(d -> d.findElement(By.id("practitioner")));
        assertTrue(browser.getCurrentUrl().contains("/trust/authorize"), browser.getCurrentUrl());
        new Select(practitioner).selectByValue("anne");
        browser.findElement(By.id("login")).click();

        waiting(PATIENCE).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertFalse(browser.getCurrentUrl().contains("code="), "the code is taken out of the address");
        assertTrue(browser.findElement(By.id("error")).getDomAttribute("hidden") != null,
                () -> browser.findElement(By.id("error")).getText());

        // Heart rate: one chart, a series per municipality, each with points.
        @SuppressWarnings("unchecked")
        List<String> series = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart('chart-hr').data.datasets.filter(d => d.pointRadius !== 0)"
                        + ".map(d => d.label + '=' + d.data.length);");
        assertTrue(series.stream().anyMatch(s -> s.startsWith("Demo kommune=") && !s.endsWith("=0")),
                () -> series + "\n" + overview());
        assertTrue(series.stream().anyMatch(s -> s.startsWith("Fjellbygd kommune=") && !s.endsWith("=0")),
                () -> series + "\n" + overview());
        String latest = browser.findElement(By.id("latest-hr")).getText();
        assertTrue(latest.contains("/min") && latest.contains("kommune"), AppBrowserIT::overview);

        // Documents: the shared one is listed and opens in the page; the blocked one is not there at all.
        String documents = browser.findElement(By.id("documents")).getText();
        assertTrue(documents.contains(visibleTitle), documents);
        assertFalse(documents.contains(blockedTitle), documents);
        WebElement open = browser.findElement(By.cssSelector("button[aria-label$='" + visibleTitle + "']"));
        open.click();
        waiting(Duration.ofMinutes(1)).until(d -> d.findElement(By.id("document-content")).getText()
                .contains("Synlig i appen"));
        screenshot("clinician-overview");

        // The patient, logged in as a citizen, finds the visit: Anne, her organisation by name, the purpose.
        browser.get(app("citizen.html"));
        waiting(Duration.ofMinutes(1)).until(d -> d.findElement(By.id("login-button"))).click();
        WebElement citizen = waiting(Duration.ofMinutes(1)).until(d -> d.findElement(By.id("citizen")));
        citizen.sendKeys(Samples.PATIENT_A);
        browser.findElement(By.id("login")).click();
        waiting(PATIENCE).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        List<WebElement> visits = browser.findElements(By.cssSelector("#events tbody tr")).stream()
                .filter(r -> r.getText().contains("Anne Lege") && r.getText().contains("Observation")).toList();
        assertFalse(visits.isEmpty(), () -> browser.findElement(By.id("events")).getText());
        String visit = visits.get(0).getText();
        assertTrue(visit.contains("Demo sykehus") && visit.contains("TREAT"), visit);
        // Her role as the trust framework's attestation named it (LE: physician), in the page's language.
        assertEquals("Lege", visits.get(0).findElements(By.tagName("td")).get(2).getText(), visit);
        new Select(browser.findElement(By.id("organisation-filter"))).selectByVisibleText("Demo sykehus");
        List<WebElement> shown = browser.findElements(By.cssSelector("#events tbody tr"));
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(r -> r.getText().contains("Demo sykehus")),
                () -> browser.findElement(By.id("events")).getText());
        screenshot("citizen-access-log");
    }
}
