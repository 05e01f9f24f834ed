package dev.gated.studio.jobs;

import dev.gated.data.Dataset;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.Networks;
import dev.gated.forecast.Part;
import dev.gated.forecast.PartForecast;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.TrainingRun;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingListener;
import dev.gated.studio.data.StoredDataset;
import dev.gated.studio.spec.ModelSpec;
import dev.gated.studio.spec.PrepareSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasting models compared on one prepared series, beside the naive baselines. Preparation, networks,
 * training, scores and model files are the shared pipeline's ({@code dev.gated.forecast}, as {@code gated
 * train}/{@code compare}), so an exported model works with {@code gated evaluate} and {@code gated forecast}.
 */
public final class ForecastRun extends Run {

    private final String datasetName;
    private final StoredDataset dataset;
    private final PrepareSpec spec;
    private final PreparedData data;
    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final List<String> notes = new ArrayList<>();
    private final List<Map<String, Object>> baselines;

    ForecastRun(String id, StoredDataset dataset, PrepareSpec spec, PreparedData data) {
        super(id);
        this.dataset = dataset;
        this.datasetName = dataset.name();
        this.spec = spec;
        this.data = data;
        this.train = data.train().dataset();
        this.validation = data.validation() == null ? null : data.validation().dataset();
        this.test = data.test().dataset();
        this.baselines = ForecastScores.baselines(data, spec.window(), notes);
    }

    public PreparedData data() {
        return data;
    }

    /** The stored file the run was prepared from. */
    public StoredDataset dataset() {
        return dataset;
    }

    public String datasetName() {
        return datasetName;
    }

    public PrepareSpec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "forecast";
    }

    @Override
    public String title() {
        return datasetName + " → " + spec.target() + ", window " + spec.window() + ", horizon " + spec.horizon();
    }

    @Override
    public int[] inputShape() {
        return new int[] {spec.window(), data.features()};
    }

    @Override
    public int outputs() {
        return spec.horizon();
    }

    @Override
    public Sequential network(ModelSpec m) {
        return Networks.build(m.modelKind(), m.hyperParameters(spec), data.features());
    }

    /** A {@link TrainingRun} of the shared pipeline, as {@code gated train} runs it. */
    @Override
    public Sequential train(ModelSpec m, TrainingListener listener) {
        // refuse at once, with the figures, what cannot fit in memory (as gated train does)
        dev.gated.forecast.MemoryEstimate.of(m.modelKind(), m.hyperParameters(spec), data.features(),
                data.series().rows()).requireFitsInHeap();
        return TrainingRun.train(m.modelKind(), m.hyperParameters(spec), data, List.of(listener)).model();
    }

    @Override
    public Dataset trainData() {
        return train;
    }

    @Override
    public Dataset validationData() {
        return validation;
    }

    @Override
    public Evaluation evaluate(Sequential model) {
        Map<String, double[]> predictions = new LinkedHashMap<>();
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        predictions.put("train", PartForecast.ofModel(model, data.train(), data.series()).predicted());
        if (data.validation() != null) {
            PartForecast v = PartForecast.ofModel(model, data.validation(), data.series());
            predictions.put("validation", v.predicted());
            metrics.put("validation", ForecastScores.metrics(v));
        }
        PartForecast t = PartForecast.ofModel(model, data.test(), data.series());
        predictions.put("test", t.predicted());
        metrics.put("test", ForecastScores.metrics(t));
        return new Evaluation(metrics, predictions);
    }

    /**
     * Writes a finished job's model with the forecasting settings in its metadata ({@link ForecastModel}: model
     * kind, hyper-parameters, data settings, fitted scaler), plus the {@code studio.target}, {@code
     * studio.features}, {@code studio.window} and {@code studio.horizon} labels earlier exports carried.
     */
    public void save(Job job, Path file) throws IOException {
        Sequential model = job.model();
        Map<String, String> meta = model.metadata();
        meta.put("studio.target", spec.target());
        meta.put("studio.features", String.join(",", spec.features()));
        meta.put("studio.window", Integer.toString(spec.window()));
        meta.put("studio.horizon", Integer.toString(spec.horizon()));
        if (job.cancelledAtEpoch() > 0) {
            meta.put("studio.cancelled_at_epoch", Integer.toString(job.cancelledAtEpoch()));
        }
        new ForecastModel(model, job.spec().modelKind(), job.spec().hyperParameters(spec), data.series().spec(),
                data.series().scaler(), datasetName, job.trainSeconds(), job.bestEpoch()).save(file);
    }

    @Override
    public List<Map<String, Object>> baselineRows() {
        return baselines;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public Dataset part(String name) {
        Part p = data.part(name);
        return p == data.train() ? train : p == data.test() ? test : validation;
    }
}
