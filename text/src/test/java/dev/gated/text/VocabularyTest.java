package dev.gated.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<List<String>> TEXTS = List.of(
            List.of("good", "movie"), List.of("bad", "movie"), List.of("good", "good", "plot"));

    @Test
    void reservesPaddingAndUnknownThenOrdersByCount() {
        Vocabulary v = Vocabulary.build(TEXTS);
        assertEquals(6, v.size());
        assertEquals("<pad>", v.word(0));
        assertEquals("<unk>", v.word(1));
        assertEquals(2, v.indexOf("good"));  // 3 times
        assertEquals(3, v.indexOf("movie")); // 2 times
        assertEquals(4, v.indexOf("bad"));   // 1, alphabetical before plot
        assertEquals(5, v.indexOf("plot"));
    }

    @Test
    void unknownWordsMapToOne() {
        Vocabulary v = Vocabulary.build(TEXTS);
        assertArrayEquals(new int[] {2, 1, 3}, v.encode("Good awful MOVIE"));
        assertFalse(v.contains("<pad>"));
        assertEquals(Vocabulary.UNKNOWN, v.indexOf("<pad>"));
    }

    @Test
    void maxSizeAndMinCountLimitTheWords() {
        Vocabulary v = Vocabulary.build(TEXTS, 4, 1);
        assertEquals(4, v.size());
        assertEquals(Vocabulary.UNKNOWN, v.indexOf("bad"));
        Vocabulary frequent = Vocabulary.build(TEXTS, 100, 2);
        assertEquals(4, frequent.size());
        assertEquals(Vocabulary.UNKNOWN, frequent.indexOf("plot"));
    }

    @Test
    void rejectsBadLimits() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TEXTS, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TEXTS, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TEXTS).word(6));
    }

    @Test
    void wordsRoundTripThroughOf() {
        Vocabulary v = Vocabulary.build(TEXTS);
        Vocabulary back = Vocabulary.of(v.words());
        assertEquals(v.words(), back.words());
        for (String w : v.words().subList(2, v.size())) {
            assertEquals(v.indexOf(w), back.indexOf(w));
        }
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("<pad>", "<unk>", "x", "x")));
    }
}
