package dev.gated.text.lm;

import dev.gated.data.Dataset;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a language model on a long text by stateful truncated BPTT (char-rnn; Keras {@code stateful=True}):
 * <pre>
 *   the text as B streams read in chunks of T characters ({@link StreamBatches}); state s = zeros each epoch
 *   for each chunk c:   η = cosine(progress)                       (see {@link TrainingPlan#learningRate})
 *                       z = model(x_c, starting from s);  s ← the state after x_c   (detached: no gradient
 *                                                                                    flows into the previous chunk)
 *                       L = mean_{b,t} −log softmax(z[b, t])[y_c[b, t]]
 *                       ∂L/∂w by BPTT over the T steps;  clip to global norm c;  Adam step
 *   every N steps (and at the end): validation loss ({@link StreamLoss#streams}); the best weights are kept
 * </pre>
 * A Transformer has no state to carry: its chunks are independent windows of T characters (shifted each epoch),
 * and its validation loss is over windows of T ({@link StreamLoss#windows}), the context it can see.
 * Training stops at the time budget or after the epochs, whichever comes first; the budget counts validation
 * too, in wall-clock or CPU time ({@link BudgetClock}). At the end the model holds the weights of its best validation loss (its last
 * weights when there is no validation text).
 */
public final class StatefulTraining {

    /**
     * One validation: when (on the plan's clock, and in wall-clock and CPU seconds), the mean training loss since
     * the previous one, the validation loss per token and per character (the same for a character vocabulary;
     * see {@link StreamLoss.Total}).
     */
    public record Evaluation(int step, double epoch, double seconds, double wallSeconds, double cpuSeconds,
                             double trainLoss, double validationLoss, double learningRate, boolean best,
                             double validationLossPerCharacter) {
    }

    /** Every validation in order, the best one, and the pace (characters of text per second on the plan's clock). */
    public record Result(List<Evaluation> curve, Evaluation best, int steps, double seconds, double wallSeconds,
                         double cpuSeconds, double charactersPerSecond) {
    }

    /** Hears training as it goes. */
    public interface Listener {
        /** After each optimizer step. */
        default void onStep(int step, double epoch, double seconds, double loss) {
        }

        /** After each validation; {@code e.best()} when it is the lowest so far (save the model then). */
        default void onEvaluation(Evaluation e) throws IOException {
        }
    }

    private final TrainingPlan plan;
    private final Listener listener;
    private final Model model;
    private final List<Parameter> parameters;
    private final int[] validation;
    private final int[] lengths;   // characters per token
    private final boolean recurrent;
    private final List<Evaluation> curve = new ArrayList<>();
    private List<Tensor> bestWeights;
    private Evaluation best;
    private double lossSum;
    private int lossCount;
    private double start;      // on the plan's clock
    private double wallStart;
    private double cpuStart;

    private StatefulTraining(LanguageModel lm, int[] validation, TrainingPlan plan, Listener listener) {
        this.plan = plan;
        this.listener = listener;
        this.model = lm.model();
        this.parameters = model.parameters();
        this.validation = validation;
        this.lengths = lm.vocabulary().lengths();
        this.recurrent = lm.architecture().isRecurrent();
    }

    /** Trains {@code lm} on {@code train} (character indices), validating on {@code validation}. */
    public static Result run(LanguageModel lm, int[] train, int[] validation, TrainingPlan plan, Listener listener)
            throws IOException {
        return new StatefulTraining(lm, validation, plan, listener == null ? new Listener() { } : listener).train(train);
    }

    private Result train(int[] train) throws IOException {
        boolean carry = plan.carryState() && recurrent;
        StreamState state = carry ? model.newState(plan.streams()) : null;
        start = plan.clock().now();
        wallStart = BudgetClock.WALL.now();
        cpuStart = BudgetClock.CPU.now();
        int step = 0;
        long characters = 0;
        double epoch = 0;
        boolean evaluatedLast = false;
        for (int e = 0; (plan.epochs() < 1 || e < plan.epochs()) && !outOfTime(); e++) {
            StreamBatches batches = new StreamBatches(recurrent ? train : shifted(train, e), plan.streams(), plan.context(),
                    model.precision());
            if (state != null) {
                state.reset();
            }
            for (int c = 0; c < batches.chunks() && !outOfTime(); c++) {
                epoch = e + (double) c / batches.chunks();
                model.optimizer().setLearningRate(plan.learningRate(plan.progress(seconds(), epoch)));
                Dataset chunk = batches.chunk(c);
                double loss = trainChunk(chunk, Mode.training(plan.seed() * 1_000_003L + step), state, step);
                step++;
                characters += StreamLoss.characters(chunk.y(), lengths);
                lossSum += loss;
                lossCount++;
                listener.onStep(step, epoch, seconds(), loss);
                evaluatedLast = step % plan.evalEvery() == 0;
                if (evaluatedLast) {
                    evaluate(step, epoch + 1.0 / batches.chunks());
                }
            }
            if (!outOfTime()) {
                epoch = e + 1;
            }
        }
        if (!evaluatedLast) {
            evaluate(step, epoch);
        }
        restoreBest();
        double seconds = seconds();
        return new Result(List.copyOf(curve), best, step, seconds, wall(), cpu(), characters / seconds);
    }

    /**
     * A Transformer's chunks are independent windows: each epoch after the first starts them
     * {@code s ∈ [0, T)} characters later (s drawn from the seed and the epoch), so that a character is not
     * always at the same position of its window (nanoGPT draws every window's start at random).
     */
    private int[] shifted(int[] train, int epoch) {
        if (epoch == 0) {
            return train;
        }
        int shift = new SplittableRandom(plan.seed() * 31L + epoch).nextInt(plan.context());
        return Arrays.copyOfRange(train, shift, train.length);
    }

    private double trainChunk(Dataset chunk, Mode mode, StreamState state, int step) {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
        Model.Pass pass = model.forward(List.of(chunk.x()), null, mode, state);
        Tensor z = pass.outputs().get(0); // (B, T, V) logits
        Tensor dz = z.zerosLike();
        double loss = model.loss().compute(z, chunk.y(), null, dz);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training diverged at step " + (step + 1) + " (loss " + loss
                    + ", learning rate " + model.optimizer().learningRate() + ") — lower --lr or --clip");
        }
        model.backward(List.of(dz));
        model.clipping().apply(parameters);
        model.optimizer().step(parameters);
        return loss;
    }

    private void evaluate(int step, double epoch) throws IOException {
        StreamLoss.Total total = validation.length <= 1 ? null
                : recurrent ? StreamLoss.streams(model, validation, Math.min(plan.validationStreams(), validation.length - 1), 256, lengths)
                : validation.length > plan.context() ? StreamLoss.windows(model, validation, plan.context(), lengths) : null;
        double validationLoss = total == null ? Double.NaN : total.perToken();
        boolean isBest = best == null || Double.isNaN(validationLoss) || validationLoss < best.validationLoss();
        Evaluation e = new Evaluation(step, epoch, seconds(), wall(), cpu(), lossCount == 0 ? Double.NaN : lossSum / lossCount,
                validationLoss, model.optimizer().learningRate(), isBest, total == null ? Double.NaN : total.perCharacter());
        lossSum = 0;
        lossCount = 0;
        curve.add(e);
        if (isBest) {
            best = e;
            bestWeights = new ArrayList<>(parameters.size());
            for (Parameter p : parameters) {
                bestWeights.add(p.value().copy());
            }
        }
        listener.onEvaluation(e);
    }

    private void restoreBest() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().copyFrom(bestWeights.get(i));
        }
    }

    private boolean outOfTime() {
        return plan.seconds() > 0 && seconds() >= plan.seconds();
    }

    private double seconds() {
        return plan.clock().now() - start;
    }

    private double wall() {
        return BudgetClock.WALL.now() - wallStart;
    }

    private double cpu() {
        return BudgetClock.CPU.now() - cpuStart;
    }
}
