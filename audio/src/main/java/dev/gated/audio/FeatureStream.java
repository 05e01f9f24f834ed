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
 * Memory is bounded whatever the stream's length: the samples of one frame, and the cepstra and deltas of the
 * frames from t − 2 on (t the next frame to emit), plus those cut but not yet emitted.
 */
public final class FeatureStream {

    private final MfccExtractor extractor;
    private final FeatureSettings settings;
    private final int lookahead;
    private float[] pending = new float[0]; // samples from sample index 'offset' on
    private long offset;
    private long received;
    private long cut;     // frames whose cepstra exist
    private long emitted; // frames handed out
    private long base;    // the frame index of c[0], d[0], dd[0]: older frames are dropped
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
        while (cut * hop + length <= received) {
            cutFrame((int) (cut * hop - offset));
        }
        long keepFrom = cut * hop;
        if (keepFrom > offset) {
            pending = Arrays.copyOfRange(pending, (int) (keepFrom - offset), pending.length);
            offset = keepFrom;
        }
        return emit(cut - 1 - lookahead, cut - 1);
    }

    /** Frames held now (cepstra kept for the deltas and not yet emitted): bounded, whatever the stream's length. */
    int framesHeld() {
        return (int) (cut - base);
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
        int at = (int) (cut - base);
        c[at] = new double[settings.coefficients()];
        extractor.cepstrumFrame(pending, start, c[at]);
        cut++;
    }

    /**
     * Emits frames up to {@code through}, with {@code last} as the final index the deltas may read. Indices into the
     * arrays are relative to {@code base}; once base &gt; 0 every frame a delta reads (t − 2 on) is at or after base, so
     * the edge clamp max(t − n, 0) of {@link Deltas#at} is the same relative or absolute.
     */
    private List<double[]> emit(long through, long last) {
        List<double[]> out = new ArrayList<>();
        int lastAt = (int) (last - base);
        for (; emitted <= through; emitted++) {
            int e = (int) (emitted - base);
            if (!settings.deltas()) {
                out.add(c[e]);
                continue;
            }
            // Δ up to emitted + 2 (clamped), then ΔΔ at emitted
            for (int t = e; t <= Math.min(e + Deltas.WINDOW, lastAt); t++) {
                if (d[t] == null) {
                    d[t] = new double[settings.coefficients()];
                    Deltas.at(c, t, lastAt, d[t]);
                }
            }
            dd[e] = new double[settings.coefficients()];
            Deltas.at(d, e, lastAt, dd[e]);
            out.add(MfccExtractor.concat(c[e], d[e], dd[e]));
        }
        dropBefore(emitted - Deltas.WINDOW);
        return out;
    }

    /** Forgets the frames before {@code keep} once there are enough of them to be worth moving. */
    private void dropBefore(long keep) {
        int drop = (int) (keep - base);
        if (drop < c.length / 2) {
            return;
        }
        int live = (int) (cut - keep);
        for (double[][] a : new double[][][] {c, d, dd}) {
            System.arraycopy(a, drop, a, 0, live);
            Arrays.fill(a, live, a.length, null);
        }
        base = keep;
    }

    private void grow() {
        if (cut - base == c.length) {
            c = Arrays.copyOf(c, c.length * 2);
            d = Arrays.copyOf(d, d.length * 2);
            dd = Arrays.copyOf(dd, dd.length * 2);
        }
    }
}
