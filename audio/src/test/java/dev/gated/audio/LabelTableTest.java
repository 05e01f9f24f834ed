package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTableTest {

    @TempDir
    Path dir;

    @BeforeEach
    void sixFiles() throws IOException {
        for (String name : List.of("a1.wav", "a2.wav", "a3.wav", "b1.wav", "b2.wav", "extra.wav")) {
            Files.writeString(dir.resolve(name), "not read by the table");
        }
    }

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("labels.csv"), content);
    }

    private String failure(String content) throws IOException {
        Path csv = csv(content);
        return assertThrows(IOException.class, () -> LabelTable.read(dir, csv)).getMessage();
    }

    @Test
    void classesAreTheSortedLabelsAndUnlistedFilesAreReported() throws IOException {
        LabelTable t = LabelTable.read(dir, csv("file,label\nb1.wav,bob\na1.wav,alice\na2.wav,alice\na3.wav,\"alice\"\nb2.wav,bob\n"));
        assertEquals(List.of("alice", "bob"), t.classes());
        assertEquals(5, t.rows().size());
        assertEquals(1, t.rows().get(0).label(), "bob is class 1");
        assertEquals(2, t.rows().get(0).line(), "the header is line 1");
        assertEquals(List.of(dir.resolve("extra.wav")), t.unlisted());
        // without a split column the first of every 5 rows of each class is test: b1 and a1
        assertEquals(List.of(dir.resolve("b1.wav"), dir.resolve("a1.wav")),
                t.part(true).stream().map(SpokenDigits.Recording::file).toList());
        assertEquals(3, t.part(false).size());
    }

    @Test
    void aSplitColumnDecidesTheParts() throws IOException {
        LabelTable t = LabelTable.read(dir, csv("a1.wav,alice,train\na2.wav,alice,test\nb1.wav,bob,TRAIN\nb2.wav,bob,test\n"));
        assertEquals(List.of(dir.resolve("a2.wav"), dir.resolve("b2.wav")),
                t.part(true).stream().map(SpokenDigits.Recording::file).toList());
        assertEquals(List.of(0, 1), t.part(true).stream().map(SpokenDigits.Recording::digit).toList());
    }

    @Test
    void eachMistakeIsOneLineNamingTheFileLineAndColumn() throws IOException {
        String csv = dir.resolve("labels.csv").toString();
        String missing = failure("a1.wav,alice\nnope.wav,bob\n");
        assertTrue(missing.startsWith(csv + ":2:1: nope.wav is not in " + dir), missing);
        String twice = failure("file,label\na1.wav,alice\nb1.wav,bob\na1.wav,bob\n");
        assertTrue(twice.startsWith(csv + ":4:1: a1.wav is listed twice (first on line 2)"), twice);
        String empty = failure("a1.wav,alice\nb1.wav,  \n");
        assertTrue(empty.startsWith(csv + ":2:2: empty label for b1.wav"), empty);
        String one = failure("a1.wav,alice\na2.wav,alice\n");
        assertTrue(one.contains("every row has the label 'alice'") && one.contains("at least two classes"), one);
        String split = failure("a1.wav,alice,validation\nb1.wav,bob,test\n");
        assertTrue(split.startsWith(csv + ":1:3: expected train or test but found 'validation'"), split);
        String columns = failure("a1.wav\n");
        assertTrue(columns.startsWith(csv + ":1: expected 2 or 3 columns"), columns);
        String none = failure("file,label\n");
        assertTrue(none.contains("no rows"), none);
        for (String m : List.of(missing, twice, empty, one, split, columns, none)) {
            assertTrue(!m.contains("\n"), m);
        }
    }
}
