package dev.gated.model;

import dev.gated.data.Dataset;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop behind {@link Sequential#fit}: for each epoch, shuffle (from seed and epoch), and for each
 * batch forward → loss → backward (BPTT) → clip → optimizer step → listeners; then validate.
 */
final class Trainer {

    private final Sequential model;
    private final Dataset train;
    private final Dataset validation;
    private final Fit options;
    private final List<Parameter> parameters;

    Trainer(Sequential model, Dataset train, Dataset validation, Fit options) {
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
            double loss = trainEpoch(epoch, batchSize, listeners);
            double validationLoss = validation == null ? Double.NaN : evaluate(validation, 256);
            model.setEpochsCompleted(epoch + 1);
            EpochRecord record = new EpochRecord(epoch, loss, validationLoss, model.optimizer().learningRate(),
                    (System.nanoTime() - start) / 1e9);
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
            Dataset part = train.rows(order, start, end);
            double loss = trainBatch(part, Mode.training(batchSeed(epoch, batch)));
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

    private double trainBatch(Dataset part, Mode mode) {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
        Sequential.Forward out = model.forward(part.x().to(model.precision()), maskIn(part), mode);
        Tensor gradient = out.output().zerosLike();
        double loss = model.loss().compute(out.output(), part.y(), out.mask(), gradient);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        model.backward(gradient);
        model.clipping().apply(parameters);
        model.optimizer().step(parameters);
        return loss;
    }

    private Tensor maskIn(Dataset part) {
        return part.mask() == null ? null : part.mask().to(model.precision());
    }

    /**
     * Mean loss over {@code data} in inference mode: each batch's loss (a mean over its valid positions) weighted
     * by its number of valid positions — rows, or unmasked steps for masked sequence outputs — so the result is
     * the mean over all valid positions whatever the batching.
     */
    double evaluate(Dataset data, int batchSize) {
        double sum = 0;
        double positions = 0;
        for (int start = 0; start < data.size(); start += batchSize) {
            int end = Math.min(data.size(), start + batchSize);
            Dataset part = data.range(start, end);
            Sequential.Forward out = model.forward(part.x().to(model.precision()), maskIn(part), Mode.INFERENCE);
            double weight = out.mask() == null ? end - start : validSteps(out.mask());
            if (weight > 0) {
                sum += model.loss().compute(out.output(), part.y(), out.mask(), null) * weight;
                positions += weight;
            }
        }
        return positions == 0 ? Double.NaN : sum / positions;
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
