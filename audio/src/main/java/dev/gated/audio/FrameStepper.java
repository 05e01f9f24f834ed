package dev.gated.audio;

import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * What the streaming recognisers share: samples ─► {@link FeatureStream} ─► global normalisation ─►
 * {@code model.step(state, frames)}, the recurrent state carried between chunks in a {@link StreamState}.
 *
 * <pre>
 * push(chunk)   k new final frames x (1, k, F) ─► step ─► the model's output for them, or null when k = 0
 * finish()      the last frames (deltas with replicated edges) ─► the same
 * </pre>
 * Needs a unidirectional model (a Bidirectional layer reads the future; {@code newState} refuses it) trained
 * with global normalisation (per-utterance statistics need the whole utterance). Samples at the model's rate.
 */
final class FrameStepper {

    private final Model model;
    private final FeatureStream features;
    private final Normalisation normalisation;
    private final StreamState state;
    private int frames;

    FrameStepper(Model model, FeatureSettings settings, Normalisation normalisation) {
        if (normalisation.kind() != Normalisation.Kind.GLOBAL) {
            throw new IllegalStateException("this model normalises each utterance with its own mean and deviation, which "
                    + "are known only at its end, so it cannot recognise a stream — train with --normalise global to stream");
        }
        this.model = model;
        this.features = new FeatureStream(new MfccExtractor(settings));
        this.normalisation = normalisation;
        this.state = model.newState(1);
    }

    /** The model's output for the frames these samples completed, or null when they completed none. */
    Tensor push(float[] samples) {
        return feed(features.push(samples));
    }

    /** The model's output for the last frames, or null when there were none left. */
    Tensor finish() {
        return feed(features.finish());
    }

    /** Feature frames fed to the model so far. */
    int frames() {
        return frames;
    }

    private Tensor feed(List<double[]> newFrames) {
        if (newFrames.isEmpty()) {
            return null;
        }
        double[][] x = new double[newFrames.size()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = normalisation.applyFrame(newFrames.get(t));
        }
        frames += x.length;
        return model.step(state, PaddedBatch.single(x));
    }
}
