package dev.gated.studio.jobs;

import dev.gated.data.Dataset;
import dev.gated.experiments.Budget;
import dev.gated.experiments.MemoryExperiment;
import dev.gated.experiments.MemoryTask;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.experiments.TaskData;
import dev.gated.model.Sequential;
import dev.gated.studio.spec.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Memory lab: RNN, LSTM and GRU on a synthetic memory task of the experiments module (adding, copy,
 * first-symbol) at one lag T, with the networks, metric, memoryless baseline and "solved" rule of
 * {@code gated experiment memory}. Train, validation and test examples are generated from the seed.
 */
public final class MemoryLabRun extends Run {

    private static final double CLIP_NORM = 1.0;

    private final MemoryTask task;
    private final int length;
    private final int examples;
    private final long seed;
    private final TaskData train;
    private final TaskData validation;
    private final TaskData test;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param task     adding, copy or first-symbol
     * @param length   the lag T
     * @param examples training examples; validation and test get a quarter each (at least 100)
     * @param seed     data seed
     */
    public MemoryLabRun(String id, String task, int length, int examples, long seed) {
        super(id);
        this.task = MemoryTask.of(task);
        if (length < 2 || length > 1000) {
            throw new IllegalArgumentException("the lag T must be between 2 and 1000, got " + length);
        }
        if (examples < 32 || examples > 20_000) {
            throw new IllegalArgumentException("examples must be between 32 and 20000, got " + examples);
        }
        this.length = length;
        this.examples = examples;
        this.seed = seed;
        int held = Math.max(100, examples / 4);
        this.train = this.task.generate(examples, length, seed * 31 + 1);
        this.validation = this.task.generate(held, length, seed * 31 + 2);
        this.test = this.task.generate(held, length, seed * 31 + 3);
        notes.add("solved when " + this.task.solvedRule());
        notes.add("each network: one recurrent layer and a Dense output, Adam, gradients clipped to global norm "
                + CLIP_NORM + " (as gated experiment memory); layers, dropout and optimizer settings do not apply here");
    }

    public MemoryTask task() {
        return task;
    }

    public int length() {
        return length;
    }

    public int examples() {
        return examples;
    }

    public int heldOut() {
        return test.size();
    }

    /** The data seed given at creation. */
    public long seed() {
        return seed;
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public String title() {
        return task.name() + " task, T = " + length + " (" + task.steps(length) + " steps), " + examples
                + " training examples";
    }

    @Override
    public int[] inputShape() {
        return new int[] {task.steps(length), task.features()};
    }

    @Override
    public int outputs() {
        return task.outputs();
    }

    @Override
    public Sequential network(ModelSpec spec) {
        Budget budget = new Budget(spec.epochs(), examples, test.size(), spec.units(), spec.batch(), spec.lr(),
                CLIP_NORM, 64);
        return MemoryExperiment.network(task, RecurrentKind.parse(spec.kind()), length, spec.seed(), budget);
    }

    @Override
    public String bestKey() {
        return "metric";
    }

    @Override
    public boolean higherIsBetter() {
        return task.higherIsBetter();
    }

    @Override
    public Dataset trainData() {
        return train.dataset();
    }

    @Override
    public Dataset validationData() {
        return validation.dataset();
    }

    @Override
    public Dataset part(String name) {
        return switch (name) {
            case "train" -> train.dataset();
            case "validation" -> validation.dataset();
            case "test" -> test.dataset();
            default -> throw new IllegalArgumentException("part \"" + name + "\" is not one of train, validation, test");
        };
    }

    @Override
    public Evaluation evaluate(Sequential model) {
        double metric = task.metric(model, test);
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("metric", metric);
        t.put("baseline", task.baseline(test, length));
        t.put("solved", task.solved(metric, length) ? 1.0 : 0.0);
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("test", t);
        return new Evaluation(metrics, Map.of());
    }

    @Override
    public List<Map<String, Object>> baselineRows() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", "baseline");
        row.put("label", "memoryless baseline");
        row.put("type", "baseline");
        row.put("params", 0);
        row.put("train_seconds", 0.0);
        row.put("test", Map.of("metric", task.baseline(test, length)));
        return List.of(row);
    }

    @Override
    public List<String> notes() {
        List<String> n = new ArrayList<>(notes);
        n.add(0, "metric: " + task.metricName().toLowerCase(Locale.ROOT).replace('_', ' ') + " on " + test.size()
                + " test examples (" + (task.higherIsBetter() ? "higher" : "lower") + " is better)");
        return n;
    }
}
