package dev.gated.text.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTextsTest {

    @TempDir
    Path dir;

    @Test
    void csvWithHeaderQuotesAndALineBreakInsideAField() throws IOException {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "id,review,stars\n1,\"Good, really \"\"good\"\"\",5\n2,\"two\nlines\",1\n\n3, meh ,3\n",
                StandardCharsets.UTF_8);
        List<LabelledTexts.Row> rows = LabelledTexts.read(f, new LabelledTexts.Columns("review", "stars", true));
        assertEquals(3, rows.size());
        assertEquals(new LabelledTexts.Row("Good, really \"good\"", "5", 2), rows.get(0));
        assertEquals(new LabelledTexts.Row("two\nlines", "1", 3), rows.get(1));
        assertEquals("meh", rows.get(2).text());
        assertEquals(6, rows.get(2).line(), "the row after a two-line record and an empty line");
    }

    @Test
    void tsvWithoutHeaderHasNoQuoting() throws IOException {
        Path f = dir.resolve("s.txt");
        Files.writeString(f, "Great \"value\"  \t1\nbad\u0085worse\t0\n", StandardCharsets.UTF_8);
        List<LabelledTexts.Row> rows = LabelledTexts.read(f, new LabelledTexts.Columns("1", "2", false));
        assertEquals(List.of(new LabelledTexts.Row("Great \"value\"", "1", 1),
                new LabelledTexts.Row("bad\u0085worse", "0", 2)), rows);
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        Path f = dir.resolve("e.csv");
        Files.writeString(f, "text,label\nfine,a\nshort\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class,
                () -> LabelledTexts.read(f, new LabelledTexts.Columns("text", "label", true)));
        assertTrue(e.getMessage().startsWith(f + ":3: expected at least 2 fields"), e.getMessage());

        Files.writeString(f, "text,label\nfine,a\nno label,\n", StandardCharsets.UTF_8);
        e = assertThrows(IOException.class, () -> LabelledTexts.read(f, new LabelledTexts.Columns("text", "label", true)));
        assertTrue(e.getMessage().startsWith(f + ":3:2: the label column 'label' is empty"), e.getMessage());

        e = assertThrows(IOException.class, () -> LabelledTexts.read(f, new LabelledTexts.Columns("review", "label", true)));
        assertTrue(e.getMessage().contains(":1: --text names the column 'review' but the header has [text, label]"),
                e.getMessage());

        Path tsv = dir.resolve("t.tsv");
        Files.writeString(tsv, "text\tlabel\nx\ty\n", StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class,
                () -> LabelledTexts.read(tsv, new LabelledTexts.Columns("text", "label", false)));
        Files.writeString(dir.resolve("x.json"), "{}");
        assertThrows(IllegalArgumentException.class,
                () -> LabelledTexts.read(dir.resolve("x.json"), new LabelledTexts.Columns("1", "2", false)));
    }
}
