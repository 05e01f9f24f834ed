package dev.gated.model;

import dev.gated.data.MultiDataset;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop behind {@link Model#fit}: for each epoch, shuffle (from seed and epoch), and for each
 * batch forward → loss → backward (BPTT) → clip → optimizer step → listeners; then validate. With
 * truncated BPTT a batch is processed as consecutive time chunks that carry the recurrent state.
 */
final class Trainer {

    private final Model model;
    private final MultiDataset train;
    private final MultiDataset validation;
    private final Fit options;
    private final List<Parameter> parameters;
    private Metric.Tally[] tallies;

    Trainer(Model model, MultiDataset train, MultiDataset validation, Fit options) {
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.options = options;
        this.parameters = model.parameters();
    }

    History run() {
        int batchSize = Math.min(options.batchSize(), train.size());
        int batches = (train.size() + batchSize - 1) / batchSize;
        int initialEpoch = options.resumes() ? model.epochsCompleted() : 0;
        if (!options.resumes()) {
            model.setEpochsCompleted(0);
            model.history().clear(); // a new fit starts a new History, as in Keras
        }
        List<TrainingListener> listeners = options.listeners();
        listeners.forEach(l -> l.onTrainBegin(model, initialEpoch, options.epochs(), batches));
        for (int epoch = initialEpoch; epoch < options.epochs(); epoch++) {
            long start = System.nanoTime();
            double rate = model.schedule().rate(epoch, model.initialLearningRate());
            model.optimizer().setLearningRate(rate);
            for (TrainingListener l : listeners) {
                l.onEpochBegin(model, epoch);
            }
            tallies = newTallies();
            double loss = trainEpoch(epoch, batchSize, listeners);
            Map<String, Double> metrics = results(tallies, "");
            double validationLoss = Double.NaN;
            if (validation != null) {
                Map<String, Double> v = evaluate(validation, 256);
                validationLoss = v.get("loss");
                v.forEach((k, value) -> {
                    if (!k.equals("loss")) {
                        metrics.put("val_" + k, value);
                    }
                });
            }
            model.setEpochsCompleted(epoch + 1);
            EpochRecord record = new EpochRecord(epoch, loss, validationLoss, model.optimizer().learningRate(),
                    (System.nanoTime() - start) / 1e9, metrics);
            model.history().add(record);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(model, record);
            }
            if (model.consumeStopRequest()) {
                break;
            }
        }
        listeners.forEach(l -> l.onTrainEnd(model, model.history()));
        return model.history();
    }

    private double trainEpoch(int epoch, int batchSize, List<TrainingListener> listeners) {
        int[] order = order(epoch);
        double weightedLoss = 0;
        int batch = 0;
        for (int start = 0; start < train.size(); start += batchSize, batch++) {
            int end = Math.min(train.size(), start + batchSize);
            MultiDataset part = train.rows(order, start, end);
            long seed = batchSeed(epoch, batch);
            double loss = options.truncatedBpttSteps() > 0 ? trainChunked(part, seed) : trainBatch(part, Mode.training(seed), null);
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(epoch, batch, loss, model.optimizer().learningRate());
            }
            weightedLoss += loss * (end - start);
            for (TrainingListener l : listeners) {
                l.onBatchEnd(model, epoch, batch, loss);
            }
        }
        return weightedLoss / train.size();
    }

    /** One optimizer step on {@code part}; with a state, the recurrent layers start from it and update it. */
    private double trainBatch(MultiDataset part, Mode mode, StreamState state) {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
        Graph.Outputs out = model.forward(model.inPrecision(part.inputs()), model.inPrecision(part.masks()), mode, state);
        Tensor[] gradients = new Tensor[out.values().length];
        double loss = 0;
        for (int k = 0; k < gradients.length; k++) {
            gradients[k] = out.values()[k].zerosLike();
            loss += model.losses().get(k).compute(out.values()[k], part.targets().get(k), out.masks()[k], gradients[k]);
        }
        if (!Double.isFinite(loss)) {
            return loss;
        }
        updateMetrics(tallies, out, part);
        model.backward(gradients);
        model.clipping().apply(parameters);
        model.optimizer().step(parameters);
        return loss;
    }

    /**
     * Truncated BPTT: the batch's time axis cut into chunks of k steps, one optimizer step per chunk, the
     * recurrent state carried from chunk to chunk. Returns the loss averaged over chunks by their length.
     */
    private double trainChunked(MultiDataset part, long seed) {
        int k = options.truncatedBpttSteps();
        int steps = timeSteps(part);
        StreamState state = model.newState(part.size());
        double weighted = 0;
        for (int from = 0, chunk = 0; from < steps; from += k, chunk++) {
            int to = Math.min(steps, from + k);
            double loss = trainBatch(timeSlice(part, from, to), Mode.training(seed * 1_000_003L + chunk), state);
            if (!Double.isFinite(loss)) {
                return loss;
            }
            weighted += loss * (to - from);
        }
        return weighted / steps;
    }

    private static int timeSteps(MultiDataset part) {
        int steps = -1;
        for (Tensor t : part.inputs()) {
            if (t.rank() < 2 || (steps >= 0 && t.dim(1) != steps)) {
                throw new IllegalArgumentException("truncated BPTT: every input needs a time axis of the same length, (B, T, …), "
                        + "but an input has shape " + t.shapeString());
            }
            steps = t.dim(1);
        }
        for (Tensor y : part.targets()) {
            if (y.rank() < 2 || y.dim(1) != steps) {
                throw new IllegalArgumentException("truncated BPTT: targets need the inputs' time axis (B, " + steps
                        + ", …) — one target per step, as for a return-sequences model — but have shape " + y.shapeString());
            }
        }
        return steps;
    }

    private static MultiDataset timeSlice(MultiDataset part, int from, int to) {
        return new MultiDataset(part.inputs().stream().map(t -> t.timeSlice(from, to)).toList(),
                part.targets().stream().map(t -> t.timeSlice(from, to)).toList(),
                part.masks().stream().map(t -> t == null ? null : t.timeSlice(from, to)).toList());
    }

    /**
     * Mean loss (summed over outputs) and metrics over {@code data} in inference mode: each batch's loss (a mean
     * over its valid positions) weighted by its number of valid positions — rows, or unmasked steps for masked
     * sequence outputs — so the result is the mean over all valid positions whatever the batching.
     */
    Map<String, Double> evaluate(MultiDataset data, int batchSize) {
        int outputs = model.losses().size();
        double[] sums = new double[outputs];
        double[] positions = new double[outputs];
        Metric.Tally[] evalTallies = newTallies();
        for (int start = 0; start < data.size(); start += batchSize) {
            int end = Math.min(data.size(), start + batchSize);
            MultiDataset part = data.range(start, end);
            Graph.Outputs out = model.forward(model.inPrecision(part.inputs()), model.inPrecision(part.masks()), Mode.INFERENCE, null);
            for (int k = 0; k < outputs; k++) {
                Tensor mask = out.masks()[k];
                double weight = mask == null ? end - start : validSteps(mask);
                if (weight > 0) {
                    sums[k] += model.losses().get(k).compute(out.values()[k], part.targets().get(k), mask, null) * weight;
                    positions[k] += weight;
                }
            }
            updateMetrics(evalTallies, out, part);
        }
        double loss = 0;
        for (int k = 0; k < outputs; k++) {
            loss += positions[k] == 0 ? Double.NaN : sums[k] / positions[k];
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("loss", loss);
        result.putAll(results(evalTallies, ""));
        return result;
    }

    private Metric.Tally[] newTallies() {
        Metric.Tally[] t = new Metric.Tally[model.metrics().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Metric.Tally();
        }
        return t;
    }

    private void updateMetrics(Metric.Tally[] into, Graph.Outputs out, MultiDataset part) {
        List<Metric> metrics = model.metrics();
        for (int i = 0; i < metrics.size(); i++) {
            metrics.get(i).update(into[i], out.values()[0], part.targets().get(0), out.masks()[0]);
        }
    }

    private Map<String, Double> results(Metric.Tally[] from, String prefix) {
        Map<String, Double> r = new LinkedHashMap<>();
        List<Metric> metrics = model.metrics();
        for (int i = 0; i < metrics.size(); i++) {
            r.put(prefix + metrics.get(i).name(), metrics.get(i).result(from[i]));
        }
        return r;
    }

    private static double validSteps(Tensor mask) {
        double n = 0;
        for (int i = 0; i < mask.size(); i++) {
            n += mask.get(i) != 0 ? 1 : 0;
        }
        return n;
    }

    /** The example order for an epoch: a Fisher–Yates shuffle seeded by (model seed, epoch). */
    private int[] order(int epoch) {
        int n = train.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (options.shuffle()) {
            SplittableRandom random = new SplittableRandom(model.seed() * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
        }
        return idx;
    }

    private long batchSeed(int epoch, int batch) {
        return (model.seed() * 1_000_003L + epoch) * 1_000_033L + batch;
    }
}
