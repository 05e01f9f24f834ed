package dev.gated.loss;

import dev.gated.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pinball (quantile) loss of Q quantile levels τ₁ … τ_Q at once: the model predicts Q values per target, and
 * minimising the loss makes prediction q an estimate of the τ_q-quantile of the target given the input.
 * <pre>
 *   prediction (…, F·Q)    target (…, F)     ŷ[p, j·Q + q] estimates the τ_q-quantile of y[p, j]
 *   ρ_τ(u) = max(τ·u, (τ − 1)·u)             u = y − ŷ
 *   loss   = mean over valid positions p, outputs j and levels q of ρ_τq(y[p, j] − ŷ[p, j·Q + q])
 *   ∂loss/∂ŷ[p, j·Q + q] = (1[ŷ &gt; y] − τ_q) / (valid positions · F · Q)      (1/2 − τ_q at ŷ = y)
 * </pre>
 * With one level τ = 0.5 the loss is half the mean absolute error. A (…, T) mask, as for the other losses,
 * removes padded positions from the value and the gradient.
 */
public final class PinballLoss implements Loss {

    private final double[] levels;

    /** @param levels τ₁ … τ_Q, each in (0, 1), in the order the predictions hold them */
    PinballLoss(double... levels) {
        if (levels.length == 0) {
            throw new IllegalArgumentException("pinball loss: give at least one quantile level, e.g. 0.1, 0.5, 0.9");
        }
        for (double t : levels) {
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException("pinball loss: quantile levels must lie strictly between 0 and 1, "
                        + "got " + t);
            }
        }
        this.levels = levels.clone();
    }

    /** The levels τ₁ … τ_Q. */
    public double[] levels() {
        return levels.clone();
    }

    /** {@code pinball(0.1,0.5,0.9)}, which {@link Loss#parse} reads back. */
    @Override
    public String name() {
        return Arrays.stream(levels).mapToObj(t -> String.format(Locale.ROOT, "%s", t))
                .collect(Collectors.joining(",", "pinball(", ")"));
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor mask, Tensor gradient) {
        int q = levels.length;
        int width = prediction.dim(prediction.rank() - 1);
        if (width % q != 0 || target.size() * q != prediction.size()) {
            throw new IllegalArgumentException(name() + ": the predictions have shape " + prediction.shapeString()
                    + " and the targets " + target.shapeString() + "; " + q + " quantile levels need "
                    + q + " predictions per target (" + target.size() * q + " in all) — give the output layer "
                    + q + " × (targets per position) units");
        }
        int count = prediction.size() / width;
        if (mask != null && mask.size() != count) {
            throw new IllegalArgumentException(name() + ": mask of shape " + mask.shapeString()
                    + " does not fit predictions of shape " + prediction.shapeString());
        }
        int valid = 0;
        for (int p = 0; p < count; p++) {
            valid += mask == null || mask.get(p) != 0 ? 1 : 0;
        }
        double scale = 1.0 / ((double) Math.max(valid, 1) * width);
        int outputs = width / q;
        double sum = 0;
        for (int p = 0; p < count; p++) {
            boolean isValid = mask == null || mask.get(p) != 0;
            for (int j = 0; j < outputs; j++) {
                double y = target.get(p * outputs + j);
                for (int k = 0; k < q; k++) {
                    int i = p * width + j * q + k;
                    double u = y - prediction.get(i);
                    double tau = levels[k];
                    if (isValid) {
                        sum += u >= 0 ? tau * u : (tau - 1) * u;
                    }
                    if (gradient != null) {
                        double d = u > 0 ? -tau : u < 0 ? 1 - tau : 0.5 - tau;
                        gradient.set(i, isValid ? d * scale : 0);
                    }
                }
            }
        }
        return sum * scale;
    }
}
