package no.dhoindex.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.dhoindex.shared.xua.TrustedIssuers;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaHttp;
import no.dhoindex.shared.xua.XuaKeys;
import no.dhoindex.shared.xua.XuaPolicy;

/**
 * A source's check of the gateway's XUA header ({@link XuaHttp#verify}), thread CPU per check on one thread: an
 * assertion seen for the first time (each call a different one, as every call was verified in full before the
 * source remembered them) against the same assertion again (as the gateway reuses one for a minute). Rounds of the
 * two interleaved, so both see the same machine.
 *
 * <pre>java -cp ... no.dhoindex.bench.XuaCheckCpu [rounds]</pre>
 */
public final class XuaCheckCpu {

    private static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";

    private XuaCheckCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("xua-cpu");
        XuaKeys.Signer gateway = XuaKeys.loadOrCreate(dir.resolve("gateway"), "dho-gateway", dir.resolve("trusted"));
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "Demo kommune", "974589095", "TREAT",
                "LE", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", KOMMUNE);
        XuaPolicy policy = XuaPolicy.of(null, null, null, Set.of("TREAT"));
        TrustedIssuers issuers = new TrustedIssuers(dir.resolve("trusted"));
        // Distinct assertions (each signed anew: another ID and signature), made before any clock runs.
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 2 * rounds; i++) {
            fresh.add(XuaHttp.header(XuaAssertions.issue(claims, "dho-gateway", KOMMUNE, Duration.ofMinutes(30), gateway)));
        }
        String reused = XuaHttp.header(XuaAssertions.issue(claims, "dho-gateway", KOMMUNE, Duration.ofMinutes(30), gateway));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        long[] cpu = new long[2];
        for (int i = -rounds; i < rounds; i++) {   // the first half warms up
            long t0 = threads.getCurrentThreadCpuTime();
            XuaHttp.verify(fresh.get(i + rounds), issuers, KOMMUNE, policy);
            long t1 = threads.getCurrentThreadCpuTime();
            XuaHttp.verify(reused, issuers, KOMMUNE, policy);
            long t2 = threads.getCurrentThreadCpuTime();
            if (i >= 0) {
                cpu[0] += t1 - t0;
                cpu[1] += t2 - t1;
            }
        }
        System.out.printf(Locale.ROOT, "XUA check, thread CPU per call over %d rounds (load average before: %s, after: %s)%n"
                        + "  an assertion not seen before (verified in full): %.3f ms%n"
                        + "  the same assertion again (remembered):           %.3f ms%n", rounds, loadBefore,
                Files.readString(Path.of("/proc/loadavg")).trim(), cpu[0] / 1e6 / rounds, cpu[1] / 1e6 / rounds);
    }
}
