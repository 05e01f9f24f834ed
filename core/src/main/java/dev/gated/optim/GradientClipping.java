package dev.gated.optim;

import dev.gated.layer.Checks;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Limits gradients before the optimizer step.
 * <pre>
 * by global norm c:  n = √(Σ_params Σ g²);  if n &gt; c:  g ← g · c / n   (Pascanu et al., 2013)
 * by value c:        g ← clamp(g, −c, c)
 * </pre>
 */
public record GradientClipping(Kind kind, double threshold) {

    public enum Kind { NONE, GLOBAL_NORM, VALUE }

    public static final GradientClipping NONE = new GradientClipping(Kind.NONE, Double.POSITIVE_INFINITY);

    public GradientClipping {
        if (kind != Kind.NONE) {
            Checks.positive("clipping threshold", threshold);
        }
    }

    public static GradientClipping byGlobalNorm(double maxNorm) {
        return new GradientClipping(Kind.GLOBAL_NORM, maxNorm);
    }

    public static GradientClipping byValue(double maxAbs) {
        return new GradientClipping(Kind.VALUE, maxAbs);
    }

    /** Clips in place; returns the global gradient norm before clipping (NaN when clipping is off: not computed). */
    public double apply(List<Parameter> parameters) {
        if (kind == Kind.NONE) {
            return Double.NaN;
        }
        double sumSquares = 0;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            for (int i = 0; i < g.size(); i++) {
                sumSquares += g.get(i) * g.get(i);
            }
        }
        double norm = Math.sqrt(sumSquares);
        if (kind == Kind.GLOBAL_NORM && norm > threshold) {
            double scale = threshold / norm;
            for (Parameter p : parameters) {
                Tensor g = p.grad();
                for (int i = 0; i < g.size(); i++) {
                    g.set(i, g.get(i) * scale);
                }
            }
        } else if (kind == Kind.VALUE) {
            for (Parameter p : parameters) {
                Tensor g = p.grad();
                for (int i = 0; i < g.size(); i++) {
                    g.set(i, Math.max(-threshold, Math.min(threshold, g.get(i))));
                }
            }
        }
        return norm;
    }
}
