package no.dhoindex.shared.trust;

import com.nimbusds.jose.jwk.ECKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Thread CPU of one call's token check as the gateway makes it on every call: the access token
 * remembered ({@link VerifiedTokens}), the call's fresh DPoP proof (ES256) verified in full. Not a
 * test: a measurement, run by hand against two builds of this module, interleaved —
 * {@code java -cp <shared test classpath> no.dhoindex.shared.trust.DpopCheckCpu ROUNDS LABEL}.
 */
public final class DpopCheckCpu {

    private DpopCheckCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String label = args.length > 1 ? args[1] : "";
        URI url = URI.create("http://127.0.0.1:8080/gateway/fhir/Observation");
        // A fixed clock: proofs made before the counted rounds are not too old when a slow build verifies them.
        Instant at = Instant.now();
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        TokenMinter minter = new TokenMinter(TokenMinter.newSigningKey(), "https://issuer.test", clock);
        ECKey dpop = TokenMinter.newDpopKey();
        String token = minter.sign(minter.claims("aud", dpop, Duration.ofMinutes(30)).subject("user")
                .claim("scope", "read").build());
        AccessTokenVerifier verifier = AccessTokenVerifier.forResource(kid -> minter.publicKeys().getKeyByKeyId(kid),
                "https://issuer.test", "aud", "read", false, new ReplayCache(), clock);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < 2; pass++) {   // the first warms up
            List<String> proofs = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                proofs.add(TokenMinter.dpopProof(dpop, "GET", url, token, at));
            }
            long before = cpu.getCurrentThreadCpuTime();
            for (String proof : proofs) {
                verifier.verify(new ResourceRequest("GET", url, "DPoP " + token, proof));
            }
            long spent = cpu.getCurrentThreadCpuTime() - before;
            if (pass == 1) {
                System.out.printf("%s token and DPoP proof check: %.3f ms thread CPU per call (%d calls)%n", label,
                        spent / 1e6 / rounds, rounds);
            }
        }
    }
}
