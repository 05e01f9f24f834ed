package dev.gated.text;

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

class LabelledSentencesTest {

    @TempDir
    Path dir;

    @Test
    void splitsOnTheLastTabAndOnlyOnNewlines() throws IOException {
        Path f = dir.resolve("s.txt");
        Files.writeString(f, "Great \"value\"  \t1\nbad\u0085worse\t0\n\ttab\tinside \t 1\n", StandardCharsets.UTF_8);
        List<LabelledSentences.Example> e = LabelledSentences.read(f);
        assertEquals(3, e.size());
        assertEquals(new LabelledSentences.Example("Great \"value\"", 1), e.get(0));
        assertEquals(new LabelledSentences.Example("bad\u0085worse", 0), e.get(1));
        assertEquals(new LabelledSentences.Example("tab\tinside", 1), e.get(2));
    }

    @Test
    void namesTheLineOfABadLabel() throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "ok\t1\nno label here\n", StandardCharsets.UTF_8);
        IOException ex = assertThrows(IOException.class, () -> LabelledSentences.read(f));
        assertTrue(ex.getMessage().contains(":2: "), ex.getMessage());
        Files.writeString(f, "ok\t2\n", StandardCharsets.UTF_8);
        ex = assertThrows(IOException.class, () -> LabelledSentences.read(f));
        assertTrue(ex.getMessage().contains("label 0 or 1"), ex.getMessage());
    }
}
