package no.dhoindex.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import no.dhoindex.gateway.TestClock;
import no.dhoindex.shared.xua.XuaClaims;
import org.junit.jupiter.api.Test;

/** A signed assertion is reused for exactly the same claims, and only while it is fresh. */
class ReusedAssertionsTest {

    private static final XuaClaims KARI_AT_KOMMUNE = claims("15077510041", "urn:oid:2.16.578.1.12.4.1.7.1.3", "TREAT");
    private final TestClock clock = new TestClock();
    private final AtomicInteger signed = new AtomicInteger();
    private final ReusedAssertions<String> reused = new ReusedAssertions<>(Duration.ofMinutes(1), 3, clock);

    private static XuaClaims claims(String fnr, String community, String purpose) {
        return new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", purpose, "LE",
                fnr + "^^^&2.16.578.1.12.4.1.4.1&ISO", community);
    }

    private String header(XuaClaims claims) {
        return reused.assertion(claims, () -> "SAML signed-" + signed.incrementAndGet());
    }

    @Test
    void theSameClaimsWithinAMinuteGetTheSameAssertionAndAfterItANewOne() {
        String first = header(KARI_AT_KOMMUNE);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(first, header(KARI_AT_KOMMUNE));
        assertEquals(1, signed.get());
        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(first, header(KARI_AT_KOMMUNE));
        assertEquals(2, signed.get());
    }

    @Test
    void anotherPatientCommunityOrPurposeNeverGetsAnothersAssertion() {
        String kari = header(KARI_AT_KOMMUNE);
        assertNotEquals(kari, header(claims("23059110047", "urn:oid:2.16.578.1.12.4.1.7.1.3", "TREAT")));
        assertNotEquals(kari, header(claims("15077510041", "urn:oid:2.16.578.1.12.4.1.7.1.4", "TREAT")));
        assertNotEquals(kari, header(claims("15077510041", "urn:oid:2.16.578.1.12.4.1.7.1.3", "ETREAT")));
        assertEquals(4, signed.get());
    }

    @Test
    void aClockThatWentBackOrAFullStoreSignsAgain() {
        String first = header(KARI_AT_KOMMUNE);
        clock.advance(Duration.ofSeconds(-5));
        assertNotEquals(first, header(KARI_AT_KOMMUNE));
        header(claims("1", "a", "TREAT"));
        header(claims("2", "a", "TREAT"));
        header(claims("3", "a", "TREAT")); // the store held 3: emptied, then this one kept
        int before = signed.get();
        header(KARI_AT_KOMMUNE); // no longer kept: signed again
        assertEquals(before + 1, signed.get());
    }
}
