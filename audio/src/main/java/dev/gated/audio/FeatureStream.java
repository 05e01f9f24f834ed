package dev.gated.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link MfccExtractor#features} as audio arrives: push chunks of samples (already at the settings' rate),
 * get back the feature frames that are final, then {@link #finish()} for the rest. The frames equal the
 * whole-utterance ones exactly, frame for frame.
 *
 * <pre>
 * frame t is cut when sample t·H + L − 1 has arrived
 * with deltas it is emitted when frame t + 4 exists (Δ needs c_{t+2}, ΔΔ needs Δ_{t+2}): a delay of
 * 4·H + L samples (65 ms at 25 ms / 10 ms); finish() emits the last frames with the edges replicated
 * </pre>
 * Memory grows with the stream (the samples of one frame, and C·3 values per frame so far).
 */
public final class FeatureStream {

    private final MfccExtractor extractor;
    private final FeatureSettings settings;
    private final int lookahead;
    private float[] pending = new float[0]; // samples from sample index 'offset' on
    private long offset;
    private long received;
    private int cut;     // frames whose cepstra exist
    private int emitted; // frames handed out
    private double[][] c = new double[16][];
    private double[][] d = new double[16][];
    private double[][] dd = new double[16][];
    private boolean finished;

    public FeatureStream(MfccExtractor extractor) {
        this.extractor = extractor;
        this.settings = extractor.settings();
        this.lookahead = settings.deltas() ? 2 * Deltas.WINDOW : 0;
    }

    /** Adds samples; returns the frames (each F values) that became final. */
    public List<double[]> push(float[] samples) {
        if (finished) {
            throw new IllegalStateException("the stream is finished — start a new FeatureStream for new audio");
        }
        float[] joined = Arrays.copyOf(pending, pending.length + samples.length);
        System.arraycopy(samples, 0, joined, pending.length, samples.length);
        pending = joined;
        received += samples.length;
        int length = settings.frameLength();
        int hop = settings.hop();
        while ((long) cut * hop + length <= received) {
            cutFrame((int) ((long) cut * hop - offset));
        }
        long keepFrom = (long) cut * hop;
        if (keepFrom > offset) {
            pending = Arrays.copyOfRange(pending, (int) (keepFrom - offset), pending.length);
            offset = keepFrom;
        }
        return emit(cut - 1 - lookahead, cut - 1);
    }

    /** The stream has ended: the remaining frames (one zero-padded frame if fewer than L samples came). */
    public List<double[]> finish() {
        finished = true;
        if (cut == 0 && received > 0) {
            cutFrame(0);
        }
        return emit(cut - 1, cut - 1);
    }

    private void cutFrame(int start) {
        grow();
        c[cut] = new double[settings.coefficients()];
        extractor.cepstrumFrame(pending, start, c[cut]);
        cut++;
    }

    /** Emits frames up to {@code through}, with {@code last} as the final index the deltas may read. */
    private List<double[]> emit(int through, int last) {
        List<double[]> out = new ArrayList<>();
        for (; emitted <= through; emitted++) {
            if (!settings.deltas()) {
                out.add(c[emitted]);
                continue;
            }
            // Δ up to emitted + 2 (clamped), then ΔΔ at emitted
            for (int t = emitted; t <= Math.min(emitted + Deltas.WINDOW, last); t++) {
                if (d[t] == null) {
                    d[t] = new double[settings.coefficients()];
                    Deltas.at(c, t, last, d[t]);
                }
            }
            dd[emitted] = new double[settings.coefficients()];
            Deltas.at(d, emitted, last, dd[emitted]);
            out.add(MfccExtractor.concat(c[emitted], d[emitted], dd[emitted]));
        }
        return out;
    }

    private void grow() {
        if (cut == c.length) {
            c = Arrays.copyOf(c, c.length * 2);
            d = Arrays.copyOf(d, d.length * 2);
            dd = Arrays.copyOf(dd, dd.length * 2);
        }
    }
}
