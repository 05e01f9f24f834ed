package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are published last, all or none, and only our own stale temporaries are swept. */
class OutputsTest {

    @TempDir
    Path dir;

    @Test
    void aFailingLaterOutputLeavesTheEarlierOnesAsTheyWere() throws IOException {
        Path model = Files.writeString(dir.resolve("m.gated"), "the old model");
        Path plot = dir.resolve("sub/curves.png");
        IOException e = assertThrows(IOException.class, () -> {
            try (Outputs outputs = new Outputs()) {
                outputs.write("--out", model, f -> Files.writeString(f, "the new model"));
                outputs.write("--plot", plot, f -> {
                    throw new IOException(f + ": the chart cannot be drawn");
                });
                outputs.publish();
            }
        });
        assertEquals("the old model", Files.readString(model), "the model must not be replaced");
        assertFalse(Files.exists(plot));
        assertTrue(e.getMessage().startsWith("--plot " + plot + ": cannot write it: " + plot), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), "the message names the output, not the temporary: " + e);
        assertEquals(List.of("m.gated", "sub"), names(dir), "no temporary is left behind");
    }

    @Test
    void publishReplacesEveryTargetAtOnce() throws IOException {
        Path model = Files.writeString(dir.resolve("m.gated"), "old");
        Path csv = dir.resolve("deep/er/f.csv");
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", model, f -> Files.writeString(f, "new"));
            outputs.write("--forecast", csv, f -> Files.writeString(f, "t,v\n"));
            assertEquals("old", Files.readString(model), "nothing is replaced before publish");
            outputs.publish();
        }
        assertEquals("new", Files.readString(model));
        assertEquals("t,v\n", Files.readString(csv));
        assertEquals(List.of("deep", "m.gated"), names(dir));
    }

    @Test
    void onlyOurOwnStaleTemporariesAreSwept() throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(Outputs.STALE).minusSeconds(60));
        Path staleOurs = touch(".m.gated.18c3f2a9b1.tmp", old);
        Path staleNested = touch("..m.gated.18c3f2a9b1.tmp.18c3f2b000.tmp", old); // the model writer's own
        Path fresh = touch(".m.gated.18c3f2a9b2.tmp", FileTime.from(Instant.now()));
        Path otherName = touch(".n.gated.18c3f2a9b1.tmp", old);
        Path notOurPattern = touch(".m.gated.backup.tmp", old);
        assertEquals(2, Outputs.sweepStale(dir, "m.gated"));
        assertFalse(Files.exists(staleOurs));
        assertFalse(Files.exists(staleNested));
        for (Path kept : List.of(fresh, otherName, notOurPattern)) {
            assertTrue(Files.exists(kept), kept + " must be kept");
        }
    }

    private Path touch(String name, FileTime time) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(p, time);
        return p;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
