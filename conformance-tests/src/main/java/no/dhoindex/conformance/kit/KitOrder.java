package no.dhoindex.conformance.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The order the kit's tests run in ({@code kit-order.txt}): groups in file order, each a heading of
 * RESULTS.md, tests in each in the order the kit's dependencies need. Every test directory of the kit
 * is named exactly once; {@link #requireCovers} fails with the names of those that are not.
 *
 * <p>Format: {@code # comment}; {@code [group-name] Heading of the group}; then one test id a line,
 * optionally {@code id | why it is not run} for a test run as "unsupported, with that reason".
 */
public record KitOrder(List<Group> groups) {

    public KitOrder {
        groups = List.copyOf(groups);
    }

    /** One part of the run and of RESULTS.md. */
    public record Group(String name, String heading, List<Entry> tests) {
        public Group {
            tests = List.copyOf(tests);
        }
    }

    /** A test to run, or, with {@code notRun}, one reported unsupported for that reason. */
    public record Entry(String test, String notRun) {
    }

    public static KitOrder read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KitOrder parse(List<String> lines) {
        List<Group> groups = new ArrayList<>();
        String name = null;
        String heading = null;
        List<Entry> tests = new ArrayList<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (name != null) {
                    groups.add(new Group(name, heading, tests));
                }
                int close = line.indexOf(']');
                if (close < 2) {
                    throw new IllegalArgumentException("line " + number + ": a group is [name] Heading: " + raw);
                }
                name = line.substring(1, close);
                heading = line.substring(close + 1).strip();
                tests = new ArrayList<>();
                continue;
            }
            if (name == null) {
                throw new IllegalArgumentException("line " + number + ": test " + line + " before any [group]");
            }
            int bar = line.indexOf('|');
            tests.add(bar < 0 ? new Entry(line, null)
                    : new Entry(line.substring(0, bar).strip(), line.substring(bar + 1).strip()));
        }
        if (name != null) {
            groups.add(new Group(name, heading, tests));
        }
        return new KitOrder(groups);
    }

    public Group group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kit-order has no group [" + name + "]"));
    }

    /**
     * Fails, naming them, where a test directory of the kit is in no group, a listed test is not in the
     * kit, or a test is listed twice: a test the runner does not run must not pass unnoticed.
     */
    public void requireCovers(TestKit kit) {
        Set<String> listed = new LinkedHashSet<>();
        Set<String> twice = new TreeSet<>();
        groups.forEach(g -> g.tests().forEach(e -> {
            if (!listed.add(e.test())) {
                twice.add(e.test());
            }
        }));
        Set<String> inKit = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(kit.tests())) {
            dirs.filter(Files::isDirectory).forEach(d -> inKit.add(d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> unlisted = new TreeSet<>(inKit);
        unlisted.removeAll(listed);
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(inKit);
        List<String> problems = new ArrayList<>();
        if (!unlisted.isEmpty()) {
            problems.add("kit tests in no group of kit-order.txt (the runner would not run them): " + unlisted);
        }
        if (!unknown.isEmpty()) {
            problems.add("tests in kit-order.txt that the kit does not have: " + unknown);
        }
        if (!twice.isEmpty()) {
            problems.add("tests listed twice in kit-order.txt: " + twice);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }
}
