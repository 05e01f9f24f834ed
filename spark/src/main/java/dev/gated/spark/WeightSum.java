package dev.gated.spark;

import java.io.Serializable;

/**
 * What the partitions of one parameter-averaging round send back, added up by {@code treeAggregate}:
 * <pre>
 *   weights (P)  Σ_p w_p, the replicas' weights after their local steps
 *   loss         Σ over the examples of the local steps of the loss
 *   examples     Σ_p k·b
 *   replicas     N, the partitions that trained (the average divides by it)
 * </pre>
 */
public record WeightSum(double[] weights, double loss, long examples, int replicas) implements Serializable {

    public static WeightSum zero(int parameters) {
        return new WeightSum(new double[parameters], 0, 0, 0);
    }

    /** This plus {@code o} (this one's array is reused). */
    public WeightSum plus(WeightSum o) {
        for (int i = 0; i < weights.length; i++) {
            weights[i] += o.weights[i];
        }
        return new WeightSum(weights, loss + o.loss, examples + o.examples, replicas + o.replicas);
    }

    /** The mean of the replicas' weights. */
    public double[] average() {
        double[] out = new double[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] / replicas;
        }
        return out;
    }
}
