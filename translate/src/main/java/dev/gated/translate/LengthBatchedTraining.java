package dev.gated.translate;

import dev.gated.data.MultiDataset;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.model.EarlyStopping;
import dev.gated.model.EpochRecord;
import dev.gated.model.Model;
import dev.gated.model.ReduceLearningRateOnPlateau;
import dev.gated.model.TrainingDivergedException;
import dev.gated.model.TrainingListener;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The training loop of a translator, with batches of pairs of similar length: each batch is padded to its own
 * longest source and target, not the corpus's, so padded steps cost (almost) nothing. Through core's public
 * training API ({@link Model#forward}, {@link Model#backward}, the model's clipping and optimizer).
 *
 * <pre>
 * per epoch e: pairs shuffled (java.util.Random(seed + e)), stably sorted by (target length, source length),
 *              cut into batches of B, the batches shuffled; per batch b, padded to its own (S_b, T_b):
 *              forward (dropout masks from seed(e, b)) ─ masked sparse CCE from logits ─ backward ─ clip ─ Adam step
 * epoch loss:  mean of the batch losses weighted by the batch's pairs
 * validation (optional, pairs from training sentences): teacher-forced loss after each epoch, then
 *              ReduceLearningRateOnPlateau(factor, patience 1) and EarlyStopping(patience, restore best weights)
 * time limit (optional): after epoch e, stop if elapsed + (duration of epoch e) > limit
 * </pre>
 * With a corpus whose longest reference is three times the mean (Tatoeba, subword tokens), this is about
 * three times less work per epoch than padding every batch to the longest pair.
 */
final class LengthBatchedTraining {

    private LengthBatchedTraining() {
    }

    /** Trains {@code model} (compiled) on the pairs (xs[i], ys[i]); {@code validation} null for none. */
    static void run(Model model, List<int[]> xs, List<int[]> ys, EncodedBatch validation, TrainingOptions options,
                    List<TrainingListener> listeners) {
        List<TrainingListener> all = new ArrayList<>();
        EarlyStopping stopping = null;
        if (validation != null) {
            if (options.plateauFactor() < 1) {
                all.add(new ReduceLearningRateOnPlateau(options.plateauFactor(), 1, 0));
            }
            stopping = new EarlyStopping(options.patience(), 0, true);
            all.add(stopping);
        }
        all.addAll(listeners);
        int n = xs.size();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        List<Parameter> parameters = model.parameters();
        for (TrainingListener l : all) {
            l.onTrainBegin(model, 0, options.epochs(), batches);
        }
        long begun = System.nanoTime();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            long start = System.nanoTime();
            for (TrainingListener l : all) {
                l.onEpochBegin(model, epoch);
            }
            List<int[]> plan = batches(xs, ys, options.batchSize(), options.seed() + epoch);
            double weighted = 0;
            for (int b = 0; b < plan.size(); b++) {
                int[] rows = plan.get(b);
                double loss = step(model, parameters, batchOf(xs, ys, rows), (options.seed() * 1_000_003L + epoch) * 1_000_033L + b);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b, loss, model.optimizer().learningRate());
                }
                weighted += loss * rows.length;
                for (TrainingListener l : all) {
                    l.onBatchEnd(model, epoch, b, loss);
                }
            }
            double validationLoss = validation == null ? Double.NaN : model.evaluate(dataset(validation));
            EpochRecord record = new EpochRecord(epoch, weighted / n, validationLoss, model.optimizer().learningRate(),
                    (System.nanoTime() - start) / 1e9);
            model.restoreHistory(record);
            for (TrainingListener l : all) {
                l.onEpochEnd(model, record);
            }
            if (stopping != null && stopping.stoppedEpoch() >= 0) {
                break;
            }
            double elapsed = (System.nanoTime() - begun) / 6e10;
            if (options.timeLimitMinutes() > 0 && elapsed + record.seconds() / 60 > options.timeLimitMinutes()) {
                break;
            }
        }
        for (TrainingListener l : all) {
            l.onTrainEnd(model, model.history());
        }
    }

    /** Row indices per batch: shuffled, sorted by length (stable, so ties stay shuffled), cut, the batches shuffled. */
    static List<int[]> batches(List<int[]> xs, List<int[]> ys, int batchSize, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(order, random);
        order.sort(Comparator.<Integer>comparingInt(i -> ys.get(i).length).thenComparingInt(i -> xs.get(i).length));
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            out.add(order.subList(from, Math.min(order.size(), from + batchSize)).stream().mapToInt(Integer::intValue).toArray());
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static EncodedBatch batchOf(List<int[]> xs, List<int[]> ys, int[] rows) {
        List<int[]> bx = new ArrayList<>(rows.length);
        List<int[]> by = new ArrayList<>(rows.length);
        for (int r : rows) {
            bx.add(xs.get(r));
            by.add(ys.get(r));
        }
        return EncodedBatch.of(bx, by);
    }

    static MultiDataset dataset(EncodedBatch b) {
        return new MultiDataset(List.of(b.source(), b.decoderIn()), List.of(b.decoderOut()), null);
    }

    /** One optimizer step; the batch's mean loss per target token. */
    private static double step(Model model, List<Parameter> parameters, EncodedBatch batch, long seed) {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
        Model.Pass pass = model.forward(List.of(batch.source(), batch.decoderIn()), null, Mode.training(seed), null);
        Tensor logits = pass.outputs().get(0);
        Tensor gradient = logits.zerosLike();
        double loss = model.losses().get(0).compute(logits, batch.decoderOut(), pass.masks().get(0), gradient);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        model.backward(List.of(gradient));
        model.clipping().apply(parameters);
        model.optimizer().step(parameters);
        return loss;
    }
}
