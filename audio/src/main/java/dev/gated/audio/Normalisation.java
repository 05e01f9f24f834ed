package dev.gated.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mean and variance normalisation of feature frames (CMVN), per feature j.
 *
 * <pre>
 * utterance   μ_j = (1/T) Σ_t x_tj,  σ_j² = (1/T) Σ_t (x_tj − μ_j)²  over this utterance's T frames;
 *             x̂_tj = (x_tj − μ_j) / max(σ_j, 1e-8)            removes channel and speaker offsets, but
 *                                                             needs the whole utterance first
 * global      μ, σ from all training frames, fixed; the same formula — causal, so a stream can use it
 * </pre>
 */
public final class Normalisation {

    /** Which statistics normalise a frame. */
    public enum Kind { UTTERANCE, GLOBAL }

    static final double STD_FLOOR = 1e-8;

    private final Kind kind;
    private final double[] mean; // (F), GLOBAL only
    private final double[] std;  // (F), GLOBAL only

    private Normalisation(Kind kind, double[] mean, double[] std) {
        this.kind = kind;
        this.mean = mean;
        this.std = std;
    }

    public static Normalisation perUtterance() {
        return new Normalisation(Kind.UTTERANCE, null, null);
    }

    /** Global statistics over every frame of {@code utterances} (each (T, F)). */
    public static Normalisation fitGlobal(List<double[][]> utterances) {
        int width = utterances.get(0)[0].length;
        double[] sum = new double[width];
        double[] squares = new double[width];
        long frames = 0;
        for (double[][] u : utterances) {
            for (double[] f : u) {
                for (int j = 0; j < width; j++) {
                    sum[j] += f[j];
                    squares[j] += f[j] * f[j];
                }
                frames++;
            }
        }
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int j = 0; j < width; j++) {
            mean[j] = sum[j] / frames;
            std[j] = Math.sqrt(Math.max(0, squares[j] / frames - mean[j] * mean[j]));
        }
        return new Normalisation(Kind.GLOBAL, mean, std);
    }

    public Kind kind() {
        return kind;
    }

    /** Normalised copy of x (T, F). */
    public double[][] apply(double[][] x) {
        double[] mu = mean;
        double[] sigma = std;
        if (kind == Kind.UTTERANCE) {
            int width = x.length == 0 ? 0 : x[0].length;
            mu = new double[width];
            sigma = new double[width];
            for (double[] f : x) {
                for (int j = 0; j < width; j++) {
                    mu[j] += f[j] / x.length;
                }
            }
            for (double[] f : x) {
                for (int j = 0; j < width; j++) {
                    sigma[j] += (f[j] - mu[j]) * (f[j] - mu[j]) / x.length;
                }
            }
            for (int j = 0; j < width; j++) {
                sigma[j] = Math.sqrt(sigma[j]);
            }
        }
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            out[t] = normalise(x[t], mu, sigma);
        }
        return out;
    }

    /** One frame with the global statistics: what a stream does. */
    public double[] applyFrame(double[] frame) {
        if (kind != Kind.GLOBAL) {
            throw new IllegalStateException("per-utterance normalisation needs the whole utterance, so it cannot normalise "
                    + "one frame of a stream — train the model with global normalisation (--normalise global) to stream");
        }
        return normalise(frame, mean, std);
    }

    private static double[] normalise(double[] f, double[] mu, double[] sigma) {
        double[] out = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            out[j] = (f[j] - mu[j]) / Math.max(sigma[j], STD_FLOOR);
        }
        return out;
    }

    /** Saves kind (and statistics) into a model's metadata. */
    public void toMetadata(Map<String, String> m) {
        m.put("audio.normalisation", kind.name().toLowerCase(Locale.ROOT));
        if (kind == Kind.GLOBAL) {
            m.put("audio.mean", join(mean));
            m.put("audio.std", join(std));
        }
    }

    public static Normalisation fromMetadata(Map<String, String> m) {
        String kind = FeatureSettings.need(m, "audio.normalisation");
        return switch (kind) {
            case "utterance" -> perUtterance();
            case "global" -> new Normalisation(Kind.GLOBAL, split(FeatureSettings.need(m, "audio.mean")),
                    split(FeatureSettings.need(m, "audio.std")));
            default -> throw new IllegalArgumentException("audio.normalisation: expected utterance or global but found " + kind);
        };
    }

    public static Kind parseKind(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "utterance" -> Kind.UTTERANCE;
            case "global" -> Kind.GLOBAL;
            default -> throw new IllegalArgumentException("normalisation: expected utterance or global but found \"" + text + "\"");
        };
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.toString();
    }

    private static double[] split(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
