package dev.gated.audio;

import dev.gated.layer.recurrent.RecurrentKind;
import java.util.Locale;

/**
 * How a {@link DigitClassifier} is trained; {@link #DEFAULTS} are the settings behind the reported table.
 *
 * @param kind          rnn, lstm or gru
 * @param units         H, hidden units (per direction)
 * @param bidirectional read each utterance both ways (cannot stream)
 * @param epochs        passes over the training utterances
 * @param batchSize     utterances per update
 * @param learningRate  Adam's step size
 * @param seed          weights, shuffling, dropout
 * @param normalisation per utterance (offline only) or global (streamable)
 * @param dropout       input and recurrent dropout rate of the recurrent layer (Gal &amp; Ghahramani), 0 = none
 */
public record TrainingOptions(RecurrentKind kind, int units, boolean bidirectional, int epochs, int batchSize,
                              double learningRate, long seed, Normalisation.Kind normalisation,
                              double dropout) {

    public static final TrainingOptions DEFAULTS =
            new TrainingOptions(RecurrentKind.GRU, 64, false, 30, 32, 0.003, 42, Normalisation.Kind.GLOBAL, 0.2);

    public TrainingOptions {
        if (units < 1) {
            throw new IllegalArgumentException("units: expected ≥ 1 but found " + units);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: expected ≥ 1 but found " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: expected ≥ 1 but found " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate: expected a value in (0, 1) but found " + learningRate);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout: expected a rate in [0, 1) but found " + dropout);
        }
    }

    public TrainingOptions withKind(RecurrentKind value) {
        return new TrainingOptions(value, units, bidirectional, epochs, batchSize, learningRate, seed, normalisation, dropout);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(kind, units, bidirectional, value, batchSize, learningRate, seed, normalisation, dropout);
    }

    public TrainingOptions withUnits(int value) {
        return new TrainingOptions(kind, value, bidirectional, epochs, batchSize, learningRate, seed, normalisation, dropout);
    }

    public TrainingOptions withNormalisation(Normalisation.Kind value) {
        return new TrainingOptions(kind, units, bidirectional, epochs, batchSize, learningRate, seed, value, dropout);
    }

    public TrainingOptions withBidirectional(boolean value) {
        return new TrainingOptions(kind, units, value, epochs, batchSize, learningRate, seed, normalisation, dropout);
    }

    public TrainingOptions withDropout(double value) {
        return new TrainingOptions(kind, units, bidirectional, epochs, batchSize, learningRate, seed, normalisation, value);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(kind, units, bidirectional, epochs, value, learningRate, seed, normalisation, dropout);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(kind, units, bidirectional, epochs, batchSize, value, seed, normalisation, dropout);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(kind, units, bidirectional, epochs, batchSize, learningRate, value, normalisation, dropout);
    }

    /** e.g. "bigru(64) dropout=0.2 epochs=30 batch=32 lr=0.003 seed=42 norm=utterance". */
    public String describe() {
        return String.format(Locale.ROOT, "%s%s(%d) dropout=%s epochs=%d batch=%d lr=%s seed=%d norm=%s", bidirectional ? "bi" : "",
                kind.id(), units, dropout, epochs, batchSize, learningRate, seed, normalisation.name().toLowerCase(Locale.ROOT));
    }
}
