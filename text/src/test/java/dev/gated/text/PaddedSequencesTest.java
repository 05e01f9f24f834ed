package dev.gated.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaddedSequencesTest {

    @Test
    void prePadsShortAndKeepsTheLastWordsOfLongSequences() {
        PaddedSequences p = PaddedSequences.pad(List.of(new int[] {7, 8, 9}, new int[] {2, 3, 4, 5, 6, 7, 8}, new int[0]), 5);
        assertArrayEquals(new int[] {3, 5}, p.x().shape());
        assertArrayEquals(new int[] {3, 5}, p.mask().shape());
        assertArrayEquals(new float[] {0, 0, 7, 8, 9, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0}, p.x().toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, p.mask().toFloatArray());
        assertEquals(3, p.size());
        assertEquals(5, p.length());
    }

    @Test
    void exactLengthIsUnchangedAndUnknownIsMaskedIn() {
        PaddedSequences p = PaddedSequences.pad(List.of(new int[] {1, 1, 4}), 3);
        assertArrayEquals(new float[] {1, 1, 4}, p.x().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, p.mask().toFloatArray());
    }

    @Test
    void rejectsPaddingIndexInsideASequenceAndBadLength() {
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.pad(List.of(new int[] {3, 0}), 4));
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.pad(List.of(new int[] {3}), 0));
    }
}
