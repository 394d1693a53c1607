package no.dhoindex.gateway;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;

/** A MicroProfile Config of fixed settings that counts its look-ups: what is read once, and what on every call. */
public final class TestConfig {

    private final AtomicInteger lookups = new AtomicInteger();
    private final Config config;

    public TestConfig(Map<String, ?> settings) {
        config = (Config) Proxy.newProxyInstance(TestConfig.class.getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> {
                    if (!"getOptionalValue".equals(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    lookups.incrementAndGet();
                    return Optional.ofNullable(settings.get((String) args[0]));
                });
    }

    public Config config() {
        return config;
    }

    /** How many settings have been looked up so far. */
    public int lookups() {
        return lookups.get();
    }
}
