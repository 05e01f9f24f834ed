package dev.gated.audio;

import dev.gated.model.Model;
import dev.gated.tensor.Tensor;

/**
 * Recognises a digit as its audio arrives, through a {@link FrameStepper} (features, global normalisation,
 * {@code model.step}).
 *
 * <pre>
 * accept(chunk)   k new final frames (k ≥ 0) ─► p (1, 10), the belief so far
 * finish()        the last frames (deltas with replicated edges) ─► p, equal to the offline prediction on
 *                 the whole clip (up to float rounding in the input projection; DigitClassifierTest)
 * </pre>
 * Needs a unidirectional model trained with global normalisation. Samples must be at the model's rate.
 */
public final class StreamingRecognizer {

    private final FrameStepper stepper;
    private double[] latest;

    StreamingRecognizer(Model model, FeatureSettings settings, Normalisation normalisation) {
        this.stepper = new FrameStepper(model, settings, normalisation);
    }

    /** Feeds samples (at the model's rate); returns the class probabilities so far, or null before the first frame. */
    public double[] accept(float[] samples) {
        keep(stepper.push(samples));
        return latest;
    }

    /** The stream ended: the final class probabilities (10); fails when no audio came at all. */
    public double[] finish() {
        keep(stepper.finish());
        if (latest == null) {
            throw new IllegalStateException("the stream ended before any audio arrived — nothing to recognise");
        }
        return latest;
    }

    /** Feature frames fed to the model so far. */
    public int frames() {
        return stepper.frames();
    }

    private void keep(Tensor y) {
        if (y == null) {
            return;
        }
        latest = new double[y.size()];
        for (int k = 0; k < latest.length; k++) {
            latest[k] = y.get(k);
        }
    }
}
