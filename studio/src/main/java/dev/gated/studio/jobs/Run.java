package dev.gated.studio.jobs;

import dev.gated.data.Dataset;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingListener;
import dev.gated.studio.spec.ModelSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A set of jobs trained on the same prepared data, compared in one results table (a forecasting run, or a
 * memory-lab task). The data is made once and shared read-only by the jobs.
 */
public abstract class Run {

    private final String id;
    private final Instant created = Instant.now();
    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    protected Run(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Instant created() {
        return created;
    }

    public List<Job> jobs() {
        return jobs;
    }

    void addJob(Job job) {
        jobs.add(job);
    }

    /** How a job of this run is called in lists and tables ("LSTM(32)"; a text run says "bidirectional LSTM(32)"). */
    public String label(ModelSpec spec) {
        return spec.label();
    }

    /** "forecast", "memory" or "text". */
    public abstract String type();

    /** A one-line description for lists: data set, target, window. */
    public abstract String title();

    /** Input shape without the batch axis: (T, F). */
    public abstract int[] inputShape();

    /** Width of the model's output layer. */
    public abstract int outputs();

    /** A fresh, compiled network for {@code spec} on this run's data (the same seed gives the same weights). */
    public abstract Sequential network(ModelSpec spec);

    /**
     * Trains a fresh {@link #network} on {@link #trainData()}, watching {@link #validationData()};
     * {@code listener} sees every batch and epoch (and may stop training by throwing).
     */
    public Sequential train(ModelSpec spec, TrainingListener listener) {
        Sequential model = network(spec);
        Fit fit = Fit.epochs(spec.epochs()).batchSize(spec.batch()).quiet().listener(listener);
        Dataset validation = validationData();
        if (validation != null) {
            fit = fit.validationData(validation);
        }
        model.fit(trainData(), fit);
        return model;
    }

    /** The entry of a row's "test" metrics that ranks the rows ("rmse" for forecasts). */
    public String bestKey() {
        return "rmse";
    }

    /** Whether a larger {@link #bestKey()} value is better. */
    public boolean higherIsBetter() {
        return false;
    }

    public abstract Dataset trainData();

    /** Null when there is no validation part. */
    public abstract Dataset validationData();

    /** Scores a trained model. */
    public abstract Evaluation evaluate(Sequential model);

    /** Rows for the results table that are not models (baselines); each a map like a job's row. */
    public abstract List<Map<String, Object>> baselineRows();

    /** Notes about the run (baselines left out …). */
    public abstract List<String> notes();

    /** The windows of a part ("train", "validation", "test") as an engine data set, scaled as the model sees them. */
    public abstract Dataset part(String name);

    /** Up to 32 training windows and their targets: the batch whose gradients the Inside panel follows back in time. */
    public Dataset probeBatch() {
        Dataset train = trainData();
        return train.range(0, Math.min(32, train.size()));
    }
}
