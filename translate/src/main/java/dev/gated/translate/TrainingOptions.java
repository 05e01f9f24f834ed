package dev.gated.translate;

/**
 * How a translator is trained. Each option once, with its default.
 *
 * @param tokens       "char" (default) or "bpe"
 * @param bpeMerges    merges learned on the training part for "bpe" (default 1000)
 * @param epochs       passes over the training pairs (default 10)
 * @param batchSize    pairs per gradient step (default 64)
 * @param learningRate Adam's step size (default 0.003)
 * @param clipNorm     global gradient-norm clipping (default 1.0)
 * @param seed         weights and shuffling (default 42)
 */
public record TrainingOptions(String tokens, int bpeMerges, int epochs, int batchSize, double learningRate, double clipNorm, long seed) {

    public static TrainingOptions defaults() {
        return new TrainingOptions("char", 1000, 10, 64, 0.003, 1.0, 42);
    }

    public TrainingOptions {
        if (!tokens.equals("char") && !tokens.equals("bpe")) {
            throw new IllegalArgumentException("tokens: expected char or bpe but found \"" + tokens + "\"");
        }
        if (epochs < 1 || batchSize < 1 || bpeMerges < 0) {
            throw new IllegalArgumentException("epochs (" + epochs + ") and batch size (" + batchSize
                    + ") must be ≥ 1 and BPE merges (" + bpeMerges + ") ≥ 0");
        }
        if (!(learningRate > 0) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("learning rate (" + learningRate + ") and clip norm (" + clipNorm + ") must be > 0");
        }
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(tokens, bpeMerges, value, batchSize, learningRate, clipNorm, seed);
    }

    public TrainingOptions withTokens(String value) {
        return new TrainingOptions(value, bpeMerges, epochs, batchSize, learningRate, clipNorm, seed);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(tokens, bpeMerges, epochs, batchSize, learningRate, clipNorm, value);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(tokens, bpeMerges, epochs, batchSize, value, clipNorm, seed);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(tokens, bpeMerges, epochs, value, learningRate, clipNorm, seed);
    }
}
