package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus of issue 15 ({@link CorpusCases}): every case must exit with its code, print exactly one
 * line {@code gated: error: …} containing its fragments, and change no file — neither the fixtures in its
 * folder (inputs, links, existing outputs) nor anything in the working directory.
 */
class BadInputCorpusTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void fixtures() throws IOException {
        CorpusFixtures.write(dir);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputFailsWithOneLineAndChangesNothing() {
        return CorpusCases.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    void theCorpusHasAtLeast150Cases() {
        List<CorpusCase> all = CorpusCases.all();
        System.out.println("bad-input corpus: " + all.size() + " cases");
        assertTrue(all.size() >= 150, "the corpus has " + all.size() + " cases");
        assertEquals(all.size(), all.stream().map(CorpusCase::name).distinct().count(), "case names are unique");
    }

    private static void check(CorpusCase c) throws IOException {
        Map<String, String> before = snapshot(dir);
        Map<String, String> cwdBefore = listing(Path.of(""));
        Cli.Result r = Cli.run(c.resolve(dir));
        try {
            r.failsWith(c.code()).says(c.fragments(dir).toArray(String[]::new));
        } catch (AssertionError e) {
            throw new AssertionError(c + ": " + e.getMessage(), e);
        }
        assertEquals(before, snapshot(dir), () -> c + ": files in the test folder changed; stderr: " + r.err());
        assertEquals(cwdBefore, listing(Path.of("")), () -> c + ": the working directory changed");
    }

    /** Relative path → size, modification time and file key of every regular file, "link → target" and "folder" for the others. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link → " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    // any write changes the modification time (nanoseconds here); replacing changes the file key
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    out.put(key, a.size() + " " + a.lastModifiedTime() + " " + a.fileKey());
                } else {
                    out.put(key, Files.isDirectory(p) ? "folder" : "special");
                }
            }
        }
        return out;
    }

    private static Map<String, String> listing(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.list(folder)) {
            all.forEach(p -> out.put(p.getFileName().toString(), Files.isDirectory(p) ? "folder" : "file"));
        }
        return out;
    }
}
