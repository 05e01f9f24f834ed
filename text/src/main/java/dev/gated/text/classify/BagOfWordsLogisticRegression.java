package dev.gated.text.classify;

import dev.gated.text.Vocabulary;
import java.util.List;

/**
 * The strongest simple baseline for short texts: word counts (bag of words over a training vocabulary) into a
 * multinomial logistic regression with an L2 penalty, fitted to convergence by accelerated gradient descent.
 * <pre>
 *   x_i ∈ ℕ^F   word counts of text i (unknown words dropped), F = vocabulary words
 *   z_ik = b_k + Σ_f W_kf · x_if,   p_ik = softmax_k(z_i)
 *   J(W, b) = −(1/n) Σ_i log p_i,y_i  +  (λ/2) Σ_kf W_kf²        λ = 1/(C·n), b not penalised
 *   ∂J/∂W_kf = (1/n) Σ_i (p_ik − [y_i = k]) x_if + λ W_kf
 * </pre>
 * With {@code C} as in scikit-learn's {@code LogisticRegression(C=1.0)} (whose objective is
 * ½‖w‖² + C Σ log-loss, the same minimiser up to scale). With two classes the softmax over two rows is a logistic
 * regression on w = W_1 − W_0 (the penalty on the two rows acts as a penalty of λ/4·‖w‖² on the difference).
 * The minimiser is found by Nesterov-accelerated gradient descent with a backtracking step size, stopped when
 * the largest gradient component falls below {@code tolerance} or after {@code maxIterations}.
 */
public final class BagOfWordsLogisticRegression {

    private final Vocabulary vocabulary;
    private final int classes;
    private final double[][] weights; // (K, F + 1): column 0 is the bias b_k, column f+1 the weight of word index f+2
    private final int iterations;

    private BagOfWordsLogisticRegression(Vocabulary vocabulary, int classes, double[][] weights, int iterations) {
        this.vocabulary = vocabulary;
        this.classes = classes;
        this.weights = weights;
        this.iterations = iterations;
    }

    /** Fits on tokenized texts with labels 0 … classes−1; {@code c} > 0 is the inverse penalty strength. */
    public static BagOfWordsLogisticRegression fit(List<List<String>> texts, int[] labels, int classes,
                                                   Vocabulary vocabulary, double c, int maxIterations, double tolerance) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("C must be > 0 (smaller = stronger penalty) but is " + c);
        }
        int n = texts.size();
        int[][] features = new int[n][];
        for (int i = 0; i < n; i++) {
            features[i] = vocabulary.encode(texts.get(i));
        }
        int width = vocabulary.size() - 1; // bias + words 2 … V−1 (index v maps to column v − 1)
        double lambda = 1.0 / (c * n);
        Objective objective = new Objective(features, labels, classes, width, lambda);
        double[][] w = new double[classes][width];
        double[][] previous = new double[classes][width];
        double[][] gradient = new double[classes][width];
        double step = 1.0;
        int it = 0;
        for (; it < maxIterations; it++) {
            double momentum = it / (it + 3.0);
            double[][] look = new double[classes][width];
            for (int k = 0; k < classes; k++) {
                for (int f = 0; f < width; f++) {
                    look[k][f] = w[k][f] + momentum * (w[k][f] - previous[k][f]);
                }
            }
            double value = objective.valueAndGradient(look, gradient);
            if (maxAbs(gradient) < tolerance) {
                copy(look, w);
                break;
            }
            double squared = sumSquares(gradient);
            double[][] next = new double[classes][width];
            while (true) { // backtracking: shrink until the step decreases J enough (Armijo, factor ½)
                for (int k = 0; k < classes; k++) {
                    for (int f = 0; f < width; f++) {
                        next[k][f] = look[k][f] - step * gradient[k][f];
                    }
                }
                if (objective.valueAndGradient(next, null) <= value - 0.5 * step * squared || step < 1e-12) {
                    break;
                }
                step *= 0.5;
            }
            copy(w, previous);
            copy(next, w);
            step *= 1.25; // let the step grow again
        }
        return new BagOfWordsLogisticRegression(vocabulary, classes, w, it);
    }

    /** With C = 1, at most 2,000 iterations, tolerance 1e-5. */
    public static BagOfWordsLogisticRegression fit(List<List<String>> texts, int[] labels, int classes, Vocabulary vocabulary) {
        return fit(texts, labels, classes, vocabulary, 1.0, 2000, 1e-5);
    }

    public double[] probabilities(List<String> tokens) {
        return softmax(logits(weights, vocabulary.encode(tokens), classes));
    }

    public double[][] predictProbabilities(List<List<String>> texts) {
        double[][] out = new double[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities(texts.get(i));
        }
        return out;
    }

    /** Bias of class k (column 0) and weight of vocabulary word index v ≥ 2 (column v − 1). */
    public double weight(int k, int vocabularyIndex) {
        return weights[k][vocabularyIndex - 1];
    }

    public double bias(int k) {
        return weights[k][0];
    }

    public int iterations() {
        return iterations;
    }

    static double[] logits(double[][] w, int[] tokens, int classes) {
        double[] z = new double[classes];
        for (int k = 0; k < classes; k++) {
            double s = w[k][0];
            for (int t : tokens) {
                if (t >= 2) {
                    s += w[k][t - 1];
                }
            }
            z[k] = s;
        }
        return z;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** J and ∂J/∂W as in the class comment. */
    record Objective(int[][] features, int[] labels, int classes, int width, double lambda) {
        double valueAndGradient(double[][] w, double[][] gradient) {
            int n = features.length;
            if (gradient != null) {
                for (double[] row : gradient) {
                    java.util.Arrays.fill(row, 0);
                }
            }
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double[] p = softmax(logits(w, features[i], classes));
                loss -= Math.log(Math.max(p[labels[i]], 1e-300));
                if (gradient != null) {
                    for (int k = 0; k < classes; k++) {
                        double d = (p[k] - (labels[i] == k ? 1 : 0)) / n;
                        gradient[k][0] += d;
                        for (int t : features[i]) {
                            if (t >= 2) {
                                gradient[k][t - 1] += d;
                            }
                        }
                    }
                }
            }
            double penalty = 0;
            for (int k = 0; k < classes; k++) {
                for (int f = 1; f < width; f++) {
                    penalty += w[k][f] * w[k][f];
                    if (gradient != null) {
                        gradient[k][f] += lambda * w[k][f];
                    }
                }
            }
            return loss / n + 0.5 * lambda * penalty;
        }
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private static double sumSquares(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    private static void copy(double[][] from, double[][] to) {
        for (int k = 0; k < from.length; k++) {
            System.arraycopy(from[k], 0, to[k], 0, from[k].length);
        }
    }
}
