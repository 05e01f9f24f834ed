package dev.gated.text.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subword vocabulary of language models learned on 36,000 characters of tiny-shakespeare: lossless, and it compresses. */
class SubwordVocabularyTest {

    static String all;
    static String text;
    static String train;
    static SubwordVocabulary bpe;

    @BeforeAll
    static void learn() throws IOException {
        all = TextFile.read(tinyShakespeare());
        text = all.substring(0, 40_000);
        train = text.substring(0, 36_000);
        bpe = SubwordVocabulary.learn(train, all, 200);   // the alphabet: every character of the file, as gated lm train does
    }

    static Path tinyShakespeare() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("shared/data/tiny-shakespeare/input.txt");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("shared/data/tiny-shakespeare/input.txt not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void decodingGivesBackTheTextExactlySpacesAndLineEndsIncluded() {
        assertEquals(text.substring(36_000), bpe.decode(bpe.encode(text.substring(36_000), "validation")));
        assertEquals(train, bpe.decode(bpe.encode(train, "train")));
        for (String odd : List.of(" ", "\n", "\n\n\n", "  leading and trailing  ", "a  b   c\n \n", "ROMEO:\n\nWhat, ho!",
                "--;;!!??", "What?! -- ay, ay.", "A", "\n \n  x", "e", "theeeee   ,")) {
            int[] ids = bpe.encode(odd, "odd");
            assertEquals(odd, bpe.decode(ids), "round trip of \"" + odd + "\"");
        }
    }

    @Test
    void frequentWordsWithTheirSpaceBecomeOneTokenAndTheTextShrinks() {
        assertEquals(200, bpe.mergeCount());
        assertEquals(all.chars().distinct().count(), bpe.characterCount());
        assertEquals(bpe.characterCount() + 200, bpe.size());
        assertEquals(1, bpe.encode(" the", "word").length);
        assertEquals(1, bpe.encode("\n\n", "line ends").length, "a blank line is one token");
        int tokens = bpe.encode(text.substring(36_000), "validation").length;
        assertTrue(tokens < 0.65 * 4_000, tokens + " tokens for 4,000 characters");
        int[] lengths = bpe.lengths();
        int spelled = 0;
        for (int id : bpe.encode(text, "text")) {
            spelled += lengths[id];
        }
        assertEquals(text.length(), spelled, "the tokens' lengths add up to the characters");
    }

    @Test
    void theVocabularyIsWrittenAndReadBack() {
        LmVocabulary back = LmVocabulary.parse("bpe", bpe.serialise());
        assertEquals(bpe.size(), back.size());
        assertArrayEquals(bpe.encode(text, "text"), back.encode(text, "text"));
    }

    @Test
    void aCharacterOutsideTheAlphabetAndTooManyMergesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bpe.encode("All well.\nYes — ok", "--prompt"));
        assertEquals("--prompt: line 2, column 5: character '—' (U+2014) is not in the model's vocabulary of "
                + bpe.characterCount() + " characters (those of its training text)", e.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> SubwordVocabulary.learn("to be or not to be", "to be or not to be", 50));
        assertTrue(tooMany.getMessage().startsWith("the training text allows only "), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubwordVocabulary.learn("abab", "abab", 0));
    }
}
