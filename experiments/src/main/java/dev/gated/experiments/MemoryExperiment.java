package dev.gated.experiments;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.inspect.Inspection;
import dev.gated.inspect.Inspector;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.EpochRecord;
import dev.gated.model.Fit;
import dev.gated.model.History;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingListener;
import dev.gated.optim.Adam;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains every model at every length on one task under one {@link Budget} and measures what it remembers:
 *
 * <pre>
 * for T in lengths:
 *     train, test = task.generate(seed-derived, T)           the same examples for every model
 *     for model in models:
 *         net = Sequential.input(T', F).seed(seed).add(model(H)).add(Dense(out))
 *         ‖∂L/∂h_t‖ on the probe batch                        gradient flow at initialisation
 *         fit(train, budget)                                   Adam, clipping by global norm
 *         test metric, baseline, solved?                       task's metric and rule
 *         ‖∂L/∂h_t‖ on the probe batch; inspection of test example 0   after training
 * </pre>
 * Deterministic for a seed: data, weights and shuffling all derive from it.
 */
public final class MemoryExperiment {

    /**
     * What to run.
     *
     * @param task    the task
     * @param lengths the lag parameters T, each ≥ 1
     * @param models  the recurrent layers to compare
     * @param seed    data, weights and shuffling derive from it
     * @param budget  the same for every model and length
     * @param inspect keep an {@link Inspection} of the first test example of every trained model (for plots)
     */
    public record Config(MemoryTask task, List<Integer> lengths, List<RecurrentKind> models, long seed, Budget budget,
                         boolean inspect) {

        public Config {
            if (lengths.isEmpty()) {
                throw new IllegalArgumentException("--lengths: give at least one length, e.g. 10,50,100");
            }
            if (models.isEmpty()) {
                throw new IllegalArgumentException("--models: give at least one of rnn, lstm, gru");
            }
            lengths = List.copyOf(lengths);
            models = List.copyOf(models);
        }
    }

    /** Progress: called from the thread running the experiment. */
    public interface Listener {
        default void started(RecurrentKind model, int length, int index, int total) {
        }

        default void epoch(RecurrentKind model, int length, EpochRecord record, int epochs) {
        }

        default void finished(MemoryRun run) {
        }
    }

    private MemoryExperiment() {
    }

    public static List<MemoryRun> run(Config config, Listener listener) {
        List<MemoryRun> runs = new ArrayList<>();
        int total = config.lengths().size() * config.models().size();
        int index = 0;
        for (int length : config.lengths()) {
            TaskData train = config.task().generate(config.budget().trainExamples(), length,
                    dataSeed(config.seed(), length, 1));
            TaskData test = config.task().generate(config.budget().testExamples(), length,
                    dataSeed(config.seed(), length, 2));
            for (RecurrentKind kind : config.models()) {
                listener.started(kind, length, index++, total);
                MemoryRun run = runOne(config.task(), kind, length, config.seed(), config.budget(), train, test,
                        config.inspect(), listener);
                runs.add(run);
                listener.finished(run);
            }
        }
        return runs;
    }

    /** The network used for every task: one recurrent layer, then Dense logits/value (per step where needed). */
    public static Sequential network(MemoryTask task, RecurrentKind kind, int length, long seed, Budget budget) {
        Recurrent layer = kind.layer(budget.units()).returnSequences(task.perStepOutput());
        Sequential model = Sequential.input(task.steps(length), task.features()).seed(seed)
                .add(layer).add(new Dense(task.outputs(), task.outputActivation()));
        model.compile(new Adam(budget.learningRate()), task.loss(),
                budget.clipNorm() > 0 ? GradientClipping.byGlobalNorm(budget.clipNorm()) : GradientClipping.NONE,
                LearningRateSchedule.constant());
        return model;
    }

    static MemoryRun runOne(MemoryTask task, RecurrentKind kind, int length, long seed, Budget budget, TaskData train,
                            TaskData test, boolean inspect, Listener listener) {
        Sequential model = network(task, kind, length, seed, budget);
        TaskData probe = test.range(0, Math.min(budget.probeExamples(), test.size()));
        double[] before = gradientNorms(model, task, probe);
        long start = System.nanoTime();
        History history = model.fit(train.dataset(), Fit.epochs(budget.epochs()).batchSize(budget.batchSize()).quiet()
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Model m, EpochRecord record) {
                        listener.epoch(kind, length, record, budget.epochs());
                    }
                }));
        double seconds = (System.nanoTime() - start) / 1e9;
        double metric = task.metric(model, test);
        double baseline = task.baseline(test, length);
        double[] after = gradientNorms(model, task, probe);
        Inspection sample = null;
        if (inspect) {
            TaskData first = test.range(0, 1);
            sample = Inspector.inspect(model, task.loss(), first.x(), first.y(), null);
        }
        double lastLoss = history.epochs().isEmpty() ? Double.NaN
                : history.epochs().get(history.epochs().size() - 1).loss();
        return new MemoryRun(task.name(), kind.label(), length, task.metricName(), metric, baseline,
                task.solved(metric, length), seconds, budget.epochs(), model.parameterCount(), lastLoss, before, after,
                sample, test.cues()[0].clone());
    }

    private static double[] gradientNorms(Sequential model, MemoryTask task, TaskData probe) {
        Tensor x = probe.x();
        return Inspector.gradientNorms(model, task.loss(), x, probe.y(), null).get(0);
    }

    /** Seeds of the training (purpose 1) and test (purpose 2) examples: distinct per length and purpose. */
    static long dataSeed(long seed, int length, int purpose) {
        return (seed * 1_000_003L + length) * 7919L + purpose;
    }
}
