package dev.gated.spark;

import dev.gated.layer.Parameter;
import java.util.List;

/**
 * A model's parameters laid end to end in one vector, in {@code Model.parameters()} order, the form in which
 * weights and gradients cross the network: P = Σ sizes of the parameters.
 * <pre>
 *   weights(params)        (P) the values
 *   gradients(params, s)   (P) s · grad          (s = the shard's example count: a mean gradient made a sum)
 *   setWeights / setGradients write a vector back into the tensors
 * </pre>
 */
public final class FlatParameters {

    private FlatParameters() {
    }

    /** P, the number of scalars. */
    public static int size(List<Parameter> params) {
        int n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        return n;
    }

    public static double[] weights(List<Parameter> params) {
        double[] out = new double[size(params)];
        int at = 0;
        for (Parameter p : params) {
            for (int i = 0; i < p.value().size(); i++) {
                out[at++] = p.value().get(i);
            }
        }
        return out;
    }

    /** Adds {@code scale} · grad of every parameter into {@code into} (P). */
    public static void addGradients(List<Parameter> params, double scale, double[] into) {
        int at = 0;
        for (Parameter p : params) {
            for (int i = 0; i < p.grad().size(); i++) {
                into[at++] += scale * p.grad().get(i);
            }
        }
    }

    public static void setWeights(List<Parameter> params, double[] values) {
        check(params, values);
        int at = 0;
        for (Parameter p : params) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, values[at++]);
            }
        }
    }

    /** grad = {@code scale} · values. */
    public static void setGradients(List<Parameter> params, double[] values, double scale) {
        check(params, values);
        int at = 0;
        for (Parameter p : params) {
            for (int i = 0; i < p.grad().size(); i++) {
                p.grad().set(i, scale * values[at++]);
            }
        }
    }

    private static void check(List<Parameter> params, double[] values) {
        if (values.length != size(params)) {
            throw new IllegalArgumentException("a vector of " + values.length + " values for a model of "
                    + size(params) + " parameters — the weights belong to another model");
        }
    }
}
