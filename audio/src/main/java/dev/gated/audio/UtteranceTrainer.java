package dev.gated.audio;

import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.loss.Loss;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The training loop of the speech models ({@link DigitClassifier}, {@link DigitTranscriber}): padded mini-batches of
 * normalised utterances through a compiled model, one optimiser step each.
 *
 * <pre>
 * batches  each epoch: shuffle, cut into pools of 16 batches, sort each pool by length, pad per batch
 *          (PaddedBatch), visit the batches in random order — little padding, still random
 * step     forward (training mode, dropout seeded per step) ─► loss (with the frame mask when per frame)
 *          ─► backward ─► clip the global gradient norm ─► optimiser
 * </pre>
 */
final class UtteranceTrainer {

    static final int POOL_BATCHES = 16;

    private UtteranceTrainer() {
    }

    /**
     * Trains {@code model} on {@code x} (each (T, F), normalised); {@code targets} gives the target tensor of a batch's
     * rows; {@code perFrame} passes the batch's frame mask to the loss (CTC), otherwise none (one output per utterance).
     */
    static void fit(Model model, List<double[][]> x, Function<int[], Tensor> targets, boolean perFrame,
                    TrainingOptions options, Consumer<DigitClassifier.Epoch> progress) {
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Parameter> parameters = model.parameters();
        Loss loss = model.loss();
        long start = System.nanoTime();
        long step = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            double sum = 0;
            for (int[] rows : batches(x, options.batchSize(), random)) {
                PaddedBatch batch = PaddedBatch.of(x, null, rows, 0, rows.length);
                for (Parameter p : parameters) {
                    p.zeroGrad();
                }
                Model.Pass pass = model.forward(List.of(batch.x()), Arrays.asList(batch.mask()), Mode.training(options.seed() + step++), null);
                Tensor y = pass.outputs().get(0);
                Tensor dy = y.zerosLike();
                sum += loss.compute(y, targets.apply(rows), perFrame ? batch.mask() : null, dy) * rows.length;
                model.backward(List.of(dy));
                model.clipping().apply(parameters);
                model.optimizer().step(parameters);
            }
            if (!Double.isFinite(sum)) {
                throw new IllegalStateException("training diverged in epoch " + epoch + " (loss " + sum + ") — lower the learning "
                        + "rate (now " + options.learningRate() + ")");
            }
            progress.accept(new DigitClassifier.Epoch(epoch, sum / x.size(), (System.nanoTime() - start) / 1e9));
        }
    }

    /** Shuffled indices, pooled, each pool sorted by length, cut into batches, batches shuffled. */
    static List<int[]> batches(List<double[][]> x, int batchSize, SplittableRandom random) {
        int n = x.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        List<int[]> out = new ArrayList<>();
        int pool = batchSize * POOL_BATCHES;
        for (int from = 0; from < n; from += pool) {
            Integer[] part = Arrays.copyOfRange(order, from, Math.min(n, from + pool));
            Arrays.sort(part, Comparator.comparingInt(i -> x.get(i).length));
            for (int b = 0; b < part.length; b += batchSize) {
                out.add(Arrays.stream(part, b, Math.min(part.length, b + batchSize)).mapToInt(Integer::intValue).toArray());
            }
        }
        Integer[] batchOrder = new Integer[out.size()];
        for (int i = 0; i < batchOrder.length; i++) {
            batchOrder[i] = i;
        }
        shuffle(batchOrder, random);
        List<int[]> shuffled = new ArrayList<>(out.size());
        for (Integer i : batchOrder) {
            shuffled.add(out.get(i));
        }
        return shuffled;
    }

    private static void shuffle(Integer[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Each utterance normalised. */
    static List<double[][]> normaliseAll(Normalisation norm, List<double[][]> frames) {
        List<double[][]> out = new ArrayList<>(frames.size());
        for (double[][] u : frames) {
            out.add(norm.apply(u));
        }
        return out;
    }

    /** Row indices 0 … n−1 sorted by utterance length (for prediction in padded batches with little padding). */
    static int[] byLength(List<double[][]> x) {
        Integer[] order = new Integer[x.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> x.get(i).length));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
