package dev.gated.audio;

import dev.gated.loss.CtcLoss;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC transcription as audio arrives: each chunk's new frames go through the model's streaming state
 * ({@link FrameStepper}), and a digit is emitted as soon as its first frame wins the argmax.
 *
 * <pre>
 * per frame t:  π_t = argmax_c z[t, c];   emit π_t − 1 when π_t ≠ blank and π_t ≠ π_{t−1}
 * </pre>
 * The same collapse as {@code CtcDecoder.greedy} over the whole utterance, carried across chunks by π_{t−1},
 * so the digits emitted by the end equal the offline greedy transcription (DigitTranscriberTest checks it).
 */
public final class TranscriptionStream {

    private final FrameStepper stepper;
    private final List<Integer> digits = new ArrayList<>();
    private int previous = CtcLoss.BLANK;

    TranscriptionStream(FrameStepper stepper) {
        this.stepper = stepper;
    }

    /** Feeds samples (at the model's rate); returns the digits recognised in them (often none). */
    public int[] accept(float[] samples) {
        return collapse(stepper.push(samples));
    }

    /** The stream ended: the digits of the last frames. */
    public int[] finish() {
        return collapse(stepper.finish());
    }

    /** Every digit emitted so far. */
    public int[] digits() {
        return digits.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Feature frames fed to the model so far. */
    public int frames() {
        return stepper.frames();
    }

    private int[] collapse(Tensor logits) {
        if (logits == null) {
            return new int[0];
        }
        int classes = logits.dim(logits.rank() - 1);
        int frames = logits.size() / classes;
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits.get(t * classes + c) > logits.get(t * classes + best)) {
                    best = c;
                }
            }
            if (best != CtcLoss.BLANK && best != previous) {
                out.add(best - 1);
            }
            previous = best;
        }
        digits.addAll(out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
