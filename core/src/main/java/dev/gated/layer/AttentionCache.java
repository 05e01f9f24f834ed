package dev.gated.layer;

import java.util.Arrays;

/**
 * What a causal self-attention layer remembers of a stream: the projected keys K and values V of every step
 * seen so far (Transformer decoders call it the key/value cache), and which of those steps were valid. With it
 * a new step attends to all earlier ones without recomputing them: O(t) per step instead of O(t²).
 *
 * <pre>
 * keys (B, t, h·d)   values (B, t, h·e)   valid (B, t): 1 for a real step, 0 for a masked one     t = steps so far
 * </pre>
 * Storage grows by doubling, so appending one step at a time is amortised O(1) allocation per step.
 */
public final class AttentionCache {

    private final int batch;
    private final int keyWidth;     // h·d
    private final int valueWidth;   // h·e
    private int steps;
    private int capacity;
    private double[] keys;          // (B, capacity, h·d): row b's step j at (b·capacity + j)·h·d
    private double[] values;        // (B, capacity, h·e)
    private double[] valid;         // (B, capacity)

    public AttentionCache(int batch, int keyWidth, int valueWidth) {
        this.batch = Checks.positive("attention cache batch", batch);
        this.keyWidth = Checks.positive("attention cache key width", keyWidth);
        this.valueWidth = Checks.positive("attention cache value width", valueWidth);
        grow(8);
    }

    public int batch() {
        return batch;
    }

    public int keyWidth() {
        return keyWidth;
    }

    public int valueWidth() {
        return valueWidth;
    }

    /** Steps remembered so far. */
    public int steps() {
        return steps;
    }

    int capacity() {
        return capacity;
    }

    double[] keys() {
        return keys;
    }

    double[] values() {
        return values;
    }

    double[] valid() {
        return valid;
    }

    /** Appends {@code count} steps: k (B, count, h·d), v (B, count, h·e), mask (B, count) or null (all valid). */
    public void append(double[] k, double[] v, double[] mask, int count) {
        if (k.length != batch * count * keyWidth || v.length != batch * count * valueWidth
                || (mask != null && mask.length != batch * count)) {
            throw new IllegalArgumentException("attention cache: a chunk of " + count + " steps for " + batch
                    + " rows needs " + batch * count * keyWidth + " keys and " + batch * count * valueWidth + " values");
        }
        if (steps + count > capacity) {
            grow(Math.max(2 * capacity, steps + count));
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(k, b * count * keyWidth, keys, (b * capacity + steps) * keyWidth, count * keyWidth);
            System.arraycopy(v, b * count * valueWidth, values, (b * capacity + steps) * valueWidth, count * valueWidth);
            for (int j = 0; j < count; j++) {
                valid[b * capacity + steps + j] = mask == null ? 1 : mask[b * count + j];
            }
        }
        steps += count;
    }

    private void grow(int newCapacity) {
        double[] k = new double[batch * newCapacity * keyWidth];
        double[] v = new double[batch * newCapacity * valueWidth];
        double[] m = new double[batch * newCapacity];
        for (int b = 0; b < batch && steps > 0; b++) {
            System.arraycopy(keys, b * capacity * keyWidth, k, b * newCapacity * keyWidth, steps * keyWidth);
            System.arraycopy(values, b * capacity * valueWidth, v, b * newCapacity * valueWidth, steps * valueWidth);
            System.arraycopy(valid, b * capacity, m, b * newCapacity, steps);
        }
        keys = k;
        values = v;
        valid = m;
        capacity = newCapacity;
    }

    /** Forgets every step: the start of a new sequence. */
    public void clear() {
        steps = 0;
        Arrays.fill(valid, 0);
    }

    /** An independent copy. */
    public AttentionCache copy() {
        AttentionCache c = new AttentionCache(batch, keyWidth, valueWidth);
        c.grow(Math.max(capacity, 1));
        c.steps = steps;
        System.arraycopy(keys, 0, c.keys, 0, keys.length);
        System.arraycopy(values, 0, c.values, 0, values.length);
        System.arraycopy(valid, 0, c.valid, 0, valid.length);
        return c;
    }

    /** The remembered steps as flat arrays, (B, t, h·d), (B, t, h·e), (B, t): for saving a state. */
    public double[][] snapshot() {
        double[] k = new double[batch * steps * keyWidth];
        double[] v = new double[batch * steps * valueWidth];
        double[] m = new double[batch * steps];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(keys, b * capacity * keyWidth, k, b * steps * keyWidth, steps * keyWidth);
            System.arraycopy(values, b * capacity * valueWidth, v, b * steps * valueWidth, steps * valueWidth);
            System.arraycopy(valid, b * capacity, m, b * steps, steps);
        }
        return new double[][] {k, v, m};
    }
}
