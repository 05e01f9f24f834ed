package dev.gated.spark;

import java.io.Serializable;

/**
 * What the partitions of one synchronous step send back, added up by {@code treeAggregate}:
 * <pre>
 *   gradient (P)  Σ over the step's examples of ∂loss/∂w   (each shard: its mean gradient × its example count)
 *   loss          Σ over examples of the loss               (each shard: its mean loss × its example count)
 *   examples      the global batch, N·b
 *   computeNanos  Σ over shards of forward + backward time; maxComputeNanos: the slowest shard's
 * </pre>
 * Dividing gradient and loss by examples gives the mean over the global batch, the quantity one process
 * with batch N·b computes.
 */
public record GradientSum(double[] gradient, double loss, long examples, long computeNanos, long maxComputeNanos)
        implements Serializable {

    public static GradientSum zero(int parameters) {
        return new GradientSum(new double[parameters], 0, 0, 0, 0);
    }

    /** This plus {@code o} (this one's array is reused). */
    public GradientSum plus(GradientSum o) {
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += o.gradient[i];
        }
        return new GradientSum(gradient, loss + o.loss, examples + o.examples, computeNanos + o.computeNanos,
                Math.max(maxComputeNanos, o.maxComputeNanos));
    }
}
