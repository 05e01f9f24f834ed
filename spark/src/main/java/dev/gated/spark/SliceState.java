package dev.gated.spark;

import java.io.Serializable;

/**
 * What the owner of one parameter slice keeps between steps (an element of the cached slice RDD), and the
 * figures of the step that produced it:
 * <pre>
 *   weights (Pj)          the slice's current weights
 *   iterations, slots     the optimizer's step count and its state on the slice (Adam: m, v — each Pj)
 *   loss, examples        Σ loss and the global batch of that step (every slice sees the same sums)
 *   maxComputeNanos       the slowest partition's forward + backward in that step
 * </pre>
 */
record SliceState(int slice, double[] weights, long iterations, double[][] slots, double loss, long examples,
                  long maxComputeNanos) implements Serializable {

    /** The figures without the arrays (what a step sends to the driver). */
    SliceState figures() {
        return new SliceState(slice, null, iterations, null, loss, examples, maxComputeNanos);
    }
}
