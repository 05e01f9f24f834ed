package dev.gated.text.classify;

import dev.gated.data.Dataset;
import dev.gated.tensor.Tensor;
import dev.gated.text.PaddedSequences;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Variable-length batches: sequences bucketed by length and padded per batch to the longest in the batch,
 * instead of one global pad length for the whole data set.
 * <pre>
 *   order = rows sorted by (length, random tie-break from seed)      → similar lengths side by side
 *   batches = consecutive runs of B rows of that order, in a shuffled order (from seed)
 *   batch b: x (B_b, T_b) pre-padded with 0, mask (B_b, T_b), T_b = min(maxLength, longest in b)
 * </pre>
 * A model built on {@code Shape.anyLength()} takes each batch as it is. Sequences longer than {@code maxLength}
 * keep their last {@code maxLength} tokens; an empty sequence must have been given one token (e.g. unknown).
 */
public final class LengthBatches {

    private LengthBatches() {
    }

    /** Shuffled, bucketed batches for one training epoch; {@code y} rows follow their sequences. */
    public static List<Dataset> shuffled(List<int[]> sequences, float[] y, int batchSize, int maxLength, long seed) {
        Random random = new Random(seed);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            rows.add(i);
        }
        Collections.shuffle(rows, random); // the tie-break among equal lengths
        rows.sort((a, b) -> Integer.compare(Math.min(maxLength, sequences.get(a).length),
                Math.min(maxLength, sequences.get(b).length)));
        List<Dataset> batches = cut(rows, sequences, y, batchSize, maxLength);
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Batches in row order (for prediction): row i of the data is row i % batchSize of batch i / batchSize. */
    public static List<Dataset> inOrder(List<int[]> sequences, float[] y, int batchSize, int maxLength) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            rows.add(i);
        }
        return cut(rows, sequences, y, batchSize, maxLength);
    }

    private static List<Dataset> cut(List<Integer> rows, List<int[]> sequences, float[] y, int batchSize, int maxLength) {
        if (batchSize < 1 || maxLength < 1) {
            throw new IllegalArgumentException("batch size and maximum length must be >= 1 but are " + batchSize
                    + " and " + maxLength);
        }
        List<Dataset> out = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += batchSize) {
            List<Integer> part = rows.subList(start, Math.min(rows.size(), start + batchSize));
            List<int[]> seqs = new ArrayList<>();
            float[] targets = new float[part.size()];
            int longest = 1;
            for (int k = 0; k < part.size(); k++) {
                int[] s = sequences.get(part.get(k));
                if (s.length == 0) {
                    throw new IllegalArgumentException("row " + part.get(k) + " has no tokens — give empty texts "
                            + "one token (the unknown index) before batching");
                }
                seqs.add(s);
                longest = Math.max(longest, Math.min(maxLength, s.length));
                targets[k] = y[part.get(k)];
            }
            PaddedSequences padded = PaddedSequences.pad(seqs, longest);
            out.add(new Dataset(padded.x(), Tensor.of(targets, targets.length, 1), padded.mask()));
        }
        return out;
    }
}
