package dev.gated.audio;

import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Recognises a digit as its audio arrives: samples ─► {@link FeatureStream} ─► global normalisation ─►
 * {@code model.step(state, frames)}, the recurrent state carried between chunks in a {@link StreamState}.
 *
 * <pre>
 * accept(chunk)   k new final frames (k ≥ 0): x (1, k, F) ─► step ─► p (1, 10), the belief so far
 * finish()        the last frames (deltas with replicated edges) ─► p, equal to the offline prediction on
 *                 the whole clip (up to float rounding in the input projection; StreamingRecognizerTest)
 * </pre>
 * Needs a unidirectional model (a Bidirectional layer reads the future) trained with global normalisation
 * (per-utterance statistics need the whole utterance). Samples must be at the model's rate.
 */
public final class StreamingRecognizer {

    private final Model model;
    private final FeatureStream features;
    private final Normalisation normalisation;
    private final StreamState state;
    private double[] latest;
    private int frames;

    StreamingRecognizer(Model model, FeatureSettings settings, Normalisation normalisation) {
        if (normalisation.kind() != Normalisation.Kind.GLOBAL) {
            throw new IllegalStateException("this model normalises each utterance with its own mean and deviation, which "
                    + "are known only at its end, so it cannot recognise a stream — train with --normalise global to stream");
        }
        this.model = model;
        this.features = new FeatureStream(new MfccExtractor(settings));
        this.normalisation = normalisation;
        this.state = model.newState(1);
    }

    /** Feeds samples (at the model's rate); returns the class probabilities so far, or null before the first frame. */
    public double[] accept(float[] samples) {
        feed(features.push(samples));
        return latest;
    }

    /** The stream ended: the final class probabilities (10); fails when no audio came at all. */
    public double[] finish() {
        feed(features.finish());
        if (latest == null) {
            throw new IllegalStateException("the stream ended before any audio arrived — nothing to recognise");
        }
        return latest;
    }

    /** Feature frames fed to the model so far. */
    public int frames() {
        return frames;
    }

    private void feed(List<double[]> newFrames) {
        if (newFrames.isEmpty()) {
            return;
        }
        double[][] x = new double[newFrames.size()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = normalisation.applyFrame(newFrames.get(t));
        }
        Tensor y = model.step(state, PaddedBatch.single(x));
        latest = new double[y.size()];
        for (int k = 0; k < latest.length; k++) {
            latest[k] = y.get(k);
        }
        frames += x.length;
    }
}
