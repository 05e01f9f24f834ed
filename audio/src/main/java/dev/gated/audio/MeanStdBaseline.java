package dev.gated.audio;

import dev.gated.data.Dataset;
import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * The baseline every recurrent model must beat: multinomial logistic regression on a fixed-size summary of
 * the utterance, which ignores the order of the frames.
 *
 * <pre>
 * s = [mean_t x_t, std_t x_t]  (2F) of the un-normalised frames x (T, F)
 * ŝ = (s − μ_s) / σ_s          standardised with the training utterances' statistics
 * p = softmax(ŝ·W + b)         W (2F, 10); cross-entropy, Adam(0.01), 300 epochs, batch 64
 * </pre>
 */
public final class MeanStdBaseline {

    static final int EPOCHS = 300;

    private final Sequential model;
    private final double[] mean;
    private final double[] std;

    private MeanStdBaseline(Sequential model, double[] mean, double[] std) {
        this.model = model;
        this.mean = mean;
        this.std = std;
    }

    public static MeanStdBaseline train(FeatureSet train, long seed) {
        double[][] s = summaries(train.frames());
        int width = s[0].length;
        double[] mean = new double[width];
        double[] std = new double[width];
        for (double[] row : s) {
            for (int j = 0; j < width; j++) {
                mean[j] += row[j] / s.length;
            }
        }
        for (double[] row : s) {
            for (int j = 0; j < width; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / s.length;
            }
        }
        for (int j = 0; j < width; j++) {
            std[j] = Math.max(Math.sqrt(std[j]), Normalisation.STD_FLOOR);
        }
        Sequential model = Sequential.input(width).add(new Dense(DigitClassifier.CLASSES, Activation.SOFTMAX)).seed(seed);
        model.compile(new Adam(0.01), Loss.sparseCategoricalCrossEntropy(false));
        MeanStdBaseline baseline = new MeanStdBaseline(model, mean, std);
        float[] y = new float[train.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = train.labels()[i];
        }
        model.fit(new Dataset(baseline.inputs(s), Tensor.of(y, y.length, 1)), Fit.epochs(EPOCHS).batchSize(64).quiet());
        return baseline;
    }

    public long parameterCount() {
        return model.parameterCount();
    }

    public double accuracy(FeatureSet data) {
        Tensor p = model.predict(inputs(summaries(data.frames())));
        int correct = 0;
        double[] row = new double[DigitClassifier.CLASSES];
        for (int i = 0; i < data.size(); i++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = p.get(i * row.length + k);
            }
            correct += DigitClassifier.argmax(row) == data.labels()[i] ? 1 : 0;
        }
        return correct / (double) data.size();
    }

    private Tensor inputs(double[][] s) {
        int width = mean.length;
        float[] x = new float[s.length * width];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (float) ((s[i][j] - mean[j]) / std[j]);
            }
        }
        return Tensor.of(x, s.length, width);
    }

    /** [mean, std] over frames, per utterance: (N, 2F). */
    static double[][] summaries(List<double[][]> frames) {
        double[][] out = new double[frames.size()][];
        for (int i = 0; i < out.length; i++) {
            double[][] u = frames.get(i);
            int f = u[0].length;
            double[] s = new double[2 * f];
            for (double[] row : u) {
                for (int j = 0; j < f; j++) {
                    s[j] += row[j] / u.length;
                }
            }
            for (double[] row : u) {
                for (int j = 0; j < f; j++) {
                    s[f + j] += (row[j] - s[j]) * (row[j] - s[j]) / u.length;
                }
            }
            for (int j = 0; j < f; j++) {
                s[f + j] = Math.sqrt(s[f + j]);
            }
            out[i] = s;
        }
        return out;
    }
}
