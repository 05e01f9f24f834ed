package dev.gated.translate;

/**
 * How a translator is trained. Each option once, with its default.
 *
 * <pre>
 * validation:  a seeded share of the TRAINING source sentences (all their translations) is held out; after every
 *              epoch the teacher-forced loss on it is measured
 *   plateau:   an epoch whose validation loss is not the best so far multiplies Adam's rate by plateauFactor
 *   stopping:  patience epochs in a row without a new best stop training; the best epoch's weights are restored
 * </pre>
 *
 * @param tokens             "char" (default) or "bpe"
 * @param bpeMerges          merges learned on the training part for "bpe" (default 1000)
 * @param epochs             passes over the training pairs, at most (default 10)
 * @param batchSize          pairs per gradient step (default 64)
 * @param learningRate       Adam's step size (default 0.003)
 * @param clipNorm           global gradient-norm clipping (default 1.0)
 * @param seed               weights, shuffling and the validation sample (default 42)
 * @param validationFraction share of the training source sentences held out for validation (default 0: none, no
 *                           early stopping, every epoch runs)
 * @param patience           with validation: epochs without a new best validation loss before stopping (default 2)
 * @param plateauFactor      with validation: the rate's factor after an epoch without a new best (default 1: unchanged)
 * @param timeLimitMinutes   wall-clock budget for training: no epoch starts that the last epoch's duration says would
 *                           end past it (default 0: none); with validation the best epoch's weights are still kept
 */
public record TrainingOptions(String tokens, int bpeMerges, int epochs, int batchSize, double learningRate, double clipNorm, long seed,
                              double validationFraction, int patience, double plateauFactor, double timeLimitMinutes) {

    public static TrainingOptions defaults() {
        return new TrainingOptions("char", 1000, 10, 64, 0.003, 1.0, 42);
    }

    /** Without validation (every epoch runs, the last weights are kept). */
    public TrainingOptions(String tokens, int bpeMerges, int epochs, int batchSize, double learningRate, double clipNorm, long seed) {
        this(tokens, bpeMerges, epochs, batchSize, learningRate, clipNorm, seed, 0, 2, 1, 0);
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
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("--validation-fraction: expected a share of the training sentences in [0, 1) but found "
                    + validationFraction);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("--patience: expected at least 1 epoch without improvement before stopping but found " + patience);
        }
        if (!(timeLimitMinutes >= 0)) {
            throw new IllegalArgumentException("--time-limit: expected minutes ≥ 0 (0 = none) but found " + timeLimitMinutes);
        }
        if (!(plateauFactor > 0 && plateauFactor <= 1)) {
            throw new IllegalArgumentException("--plateau-factor: expected a factor in (0, 1] (1 = keep the rate) but found " + plateauFactor);
        }
    }

    public boolean validates() {
        return validationFraction > 0;
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(tokens, bpeMerges, value, batchSize, learningRate, clipNorm, seed, validationFraction, patience, plateauFactor, timeLimitMinutes);
    }

    public TrainingOptions withTokens(String value) {
        return new TrainingOptions(value, bpeMerges, epochs, batchSize, learningRate, clipNorm, seed, validationFraction, patience, plateauFactor, timeLimitMinutes);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(tokens, bpeMerges, epochs, batchSize, learningRate, clipNorm, value, validationFraction, patience, plateauFactor, timeLimitMinutes);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(tokens, bpeMerges, epochs, batchSize, value, clipNorm, seed, validationFraction, patience, plateauFactor, timeLimitMinutes);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(tokens, bpeMerges, epochs, value, learningRate, clipNorm, seed, validationFraction, patience, plateauFactor, timeLimitMinutes);
    }

    /** With validation on {@code fraction} of the training sentences, early stopping after {@code patience}, rate × {@code factor} on a plateau. */
    public TrainingOptions withValidation(double fraction, int patience, double factor) {
        return new TrainingOptions(tokens, bpeMerges, epochs, batchSize, learningRate, clipNorm, seed, fraction, patience, factor, timeLimitMinutes);
    }

    /** With a wall-clock budget for training, in minutes (0 = none). */
    public TrainingOptions withTimeLimit(double minutes) {
        return new TrainingOptions(tokens, bpeMerges, epochs, batchSize, learningRate, clipNorm, seed, validationFraction, patience, plateauFactor,
                minutes);
    }
}
