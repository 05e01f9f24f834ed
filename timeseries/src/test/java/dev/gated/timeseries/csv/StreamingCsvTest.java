package dev.gated.timeseries.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV reader streams: in a JVM whose whole heap (32 MB) is smaller than the file (about 26 MB of text, which
 * read whole as bytes and then as a String would take twice that), one column of 100 is read; its memory is that
 * column's, not the file's. Selecting every column is refused with one message naming the line it reached, and a
 * bad cell late in the file still names its file, line and column.
 */
class StreamingCsvTest {

    static final int ROWS = 50_000;
    static final int UNUSED = 99;

    @TempDir
    static Path dir;

    static Path wide;

    @BeforeAll
    static void writeWideFile() throws IOException {
        wide = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(wide, StandardCharsets.UTF_8)) {
            w.write("t,value");
            for (int c = 0; c < UNUSED; c++) {
                w.write(",unused" + c);
            }
            w.write('\n');
            for (int t = 0; t < ROWS; t++) {
                w.write(t + "," + (t % 10));
                for (int c = 0; c < UNUSED; c++) {
                    w.write(",0.12" + (c % 10));
                }
                w.write('\n');
            }
        }
        assertTrue(Files.size(wide) > 25_000_000, "the file is larger than the child's heap");
    }

    @Test
    void oneColumnOfAWideFileIsReadInAHeapSmallerThanTheFile() throws Exception {
        // 0..9 repeated: the sum of 50,000 rows is 5,000 × 45
        assertEquals("rows " + ROWS + " " + (ROWS / 10 * 45.0), child(wide, "value"));
    }

    @Test
    void everyColumnIsRefusedNamingTheLineReachedAndErrorsStillNameLineAndColumn() throws Exception {
        String all = child(wide, "*");
        assertTrue(all.startsWith("error " + wide + " line "), all);
        assertTrue(all.contains("stopped at row") && all.contains("101 selected columns") && all.contains("-Xmx"),
                all);
        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>();
        try (var head = Files.lines(wide)) {
            head.limit(5_000).forEach(lines::add);
        }
        lines.set(4_000, lines.get(4_000).replaceFirst(",\\d,", ",x7,"));   // line 4,001
        Files.write(bad, lines);
        String e = child(bad, "value");
        assertTrue(e.startsWith("error " + bad + " line 4001, column \"value\""), e);
        assertTrue(e.contains("x7"), e);
    }

    @Test
    void linesAreCountedAcrossLineEndsBlankLinesAndQuotedNewlines() {
        for (String[] c : new String[][] {
                {"t,v\r\n1,2\r\n\r\n\r\n3,x\r\n", "line 5"},
                {"t,v\r1,2\r\r3,x\r", "line 4"},
                {"t,v\n\"a\nb\",2\n\n\"c\r\nd\",x\n", "line 5"},
                {"\uFEFFt,v\n1,2\n3,x", "line 3"}}) {
            CsvFormatException e = org.junit.jupiter.api.Assertions.assertThrows(CsvFormatException.class,
                    () -> TimeSeriesCsvReader.readText(c[0], "s.csv", CsvReadOptions.defaults()));
            assertTrue(e.getMessage().startsWith("s.csv " + c[1] + ", column \"v\""), e.getMessage());
        }
    }

    private static String child(Path file, String column) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                SmallHeapRead.class.getName(), file.toString(), column).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
