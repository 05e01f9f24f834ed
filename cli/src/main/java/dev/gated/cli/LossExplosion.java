package dev.gated.cli;

import java.util.Locale;

/**
 * The divergence check for cross-entropy trainings (language models, translation): their loss has a natural
 * scale, the loss of guessing uniformly among the V classes, ln V nats. A loss that stays finite but grows far
 * beyond it is a training that exploded (a learning rate 1e4 gives 17,000 nats per character on a 28-letter
 * alphabet, whose uniform guess costs 3.3), and a model trained so is nonsense; it must not be saved as a result.
 * <pre>
 *   diverged  ⇔  loss is not finite,  or  loss &gt; {@value #FACTOR} × ln V
 * </pre>
 * A confidently wrong but sane model stays well under: its loss per token is bounded by its logit margins.
 */
final class LossExplosion {

    /** How many times the uniform guess's loss a sane training never reaches. */
    static final double FACTOR = 100;

    private LossExplosion() {
    }

    /**
     * Throws when {@code loss} (in nats per token, over {@code classes} classes) exploded.
     *
     * @param what         what the loss is of, e.g. "the training loss at step 40"
     * @param rateOption   the option that sets the learning rate, e.g. {@code --lr}
     * @param learningRate its value in this run
     * @param saved        what happened to --out, e.g. "nothing was saved"
     */
    static void check(double loss, int classes, String what, String rateOption, double learningRate, String saved) {
        double uniform = Math.log(Math.max(2, classes));
        if (Double.isFinite(loss) && loss <= FACTOR * uniform) {
            return;
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "%s is %.4g nats, more than %.0f times the %.2f "
                        + "of guessing uniformly among %d symbols — training diverged, %s; use a lower %s (now %s)",
                what, loss, FACTOR, uniform, classes, saved, rateOption, learningRate));
    }
}
