package dev.gated.spark;

import java.io.Serializable;

/**
 * The flat parameter vector (P values, {@link FlatParameters} order) cut into N contiguous slices, slice j
 * owned by partition j of the sharded synchronisation ({@link ShardedSynchronisation}):
 * <pre>
 *   slice j = [start(j), start(j+1))      start(j) = ⌊j·P / N⌋      (sizes differ by at most one)
 * </pre>
 *
 * @param parameters P
 * @param count      N
 */
record ParameterSlices(int parameters, int count) implements Serializable {

    ParameterSlices {
        if (count < 1 || count > parameters) {
            throw new IllegalArgumentException("cannot cut " + parameters + " parameters into " + count
                    + " slices: use between 1 and " + parameters + " partitions");
        }
    }

    int start(int slice) {
        return (int) ((long) slice * parameters / count);
    }

    int end(int slice) {
        return start(slice + 1);
    }

    /** Slice j of {@code whole} (P values). */
    double[] cut(double[] whole, int slice) {
        return java.util.Arrays.copyOfRange(whole, start(slice), end(slice));
    }

    /** Writes slice j's values back into {@code whole}. */
    void paste(double[] part, int slice, double[] whole) {
        System.arraycopy(part, 0, whole, start(slice), part.length);
    }
}
