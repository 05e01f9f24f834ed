package dev.gated.text.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitAndBatchesTest {

    @Test
    void stratifiedSplitKeepsClassProportionsAndDependsOnTheSeedOnly() {
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 70 ? 0 : i < 90 ? 1 : 2;
        }
        Split s = Split.of(y, 3, 0.2, true, 5);
        assertEquals(20, s.test().length);
        int[] counts = new int[3];
        for (int i : s.test()) {
            counts[y[i]]++;
        }
        assertArrayEquals(new int[] {14, 4, 2}, counts);
        Set<Integer> all = new HashSet<>();
        for (int i : s.train()) {
            all.add(i);
        }
        for (int i : s.test()) {
            assertTrue(all.add(i), "row " + i + " in both parts");
        }
        assertEquals(100, all.size());
        assertArrayEquals(s.test(), Split.of(y, 3, 0.2, true, 5).test());
        assertTrue(!java.util.Arrays.equals(s.test(), Split.of(y, 3, 0.2, true, 6).test()));
    }

    @Test
    void batchesAreBucketedByLengthAndPaddedToTheirOwnLongest() {
        List<int[]> seqs = new ArrayList<>();
        float[] y = new float[40];
        for (int i = 0; i < 40; i++) {
            int[] s = new int[1 + (i * 7) % 20];
            java.util.Arrays.fill(s, 2 + i);
            seqs.add(s);
            y[i] = i;
        }
        List<Dataset> batches = LengthBatches.shuffled(seqs, y, 8, 15, 3);
        assertEquals(5, batches.size());
        Set<Float> seen = new HashSet<>();
        int widths = 0;
        for (Dataset b : batches) {
            int t = b.x().dim(1);
            int longest = 0;
            for (int r = 0; r < b.size(); r++) {
                int row = (int) b.y().get(r);
                assertTrue(seen.add((float) row));
                int length = Math.min(15, seqs.get(row).length);
                longest = Math.max(longest, length);
                for (int k = 0; k < t; k++) { // pre-padded: the last `length` steps are the row's own tokens
                    boolean real = k >= t - length;
                    assertEquals(real ? 1f : 0f, b.mask().get(r * t + k));
                    assertEquals(real ? 2f + row : 0f, b.x().get(r * t + k));
                }
            }
            assertEquals(longest, t, "each batch is padded to its own longest sequence (at most 15)");
            widths += t;
        }
        assertEquals(40, seen.size());
        assertTrue(widths < 5 * 15, "bucketing pads less than one global length: " + widths);
    }
}
