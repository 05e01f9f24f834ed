package dev.gated.text.lm;

import dev.gated.model.Model;
import dev.gated.text.CharSampler;
import dev.gated.text.CharVocabulary;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * Characters per second of the two ways to sample from a recurrent language model, batch 1, same model,
 * prompt, length and temperature:
 * <pre>
 *   stepped   ({@link LmSampler}):            one time step per character, the state carried
 *   windowed  ({@link CharSampler#windowed}): a forward pass over the last T characters per character
 *             (T = the model's context) — the former demo's sampler
 * </pre>
 * Each is warmed up in turn (at least 3 runs and {@code warmupSeconds}, so the JIT has compiled its path), then
 * timed {@code repetitions} times, interleaved (stepped, windowed, stepped, …) so that outside load falls on
 * both alike; the medians are reported.
 *
 * @param stepped        median characters per second by stepping
 * @param windowed       median characters per second re-running the window
 * @param window         T, the window re-run per character
 * @param steppedWarmup  warm-up runs of the stepped sampler
 * @param windowedWarmup warm-up runs of the windowed sampler
 */
public record SamplingSpeed(double stepped, double windowed, int window, int steppedWarmup, int windowedWarmup) {

    private static final int MIN_WARMUP_RUNS = 3;

    /** Measures both on {@code lm}; the windowed sampler pads a short prompt with spaces. */
    public static SamplingSpeed measure(LanguageModel lm, String prompt, int length, int repetitions,
                                        double warmupSeconds, long seed) {
        if (!lm.architecture().isRecurrent()) {
            throw new IllegalArgumentException("a " + lm.architecture().kind() + " has no streaming state to step: it "
                    + "re-runs its window for every character already; time a recurrent model (lstm, gru, rnn)");
        }
        CharVocabulary characters = lm.characters();
        check(length, repetitions, prompt, lm.context(), characters);
        lm.encode(prompt, "--prompt");
        return measure(r -> stepped(lm, prompt, length, r), r -> windowed(lm.model(), characters, prompt, lm.context(), length, r),
                lm.context(), length, repetitions, warmupSeconds, seed);
    }

    /**
     * Measures both on a recurrent {@code model} over {@code vocabulary} (logits at every step, as
     * {@link CharSampler} expects), the windowed sampler re-running the last {@code window} characters; temperature 1.
     */
    public static SamplingSpeed measure(Model model, CharVocabulary vocabulary, int window, String prompt, int length,
                                        int repetitions, double warmupSeconds, long seed) {
        check(length, repetitions, prompt, window, vocabulary);
        return measure(r -> seconds(() -> CharSampler.stepped(model, vocabulary, prompt, length, 1.0, new Random(r))),
                r -> windowed(model, vocabulary, prompt, window, length, r), window, length, repetitions, warmupSeconds, seed);
    }

    private static void check(int length, int repetitions, String prompt, int window, CharVocabulary vocabulary) {
        if (length < 1 || repetitions < 1) {
            throw new IllegalArgumentException("length and repetitions must be >= 1 but are " + length + " and " + repetitions);
        }
        if (prompt.length() < window && !vocabulary.contains(' ')) {
            throw new IllegalArgumentException("the windowed sampler pads a prompt shorter than " + window
                    + " characters with spaces, but the model has no space in its vocabulary — give a longer prompt");
        }
    }

    /** Warm-up of each sampler in turn, then interleaved timed runs; each sampler maps a seed to seconds taken. */
    private static SamplingSpeed measure(LongToDoubleFunction stepped, LongToDoubleFunction windowed, int window, int length,
                                         int repetitions, double warmupSeconds, long seed) {
        int steppedWarmup = 0;
        for (double spent = 0; steppedWarmup < MIN_WARMUP_RUNS || spent < warmupSeconds; steppedWarmup++) {
            spent += stepped.applyAsDouble(seed + steppedWarmup);
        }
        int windowedWarmup = 0;
        for (double spent = 0; windowedWarmup < MIN_WARMUP_RUNS || spent < warmupSeconds; windowedWarmup++) {
            spent += windowed.applyAsDouble(seed + windowedWarmup);
        }
        double[] s = new double[repetitions];
        double[] w = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            s[r] = length / stepped.applyAsDouble(seed + r);
            w[r] = length / windowed.applyAsDouble(seed + r);
        }
        return new SamplingSpeed(median(s), median(w), window, steppedWarmup, windowedWarmup);
    }

    /** How many times faster stepping is. */
    public double speedup() {
        return stepped / windowed;
    }

    private static double stepped(LanguageModel lm, String prompt, int length, long seed) {
        long t = System.nanoTime();
        try {
            LmSampler.stream(lm, prompt, length, 1.0, 0, new Random(seed), c -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // the sink above does no I/O
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static double windowed(Model model, CharVocabulary vocabulary, String prompt, int window, int length, long seed) {
        return seconds(() -> CharSampler.windowed(model, vocabulary, prompt, window, length, 1.0, new Random(seed)));
    }

    private static double seconds(Runnable run) {
        long t = System.nanoTime();
        run.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
