package dev.gated.experiments;

/**
 * The training budget every model gets, the same for RNN, LSTM and GRU at every length. Each value is checked
 * here and the message names the command-line option that sets it.
 *
 * @param epochs        passes over the training examples ({@code --epochs})
 * @param trainExamples training examples, generated once per length ({@code --examples})
 * @param testExamples  held-out examples for the test metric and the baseline ({@code --test-examples})
 * @param units         hidden units H of the recurrent layer ({@code --units})
 * @param batchSize     mini-batch size B ({@code --batch})
 * @param learningRate  Adam's learning rate ({@code --lr})
 * @param clipNorm      gradient clipping by global norm; 0 = off ({@code --clip})
 * @param probeExamples test examples whose ‖∂L/∂h_t‖ is measured at initialisation and after training
 */
public record Budget(int epochs, int trainExamples, int testExamples, int units, int batchSize, double learningRate,
                     double clipNorm, int probeExamples) {

    public Budget {
        positive("--epochs", epochs);
        positive("--examples", trainExamples);
        positive("--test-examples", testExamples);
        positive("--units", units);
        positive("--batch", batchSize);
        positive("probe examples", probeExamples);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr: expected a learning rate in (0, 1) but found " + learningRate);
        }
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("--clip: expected a norm >= 0 (0 = no clipping) but found " + clipNorm);
        }
    }

    /** The defaults of {@code gated experiment memory}: see docs/memory.md for why. */
    public static Budget defaults() {
        return new Budget(15, 10_000, 1000, 32, 32, 0.005, 1.0, 64);
    }

    public Budget withEpochs(int value) {
        return new Budget(value, trainExamples, testExamples, units, batchSize, learningRate, clipNorm, probeExamples);
    }

    /** One line for tables and docs. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d epochs x %d examples (batch %d), %d units, Adam lr %s, %s, "
                        + "%d test examples", epochs, trainExamples, batchSize, units, stripZeros(learningRate),
                clipNorm > 0 ? "clip global norm " + stripZeros(clipNorm) : "no clipping", testExamples);
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + ": expected a positive number but found " + value);
        }
    }
}
