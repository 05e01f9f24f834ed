package dev.gated.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gated.data.Dataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CharVocabularyTest {

    @Test
    void sortedDistinctCharactersRoundTrip() {
        CharVocabulary v = CharVocabulary.of("hello world");
        assertEquals(8, v.size()); // ' ', d, e, h, l, o, r, w
        assertEquals(' ', v.charAt(0));
        assertEquals(3, v.indexOf('h'));
        assertEquals("hello world", v.decode(v.encode("hello world")));
        assertThrows(IllegalArgumentException.class, () -> v.indexOf('z'));
    }

    @Test
    void windowsPredictTheNextCharacter() {
        CharVocabulary v = CharVocabulary.of("abcdefg");
        Dataset d = v.windows("abcdefg", 3, 2); // abc→d, cde→f
        assertArrayEquals(new int[] {2, 3}, d.x().shape());
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4}, d.x().toFloatArray());
        assertArrayEquals(new float[] {3, 5}, d.y().toFloatArray());
        assertEquals(4, v.windows("abcdefg", 3, 1).size());
        assertThrows(IllegalArgumentException.class, () -> v.windows("abc", 3, 1));
    }

    @Test
    void sequencesPredictTheNextCharacterAtEveryStep() {
        CharVocabulary v = CharVocabulary.of("abcdefg");
        Dataset d = v.sequences("abcdefg", 3, 3); // abc→bcd, def→efg
        assertArrayEquals(new int[] {2, 3}, d.x().shape());
        assertArrayEquals(new int[] {2, 3}, d.y().shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, d.x().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.y().toFloatArray());
        assertEquals(4, v.sequences("abcdefg", 3, 1).size());
        assertThrows(IllegalArgumentException.class, () -> v.sequences("abc", 3, 1));
    }

    @Test
    void windowTakesTheLastCharacters() {
        CharVocabulary v = CharVocabulary.of("abcdefg");
        assertArrayEquals(new float[] {4, 5, 6}, v.window("abcdefg", 3).toFloatArray());
    }

    @Test
    void samplingFollowsTemperature() {
        Random r = new Random(1);
        double[] logits = {0, 5, 1};
        for (int i = 0; i < 20; i++) {
            assertEquals(1, Sampling.sample(logits, 0.01, r));
        }
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[Sampling.sample(new double[] {0, 0, 0}, 1.0, r)]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, 120);
        }
        assertThrows(IllegalArgumentException.class, () -> Sampling.sample(logits, 0, r));
    }
}
