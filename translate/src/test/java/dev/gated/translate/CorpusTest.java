package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void groupsTranslationsOfOneSourceIgnoresAttributionBomAndBlankLines() throws IOException {
        Path f = write("pairs.tsv", "\uFEFFGo.\tVa !\tCC-BY #1\nGo.\tMarche.\tCC-BY #2\n\nHi.\tSalut !\tCC-BY #3\nGo.\tVa !\tdup\nGo.\tBouge !\tlater\n");
        List<Example> examples = ParallelCorpus.read(f);
        assertEquals(2, examples.size());
        assertEquals(new Example("Go.", List.of("Va !", "Marche.", "Bouge !")), examples.get(0));
        assertEquals(List.of("Salut !"), examples.get(1).references());
    }

    @Test
    void aFileWithOneColumnIsRefusedWithItsLine() throws IOException {
        Path f = write("one.tsv", "Go.\tVa !\nHello there\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParallelCorpus.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: expected at least 2 tab-separated columns"), e.getMessage());
        assertTrue(e.getMessage().endsWith("is the file tab-separated?"), e.getMessage());
        Path empty = write("empty.tsv", "\n\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParallelCorpus.read(empty)).getMessage().contains("no sentence pairs"));
        Path emptyCell = write("cell.tsv", "Go.\t \n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParallelCorpus.read(emptyCell)).getMessage()
                .contains(":1: column 1 is empty"));
    }

    @Test
    void splitKeepsEveryTranslationOfASourceOnOneSideAndIsSeeded() {
        List<Example> examples = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            examples.add(new Example("s" + i, List.of("t" + i, "u" + i)));
        }
        CorpusSplit a = CorpusSplit.of(examples, 0.1, 7, 100, 100);
        CorpusSplit b = CorpusSplit.of(examples, 0.1, 7, 100, 100);
        assertEquals(a, b);
        assertEquals(20, a.test().size());
        assertEquals(180, a.train().size());
        Set<String> trainSources = new HashSet<>();
        a.train().forEach(e -> trainSources.add(e.source()));
        a.test().forEach(e -> assertTrue(!trainSources.contains(e.source()) && e.references().size() == 2));
        CorpusSplit c = CorpusSplit.of(examples, 0.1, 8, 100, 100);
        assertTrue(!a.test().equals(c.test()), "another seed gives another split");
        CorpusSplit shortOnly = CorpusSplit.of(examples, 0.1, 7, 2, 100);
        assertEquals(10, shortOnly.train().size() + shortOnly.test().size());   // s0 … s9
    }
}
