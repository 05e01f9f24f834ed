package dev.gated.text.lm;

import dev.gated.optim.LearningRateSchedule;

/**
 * How a language model is trained by {@link StatefulTraining}.
 *
 * @param streams         B, parallel streams of the training text (the batch)
 * @param context         T, characters per chunk: gradients flow back at most T steps (truncated BPTT)
 * @param learningRate    η₀, Adam's rate at the start
 * @param minLearningRate η_min, the rate the cosine decay ends at
 * @param clipNorm        c, gradients clipped to global norm c (≤ 0: not clipped)
 * @param seconds         the time budget, training and validation together, on {@code clock} (≤ 0: none)
 * @param clock           what the budget counts: wall-clock time or this process's CPU time
 * @param epochs          passes over the training text (≤ 0: none); training stops at whichever comes first
 * @param evalEvery       validation loss every this many optimizer steps (and at the end)
 * @param validationStreams streams the validation text is read as (only splits the work, see {@link StreamLoss})
 * @param carryState      true: the state is carried from each chunk to the next of its stream (stateful
 *                        truncated BPTT); false: every chunk starts from zeros (for comparison)
 * @param seed            dropout masks
 */
public record TrainingPlan(int streams, int context, double learningRate, double minLearningRate, double clipNorm,
                           double seconds, BudgetClock clock, int epochs, int evalEvery, int validationStreams, boolean carryState, long seed) {

    private static final int PROGRESS_STEPS = 1_000_000;

    public TrainingPlan {
        if (streams < 1 || context < 1 || evalEvery < 1 || validationStreams < 1) {
            throw new IllegalArgumentException("batch, context, eval-every and validation streams must be >= 1 but are "
                    + streams + ", " + context + ", " + evalEvery + " and " + validationStreams);
        }
        if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("learning rates must satisfy 0 <= min <= lr, 0 < lr but are lr "
                    + learningRate + ", min " + minLearningRate);
        }
        if (!(seconds > 0) && epochs < 1) {
            throw new IllegalArgumentException("give a time budget (minutes > 0) or a number of epochs (>= 1): "
                    + "without either, training would not stop");
        }
    }

    /**
     * The share of training done, in [0, 1]: the larger of the time used and the epochs done, each as a share
     * of its budget — what the learning-rate decay follows.
     */
    double progress(double elapsedSeconds, double epochsDone) {
        double byTime = seconds > 0 ? elapsedSeconds / seconds : 0;
        double byEpochs = epochs > 0 ? epochsDone / epochs : 0;
        return Math.min(1, Math.max(byTime, byEpochs));
    }

    /**
     * η = η_min + ½ (η₀ − η_min)(1 + cos(π · progress)): the engine's cosine schedule with progress counted in
     * millionths of the budget instead of epochs (no warm-up).
     */
    double learningRate(double progress) {
        return LearningRateSchedule.cosine(PROGRESS_STEPS, minLearningRate)
                .rate((int) Math.round(progress * PROGRESS_STEPS), learningRate);
    }

    /** The schedule as model files write it. */
    String describeSchedule() {
        return "cosine over the " + (seconds > 0 ? seconds + " s " + clock.id() + " budget" : epochs + " epochs") + " to " + minLearningRate;
    }
}
