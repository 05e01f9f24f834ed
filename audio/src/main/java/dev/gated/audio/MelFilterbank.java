package dev.gated.audio;

/**
 * Triangular mel filters over power-spectrum bins, in the Slaney convention (librosa's default:
 * {@code librosa.filters.mel(htk=False, norm='slaney')}; the Auditory Toolbox's scale).
 *
 * <pre>
 * mel(f)   = 3f/200                                   f &lt; 1000 Hz   (linear)
 *          = 15 + 27·ln(f/1000)/ln(6.4)               f ≥ 1000 Hz   (logarithmic)
 * edges    f_0 … f_{M+1}: M+2 points equally spaced in mel between f_min and f_max, mapped back to Hz
 * weight   W[m, k] = max(0, min((ν_k − f_m)/(f_{m+1} − f_m), (f_{m+2} − ν_k)/(f_{m+2} − f_{m+1})))
 *          ν_k = k·f_s / n_fft (bin centre, Hz),  m = 0 … M−1
 * area     W[m, ·] ·= 2 / (f_{m+2} − f_m)          (Slaney normalisation: equal area, not equal height)
 * apply    S_m = Σ_k W[m, k] · P_k
 * </pre>
 */
public final class MelFilterbank {

    private final double[][] weights; // (M, n_fft/2 + 1)

    public MelFilterbank(int mels, int fftSize, int sampleRate, double fMin, double fMax) {
        if (!(fMin >= 0 && fMax > fMin && fMax <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("mel filterbank: expected 0 ≤ fMin < fMax ≤ f_s/2 = " + sampleRate / 2.0
                    + " Hz but found fMin " + fMin + ", fMax " + fMax);
        }
        int bins = fftSize / 2 + 1;
        double lo = hzToMel(fMin);
        double hi = hzToMel(fMax);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (mels + 1));
        }
        weights = new double[mels][bins];
        for (int m = 0; m < mels; m++) {
            double norm = 2 / (edges[m + 2] - edges[m]);
            for (int k = 0; k < bins; k++) {
                double nu = k * (double) sampleRate / fftSize;
                double lower = (nu - edges[m]) / (edges[m + 1] - edges[m]);
                double upper = (edges[m + 2] - nu) / (edges[m + 2] - edges[m + 1]);
                weights[m][k] = Math.max(0, Math.min(lower, upper)) * norm;
            }
        }
    }

    public int mels() {
        return weights.length;
    }

    /** S (M) = W · P (n_fft/2 + 1). */
    public void apply(double[] power, double[] out) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            double s = 0;
            for (int k = 0; k < w.length; k++) {
                s += w[k] * power[k];
            }
            out[m] = s;
        }
    }

    static double hzToMel(double f) {
        return f < 1000 ? 3 * f / 200 : 15 + 27 * Math.log(f / 1000) / Math.log(6.4);
    }

    static double melToHz(double mel) {
        return mel < 15 ? 200 * mel / 3 : 1000 * Math.exp((mel - 15) * Math.log(6.4) / 27);
    }
}
