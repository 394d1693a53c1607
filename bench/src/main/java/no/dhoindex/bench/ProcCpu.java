package no.dhoindex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU a phase cost outside the registry and the benchmark client, from /proc: the local PostgreSQL server's
 * processes (the registry's database on the same machine, whose work per entry the registry's own CPU leaves out)
 * and the machine's idle share, which says whether a phase was bound by CPU or by waiting.
 */
final class ProcCpu {

    /** Linux's USER_HZ: /proc counts CPU time in ticks of 10 ms. */
    static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * A reading: PostgreSQL's CPU ticks, those of the backends connected to one database, and the machine's ticks in
     * all and idle (idle and iowait) since boot.
     */
    record Reading(long postgresTicks, long databaseTicks, long machineTicks, long idleTicks) {

        /** PostgreSQL's CPU from {@code before} to this reading, in milliseconds. */
        double postgresMillisSince(Reading before) {
            return (postgresTicks - before.postgresTicks) * NANOS_PER_TICK / 1e6;
        }

        /**
         * The CPU of the backends connected to the database from {@code before} to this reading, in milliseconds: on a
         * server others use too, the registry's own share (a pool's connections live through a phase; a backend that
         * ends within it is not counted).
         */
        double databaseMillisSince(Reading before) {
            return (databaseTicks - before.databaseTicks) * NANOS_PER_TICK / 1e6;
        }

        /** The share (0 to 1) of the machine's CPU time that was idle from {@code before} to this reading. */
        double idleShareSince(Reading before) {
            long all = machineTicks - before.machineTicks;
            return all <= 0 ? 0 : (double) (idleTicks - before.idleTicks) / all;
        }
    }

    private ProcCpu() {
    }

    static Reading read(String database) throws IOException {
        return read(Path.of("/proc"), database);
    }

    /** {@code database}: whose backends to count apart (null: none). */
    static Reading read(Path proc, String database) throws IOException {
        long[] machine = machine(Files.readString(proc.resolve("stat")));
        return new Reading(postgresTicks(proc), database == null ? 0 : databaseTicks(proc, database), machine[0],
                machine[1]);
    }

    /**
     * utime + stime of every postgres backend serving {@code database}: its command line (the process title) is
     * {@code postgres: [cluster: ]user database host(port) state}.
     */
    static long databaseTicks(Path proc, String database) throws IOException {
        long total = 0;
        try (var entries = Files.list(proc)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if ("postgres".equals(comm(stat)) && servesDatabase(Files.readString(p.resolve("cmdline")), database)) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                        total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return total;
    }

    /** Whether a backend's process title names {@code database} as the one it is connected to. */
    static boolean servesDatabase(String title, String database) {
        String[] words = title.replace('\0', ' ').trim().split("\\s+");
        for (int i = 1; i + 1 < words.length; i++) {
            if (words[i].equals(database) && words[i + 1].matches(".*\\(\\d+\\)|\\[local\\]")) {
                return true;
            }
        }
        return false;
    }

    /**
     * utime + stime + cutime + cstime of every process whose comm is {@code postgres}: the postmaster and its
     * backends and workers. With the children's times a backend that ends within the window still counts: the
     * postmaster reaps it, and its CPU moves to the postmaster's cutime and cstime.
     */
    static long postgresTicks(Path proc) throws IOException {
        long total = 0;
        try (var entries = Files.list(proc)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue; // ended meanwhile: a backend's time is in its parent's children's times by now
                }
                if ("postgres".equals(comm(stat))) {
                    total += ticksWithChildren(stat);
                }
            }
        }
        return total;
    }

    /** The command name of a /proc/[pid]/stat line: between the first '(' and the last ')' (it may hold either). */
    static String comm(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** Fields 14 to 17 of /proc/[pid]/stat (proc(5)): utime, stime, cutime, cstime. */
    static long ticksWithChildren(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** The first line of /proc/stat ({@code cpu user nice system idle iowait irq softirq steal ...}): all and idle ticks. */
    static long[] machine(String procStat) {
        String first = procStat.lines().findFirst().orElseThrow();
        String[] f = first.trim().split("\\s+");
        if (!"cpu".equals(f[0])) {
            throw new IllegalArgumentException("not /proc/stat: " + first);
        }
        long all = 0;
        // guest and guest_nice (fields 9 and 10) are already in user and nice.
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            all += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {all, idle};
    }
}
