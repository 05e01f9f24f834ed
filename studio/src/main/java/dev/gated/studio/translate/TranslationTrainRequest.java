package dev.gated.studio.translate;

import dev.gated.translate.ModelSpec;
import dev.gated.translate.TrainingOptions;

/**
 * A small translation model to train in the studio (character tokens), on the training part of the file that
 * {@code gated translate train} would use with the same options (10 % of the source sentences held out, seeded).
 * Limits keep a shared studio responsive; each is said in words when broken.
 *
 * @param model          lstm, gru, lstm-dot, gru-dot, gru-additive, bigru-dot …, transformer (default gru-dot)
 * @param embedding      E, 4 … 256 (default 32); the Transformer's width D, a multiple of its heads
 * @param units          H, 4 … 256 (default 64), the recurrent models' hidden units
 * @param epochs         1 … 100 (default 10)
 * @param batch          pairs per step, 1 … 512 (default 32)
 * @param lr             Adam's learning rate, (0, 1] (default 0.005)
 * @param maxSentences   source sentences trained on, 10 … 5000 (default 500)
 * @param maxSourceChars longest source kept, 5 … 200 characters (default 30)
 * @param maxTargetChars longest first translation kept, 5 … 200 characters (default 40)
 * @param seed           split, sample and weights (default 42)
 */
public record TranslationTrainRequest(String model, int embedding, int units, int epochs, int batch, double lr,
                                      int maxSentences, int maxSourceChars, int maxTargetChars, long seed) {

    public TranslationTrainRequest {
        model = model == null || model.isBlank() ? "gru-dot" : model.strip();
        range("embedding", embedding, 4, 256);
        range("units", units, 4, 256);
        range("epochs", epochs, 1, 100);
        range("batch", batch, 1, 512);
        range("sentences", maxSentences, 10, 5000);
        range("longest source", maxSourceChars, 5, 200);
        range("longest translation", maxTargetChars, 5, 200);
        if (!(lr > 0 && lr <= 1)) {
            throw new IllegalArgumentException("learning rate must be more than 0 and at most 1, got " + lr);
        }
        if (seed < 0 || seed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seed must be between 0 and " + Integer.MAX_VALUE + ", got " + seed);
        }
        spec(model, embedding, units);   // an unknown model name or a width the heads do not divide, refused now
    }

    /** Reads the request from a page's query parameters; a missing one takes its default. */
    public static TranslationTrainRequest of(java.util.function.Function<String, String> parameter) {
        return new TranslationTrainRequest(parameter.apply("model"), number(parameter, "embedding", 32),
                number(parameter, "units", 64), number(parameter, "epochs", 10), number(parameter, "batch", 32),
                decimal(parameter, "lr", 0.005), number(parameter, "sentences", 500),
                number(parameter, "maxSourceChars", 30), number(parameter, "maxTargetChars", 40), number(parameter, "seed", 42));
    }

    public ModelSpec spec() {
        return spec(model, embedding, units);
    }

    public TrainingOptions options() {
        return TrainingOptions.defaults().withEpochs(epochs).withBatchSize(batch).withLearningRate(lr).withSeed(seed);
    }

    private static ModelSpec spec(String model, int embedding, int units) {
        return ModelSpec.parse(model, embedding, units);
    }

    private static void range(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", got " + value);
        }
    }

    private static int number(java.util.function.Function<String, String> parameter, String name, int fallback) {
        String v = parameter.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + v + "\"");
        }
    }

    private static double decimal(java.util.function.Function<String, String> parameter, String name, double fallback) {
        String v = parameter.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got \"" + v + "\"");
        }
    }
}
