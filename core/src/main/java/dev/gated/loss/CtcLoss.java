package dev.gated.loss;

import dev.gated.tensor.Tensor;

/**
 * Connectionist temporal classification (Graves et al. 2006): the loss of a label sequence shorter than the
 * input, summed over every alignment of it to the frames, so a model learns to transcribe without knowing
 * where each label starts. Class 0 is the blank (PyTorch's default); labels are 1 … C−1.
 *
 * <pre>
 * logits z (B, T, C) → log-softmax per frame: lp[t, c]                 T' = frames the (B, T) mask keeps (all if none)
 * target (B, L): labels l₁ … l_U in 1 … C−1, then 0 as padding (U ≤ L may differ per row)
 * extended l' (S = 2U + 1): blank, l₁, blank, l₂, …, l_U, blank
 * α[0, 0] = lp[0, blank]     α[0, 1] = lp[0, l₁]     α[0, s > 1] = −∞                     (all in log space)
 * α[t, s] = lp[t, l'_s] + logsumexp(α[t−1, s], α[t−1, s−1], α[t−1, s−2] if l'_s ≠ blank and l'_s ≠ l'_{s−2})
 * β[T'−1, S−1] = β[T'−1, S−2] = 0, else −∞
 * β[t, s] = logsumexp(β[t+1, s] + lp[t+1, l'_s], β[t+1, s+1] + lp[t+1, l'_{s+1}],
 *                      β[t+1, s+2] + lp[t+1, l'_{s+2}] if l'_{s+2} ≠ blank and l'_{s+2} ≠ l'_s)
 * log p(l | x) = logsumexp(α[T'−1, S−1], α[T'−1, S−2])
 * loss = (1/B) Σ_b −log p(l_b | x_b)
 * ∂loss/∂z[t, c] = (1/B) (softmax(z[t])_c − Σ_{s: l'_s = c} exp(α[t, s] + β[t, s] − log p))   t < T'; 0 on masked frames
 * </pre>
 * The reduction is the mean over sequences (Keras's {@code ctc_batch_cost} averaged; PyTorch's
 * {@code reduction='sum'} divided by B), not PyTorch's default, which first divides each sequence's loss by its
 * label length. A label sequence that no alignment fits — fewer kept frames than U plus the repeats that need a
 * blank between them — is an error naming the row, not an infinite loss.
 */
public final class CtcLoss implements Loss {

    public static final int BLANK = 0;

    @Override
    public String name() {
        return "ctc";
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor mask, Tensor gradient) {
        if (prediction.rank() != 3) {
            throw new IllegalArgumentException("ctc: the predictions must be per-frame logits (batch, frames, classes) but have shape "
                    + prediction.shapeString() + " — use a recurrent layer with returnSequences(true) and a Dense(classes) without softmax");
        }
        int batch = prediction.dim(0);
        int frames = prediction.dim(1);
        int classes = prediction.dim(2);
        if (target.rank() != 2 || target.dim(0) != batch) {
            throw new IllegalArgumentException("ctc: the targets must be label sequences (batch, max labels) padded with 0, "
                    + "but have shape " + target.shapeString() + " for predictions " + prediction.shapeString());
        }
        if (mask != null && (mask.size() != batch * frames)) {
            throw new IllegalArgumentException("ctc: mask of shape " + mask.shapeString() + " does not fit predictions " + prediction.shapeString());
        }
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int kept = keptFrames(mask, b, frames);
            int[] labels = labels(target, b, classes);
            total += sequence(prediction, b, frames, classes, kept, labels, gradient, batch);
        }
        return total / batch;
    }

    private static int keptFrames(Tensor mask, int b, int frames) {
        if (mask == null) {
            return frames;
        }
        int kept = 0;
        for (int t = 0; t < frames; t++) {
            if (mask.get(b * frames + t) != 0) {
                if (kept != t) {
                    throw new IllegalArgumentException("ctc: row " + b + "'s mask has a hole at frame " + kept
                            + " — CTC needs each sequence's frames first and its padding after them (right padding)");
                }
                kept++;
            }
        }
        return kept;
    }

    /** Row b's labels l₁ … l_U, checked: whole numbers in 1 … C−1, then only 0 (padding). */
    static int[] labels(Tensor target, int b, int classes) {
        int width = target.dim(1);
        int count = 0;
        int[] labels = new int[width];
        for (int i = 0; i < width; i++) {
            double v = target.get(b * width + i);
            int label = (int) v;
            if (label != v || label < 0 || label >= classes) {
                throw new IllegalArgumentException("ctc: target row " + b + " position " + i + " is " + v
                        + " but labels are whole numbers 1 … " + (classes - 1) + " (0 is the blank, used only as padding after the labels)");
            }
            if (label == BLANK) {
                continue;
            }
            if (count != i) {
                throw new IllegalArgumentException("ctc: target row " + b + " has label " + label + " at position " + i
                        + " after padding — put the labels first and the 0 padding after them");
            }
            labels[count++] = label;
        }
        return java.util.Arrays.copyOf(labels, count);
    }

    /** −log p(labels | row b), writing the row's gradient when asked. */
    private static double sequence(Tensor z, int b, int frames, int classes, int kept, int[] labels, Tensor gradient, int batch) {
        double[][] lp = logSoftmax(z, b, frames, classes, kept);
        int[] extended = new int[2 * labels.length + 1];
        for (int u = 0; u < labels.length; u++) {
            extended[2 * u + 1] = labels[u];
        }
        int needed = labels.length;
        for (int u = 1; u < labels.length; u++) {
            needed += labels[u] == labels[u - 1] ? 1 : 0;
        }
        if (kept < Math.max(needed, 1)) {
            throw new IllegalArgumentException("ctc: row " + b + " has " + kept + " frame" + (kept == 1 ? "" : "s") + " but its "
                    + labels.length + " labels need at least " + Math.max(needed, 1) + " (one per label, plus a blank between repeats)");
        }
        double[][] alpha = forward(lp, extended, kept);
        double logP = logSumExp(alpha[kept - 1][extended.length - 1],
                extended.length > 1 ? alpha[kept - 1][extended.length - 2] : Double.NEGATIVE_INFINITY);
        if (gradient != null) {
            double[][] beta = backward(lp, extended, kept);
            writeGradient(gradient, b, frames, classes, kept, lp, extended, alpha, beta, logP, batch);
        }
        return -logP;
    }

    private static double[][] logSoftmax(Tensor z, int b, int frames, int classes, int kept) {
        double[][] lp = new double[kept][classes];
        for (int t = 0; t < kept; t++) {
            logSoftmax(z, (b * frames + t) * classes, classes, lp[t]);
        }
        return lp;
    }

    /** out[c] = z[at + c] − log Σ_k exp(z[at + k]), computed stably. */
    static void logSoftmax(Tensor z, int at, int classes, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z.get(at + c));
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(z.get(at + c) - max);
        }
        double log = max + Math.log(sum);
        for (int c = 0; c < classes; c++) {
            out[c] = z.get(at + c) - log;
        }
    }

    private static boolean canSkip(int[] extended, int s) {
        return s >= 2 && extended[s] != BLANK && extended[s] != extended[s - 2];
    }

    private static double[][] forward(double[][] lp, int[] extended, int kept) {
        int length = extended.length;
        double[][] alpha = new double[kept][length];
        for (double[] row : alpha) {
            java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        alpha[0][0] = lp[0][BLANK];
        if (length > 1) {
            alpha[0][1] = lp[0][extended[1]];
        }
        for (int t = 1; t < kept; t++) {
            for (int s = 0; s < length; s++) {
                double sum = alpha[t - 1][s];
                if (s >= 1) {
                    sum = logSumExp(sum, alpha[t - 1][s - 1]);
                }
                if (canSkip(extended, s)) {
                    sum = logSumExp(sum, alpha[t - 1][s - 2]);
                }
                alpha[t][s] = sum + lp[t][extended[s]];
            }
        }
        return alpha;
    }

    private static double[][] backward(double[][] lp, int[] extended, int kept) {
        int length = extended.length;
        double[][] beta = new double[kept][length];
        for (double[] row : beta) {
            java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        beta[kept - 1][length - 1] = 0;
        if (length > 1) {
            beta[kept - 1][length - 2] = 0;
        }
        for (int t = kept - 2; t >= 0; t--) {
            for (int s = 0; s < length; s++) {
                double sum = beta[t + 1][s] + lp[t + 1][extended[s]];
                if (s + 1 < length) {
                    sum = logSumExp(sum, beta[t + 1][s + 1] + lp[t + 1][extended[s + 1]]);
                }
                if (s + 2 < length && canSkip(extended, s + 2)) {
                    sum = logSumExp(sum, beta[t + 1][s + 2] + lp[t + 1][extended[s + 2]]);
                }
                beta[t][s] = sum;
            }
        }
        return beta;
    }

    private static void writeGradient(Tensor gradient, int b, int frames, int classes, int kept, double[][] lp, int[] extended,
                                      double[][] alpha, double[][] beta, double logP, int batch) {
        double[] occupancy = new double[classes];
        for (int t = 0; t < frames; t++) {
            int at = (b * frames + t) * classes;
            if (t >= kept) {
                gradient.fill(at, classes, 0);
                continue;
            }
            java.util.Arrays.fill(occupancy, Double.NEGATIVE_INFINITY);
            for (int s = 0; s < extended.length; s++) {
                occupancy[extended[s]] = logSumExp(occupancy[extended[s]], alpha[t][s] + beta[t][s]);
            }
            for (int c = 0; c < classes; c++) {
                gradient.set(at + c, (Math.exp(lp[t][c]) - Math.exp(occupancy[c] - logP)) / batch);
            }
        }
    }

    /** log(e^a + e^b), exact when either is −∞. */
    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }
}
