package dev.gated.audio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Connected-digit utterances built from isolated recordings: 2–7 clips joined with short silences, low-level
 * noise added everywhere, all from one seed. Training strings take only training clips and test strings only
 * test clips (the caller passes the pool); clips are drawn without regard to speaker, so one string mixes voices.
 *
 * <pre>
 * n ~ U{minDigits … maxDigits};  clips c_1 … c_n dealt from the shuffled pool (reshuffled when used up,
 *                                 so every clip appears about equally often)
 * x = [lead | c_1 | gap_1 | c_2 | … | gap_{n−1} | c_n | tail]    lead, tail ~ U[0, edgeMs]; gap ~ U[minGapMs, maxGapMs]
 * noise  x[i] += σ·N(0, 1),   σ = rms(c_1 … c_n) · 10^(−snrDb/20)    (white, over the silences too)
 * labels the digits of c_1 … c_n, in order
 * </pre>
 */
public final class ConnectedDigits {

    /**
     * How strings are composed.
     *
     * @param minDigits fewest clips in a string (≥ 1)
     * @param maxDigits most clips in a string
     * @param minGapMs  shortest silence between two clips
     * @param maxGapMs  longest silence between two clips
     * @param edgeMs    longest silence before the first and after the last clip
     * @param snrDb     signal-to-noise ratio of the added white noise, in dB (speech rms over noise rms)
     */
    public record Composition(int minDigits, int maxDigits, double minGapMs, double maxGapMs, double edgeMs, double snrDb) {

        /** The settings behind the reported figures: 2–7 digits, 50–250 ms gaps, up to 150 ms at the edges, 30 dB. */
        public static final Composition DEFAULT = new Composition(2, 7, 50, 250, 150, 30);

        public Composition {
            if (minDigits < 1 || maxDigits < minDigits) {
                throw new IllegalArgumentException("digits per string: expected 1 ≤ min ≤ max but found " + minDigits + "–" + maxDigits);
            }
            if (!(minGapMs >= 0 && maxGapMs >= minGapMs && edgeMs >= 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "silences: expected 0 ≤ min gap ≤ max gap and edge ≥ 0 (ms) but found %s–%s, edge %s", minGapMs, maxGapMs, edgeMs));
            }
        }
    }

    /** One source clip at the common rate, with the recording it came from. */
    public record Clip(SpokenDigits.Recording recording, float[] samples) {
    }

    /**
     * One connected-digit utterance.
     *
     * @param samples the waveform at the clips' rate
     * @param digits  what is said, 0–9, in order
     * @param parts   the recordings joined, in order
     */
    public record Utterance(float[] samples, int[] digits, List<SpokenDigits.Recording> parts) {

        /** The digits as text, e.g. "4071". */
        public String text() {
            return ConnectedDigits.text(digits);
        }
    }

    private ConnectedDigits() {
    }

    /** Reads every recording, resampled to {@code rate}. */
    public static List<Clip> read(List<SpokenDigits.Recording> recordings, int rate) throws IOException {
        List<Clip> out = new ArrayList<>(recordings.size());
        for (SpokenDigits.Recording r : recordings) {
            out.add(new Clip(r, WavReader.read(r.file()).at(rate).samples()));
        }
        return out;
    }

    /** {@code count} strings from {@code pool} (samples at {@code rate} Hz), reproducible from {@code seed}. */
    public static List<Utterance> compose(List<Clip> pool, int count, int rate, Composition how, long seed) {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("connected digits: no clips to join");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Deck deck = new Deck(pool.size(), random);
        List<Utterance> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = how.minDigits() + random.nextInt(how.maxDigits() - how.minDigits() + 1);
            List<Clip> clips = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                clips.add(pool.get(deck.next()));
            }
            out.add(join(clips, rate, how, random));
        }
        return out;
    }

    private static Utterance join(List<Clip> clips, int rate, Composition how, SplittableRandom random) {
        int[] silences = new int[clips.size() + 1]; // lead, gaps, tail
        for (int k = 0; k < silences.length; k++) {
            boolean edge = k == 0 || k == clips.size();
            double ms = edge ? how.edgeMs() * random.nextDouble()
                    : how.minGapMs() + (how.maxGapMs() - how.minGapMs()) * random.nextDouble();
            silences[k] = (int) Math.round(ms * rate / 1000);
        }
        int length = Arrays.stream(silences).sum();
        for (Clip c : clips) {
            length += c.samples().length;
        }
        float[] x = new float[length];
        int[] digits = new int[clips.size()];
        List<SpokenDigits.Recording> parts = new ArrayList<>(clips.size());
        double energy = 0;
        long speech = 0;
        int at = silences[0];
        for (int k = 0; k < clips.size(); k++) {
            float[] c = clips.get(k).samples();
            System.arraycopy(c, 0, x, at, c.length);
            for (float v : c) {
                energy += v * (double) v;
            }
            speech += c.length;
            at += c.length + silences[k + 1];
            digits[k] = clips.get(k).recording().digit();
            parts.add(clips.get(k).recording());
        }
        double sigma = Math.sqrt(energy / Math.max(1, speech)) * Math.pow(10, -how.snrDb() / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (sigma * random.nextGaussian());
        }
        return new Utterance(x, digits, List.copyOf(parts));
    }

    /** Feature frames (T, F) of each string (composed at the settings' rate). */
    public static List<double[][]> features(List<Utterance> strings, FeatureSettings settings) {
        MfccExtractor extractor = new MfccExtractor(settings);
        List<double[][]> out = new ArrayList<>(strings.size());
        for (Utterance u : strings) {
            out.add(extractor.features(new AudioClip(u.samples(), settings.sampleRate())));
        }
        return out;
    }

    /** The digit strings of {@code strings}. */
    public static List<int[]> digits(List<Utterance> strings) {
        return strings.stream().map(Utterance::digits).toList();
    }

    /** Digits as text: {4, 0, 7} → "407". */
    public static String text(int[] digits) {
        StringBuilder sb = new StringBuilder(digits.length);
        for (int d : digits) {
            sb.append((char) ('0' + d));
        }
        return sb.toString();
    }

    /** Indices 0 … n−1 dealt in shuffled order, reshuffled after each full pass. */
    private static final class Deck {
        private final int[] order;
        private final SplittableRandom random;
        private int next;

        Deck(int n, SplittableRandom random) {
            this.order = new int[n];
            this.random = random;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            this.next = n;
        }

        int next() {
            if (next == order.length) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                next = 0;
            }
            return order[next++];
        }
    }
}
