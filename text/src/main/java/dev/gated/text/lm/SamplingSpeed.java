package dev.gated.text.lm;

import dev.gated.text.CharSampler;
import java.util.Arrays;
import java.util.Random;

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
        if (length < 1 || repetitions < 1) {
            throw new IllegalArgumentException("length and repetitions must be >= 1 but are " + length + " and " + repetitions);
        }
        if (!lm.architecture().isRecurrent()) {
            throw new IllegalArgumentException("a " + lm.architecture().kind() + " has no streaming state to step: it "
                    + "re-runs its window for every character already; time a recurrent model (lstm, gru, rnn)");
        }
        int window = lm.context();
        if (prompt.length() < window && !lm.vocabulary().contains(' ')) {
            throw new IllegalArgumentException("the windowed sampler pads a prompt shorter than " + window
                    + " characters with spaces, but the model has no space in its vocabulary — give a longer prompt");
        }
        lm.encode(prompt, "--prompt");
        int steppedWarmup = 0;
        for (double spent = 0; steppedWarmup < MIN_WARMUP_RUNS || spent < warmupSeconds; steppedWarmup++) {
            spent += stepped(lm, prompt, length, seed + steppedWarmup);
        }
        int windowedWarmup = 0;
        for (double spent = 0; windowedWarmup < MIN_WARMUP_RUNS || spent < warmupSeconds; windowedWarmup++) {
            spent += windowed(lm, prompt, length, seed + windowedWarmup);
        }
        double[] s = new double[repetitions];
        double[] w = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            s[r] = length / stepped(lm, prompt, length, seed + r);
            w[r] = length / windowed(lm, prompt, length, seed + r);
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

    private static double windowed(LanguageModel lm, String prompt, int length, long seed) {
        long t = System.nanoTime();
        CharSampler.windowed(lm.model(), lm.vocabulary(), prompt, lm.context(), length, 1.0, new Random(seed));
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
