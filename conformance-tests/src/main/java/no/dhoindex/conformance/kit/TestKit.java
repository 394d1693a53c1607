package no.dhoindex.conformance.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The NIST XDS test kit on disk: {@code tests/<id>/index.idx} lists each test's sections in order. */
public final class TestKit {

    private final Path root;

    public TestKit(Path root) {
        if (!Files.isDirectory(root.resolve("tests"))) {
            throw new IllegalArgumentException("No NIST test kit at " + root.toAbsolutePath() + " (expected tests/)");
        }
        this.root = root.toAbsolutePath().normalize();
    }

    public Path tests() {
        return root.resolve("tests");
    }

    public boolean has(String test) {
        return Files.isDirectory(tests().resolve(test));
    }

    /** The sections of a test in the order the kit runs them; a test without index.idx is one unnamed section. */
    public List<String> sections(String test) {
        Path index = tests().resolve(test).resolve("index.idx");
        try {
            if (!Files.exists(index)) {
                return List.of("");
            }
            return Files.readAllLines(index).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path sectionDir(SectionId id) {
        return id.section().isEmpty() ? tests().resolve(id.test()) : tests().resolve(id.test()).resolve(id.section());
    }

    /** Which section a {@code testdir} of a plan points to, relative to the section it is written in. */
    public SectionId resolve(SectionId from, String testdir) {
        Path target = sectionDir(from).resolve(testdir).normalize();
        if (!Files.isDirectory(target)) {
            // Some plans name a sibling section relative to the test ("submit" rather than "../submit").
            target = tests().resolve(from.test()).resolve(testdir).normalize();
        }
        Path relative = tests().relativize(target);
        if (relative.getNameCount() == 1) {
            return new SectionId(relative.getName(0).toString(), "");
        }
        if (relative.getNameCount() != 2 || relative.startsWith("..")) {
            throw new IllegalArgumentException("testdir " + testdir + " of " + from + " is outside the kit");
        }
        return new SectionId(relative.getName(0).toString(), relative.getName(1).toString());
    }
}
