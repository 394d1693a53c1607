package no.dhoindex.shared.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequiredSettingsTest {

    private static RequiredSettings with(Map<String, String> values) {
        return new RequiredSettings("registry", k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void everyMissingSettingIsNamedWithItsMeaning() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> with(Map.of("a", "1"))
                .require("a", "first").require("dho.trust.issuer", "the issuer").require("dho.xua.trustStore", "trust")
                .check());
        assertTrue(e.getMessage().contains("dho.trust.issuer (the issuer)"), e.getMessage());
        assertTrue(e.getMessage().contains("dho.xua.trustStore (trust)"), e.getMessage());
        assertTrue(e.getMessage().contains("deploy/registry.properties"), e.getMessage());
        assertFalse(e.getMessage().contains("a (first)"), e.getMessage());
    }

    @Test
    void aBlankValueIsMissing() {
        assertThrows(IllegalStateException.class, () -> with(Map.of("a", "  ")).require("a", "first").check());
    }

    @Test
    void eitherOfTwoWillDo() {
        assertDoesNotThrow(() -> with(Map.of("b", "x")).requireEither("a", "b", "one of them").check());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> with(Map.of()).requireEither("a", "b", "one of them").check());
        assertTrue(e.getMessage().contains("a or b (one of them)"), e.getMessage());
    }

    @Test
    void allPresentPasses() {
        assertDoesNotThrow(() -> with(Map.of("a", "1", "b", "2")).require("a", "x").require("b", "y").check());
    }
}
