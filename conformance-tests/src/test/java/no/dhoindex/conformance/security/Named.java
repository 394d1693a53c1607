package no.dhoindex.conformance.security;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/** Dynamic tests whose failures say which case failed: the reports name dynamic tests by their index only. */
final class Named {

    private Named() {
    }

    static DynamicTest dynamicTest(String name, Executable test) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                test.execute();
            } catch (AssertionError e) {
                throw new AssertionError("[" + name + "] " + e.getMessage(), e);
            }
        });
    }
}
