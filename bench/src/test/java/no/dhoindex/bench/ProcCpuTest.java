package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc readings behind a phase's PostgreSQL CPU and idle share, on /proc trees written here. */
class ProcCpuTest {

    // /proc/[pid]/stat of a backend as Linux 6 writes it: utime 120, stime 30, cutime 7, cstime 3 (fields 14 to 17).
    private static final String BACKEND = "4242 (postgres) S 2190 2190 2190 0 -1 4194560 1203 0 0 0 120 30 7 3 20 0 1 0"
            + " 8012 229507072 4021 18446744073709551615 1 1 0 0 0 0 4194304 20975616 536897607 0 0 0 17 1 0 0 0 0 0";

    @Test
    void aStatLineGivesItsCommandAndItsTimesWithChildren() {
        assertEquals("postgres", ProcCpu.comm(BACKEND));
        assertEquals(160, ProcCpu.ticksWithChildren(BACKEND));
        // A command name may hold spaces and parentheses: the fields count from the last ')'.
        String odd = "77 (a) b (c) R 1 77 77 0 -1 0 0 0 0 0 5 6 1 2 20 0 1 0 100 0 0";
        assertEquals("a) b (c", ProcCpu.comm(odd));
        assertEquals(14, ProcCpu.ticksWithChildren(odd));
    }

    @Test
    void theMachineLineGivesAllAndIdleTicks() {
        // user nice system idle iowait irq softirq steal guest guest_nice: guests are in user and nice already.
        String stat = "cpu  100 5 50 800 20 3 2 0 40 1\ncpu0 50 2 25 400 10 1 1 0 20 0\nintr 1 2 3\n";
        assertArrayEquals(new long[] {980, 820}, ProcCpu.machine(stat));
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.machine("intr 1 2 3\n"));
    }

    @Test
    void postgresIsEveryProcessNamedSoAndNothingElse(@TempDir Path proc) throws Exception {
        write(proc, "4242", BACKEND);
        write(proc, "2190", "2190 (postgres) S 1 2190 2190 0 -1 0 0 0 0 0 10 5 900 100 20 0 1 0 50 0 0");
        write(proc, "3000", "3000 (java) S 1 3000 3000 0 -1 0 0 0 0 0 5000 700 0 0 20 0 40 0 60 0 0");
        write(proc, "self", BACKEND); // not a pid: the links and files beside the processes are not read
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 700 100 0 0 0 0 0\n");
        ProcCpu.Reading before = ProcCpu.read(proc, null);
        assertEquals(160 + 1015, before.postgresTicks());

        write(proc, "4242", BACKEND.replace(" 120 30 7 3 ", " 220 40 7 3 ")); // 110 ticks more
        Files.writeString(proc.resolve("stat"), "cpu  300 0 200 900 100 0 0 0 0 0\n"); // 500 more, 200 idle
        ProcCpu.Reading after = ProcCpu.read(proc, null);
        assertEquals(1100.0, after.postgresMillisSince(before), 1e-9);
        assertEquals(0.4, after.idleShareSince(before), 1e-9);
    }

    @Test
    void theDatabasesBackendsAreThoseWhoseTitleNamesIt(@TempDir Path proc) throws Exception {
        write(proc, "4242", BACKEND);
        Files.writeString(proc.resolve("4242").resolve("cmdline"),
                "postgres: 15/main: postgres sets10_bench 127.0.0.1(52962) idle");
        write(proc, "4243", BACKEND.replace("4242", "4243"));
        Files.writeString(proc.resolve("4243").resolve("cmdline"), "postgres: 15/main: postgres test 127.0.0.1(52970) idle");
        write(proc, "2190", "2190 (postgres) S 1 2190 2190 0 -1 0 0 0 0 0 10 5 900 100 20 0 1 0 50 0 0");
        Files.writeString(proc.resolve("2190").resolve("cmdline"), "/usr/lib/postgresql/15/bin/postgres\0-D\0sets10_bench\0");
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 700 100 0 0 0 0 0\n");
        // utime and stime of the one backend of sets10_bench; not the other database's, not the postmaster's.
        assertEquals(150, ProcCpu.read(proc, "sets10_bench").databaseTicks());
        assertEquals(0, ProcCpu.read(proc, "sets10").databaseTicks());
    }

    private static void write(Path proc, String pid, String stat) throws Exception {
        Files.createDirectories(proc.resolve(pid));
        Files.writeString(proc.resolve(pid).resolve("stat"), stat + "\n");
    }
}
