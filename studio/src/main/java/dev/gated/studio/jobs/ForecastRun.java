package dev.gated.studio.jobs;

import dev.gated.data.Dataset;
import dev.gated.model.Sequential;
import dev.gated.studio.pipeline.PrepareSpec;
import dev.gated.studio.pipeline.Prepared;
import dev.gated.studio.pipeline.Scores;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.window.Windows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Forecasting models compared on one prepared series, beside the naive baselines. */
public final class ForecastRun extends Run {

    private final String datasetName;
    private final Prepared data;
    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final List<String> notes = new ArrayList<>();
    private final List<Map<String, Object>> baselines;

    ForecastRun(String id, String datasetName, Prepared data) {
        super(id);
        this.datasetName = datasetName;
        this.data = data;
        this.train = Prepared.dataset(data.train());
        this.validation = data.validation() == null ? null : Prepared.dataset(data.validation());
        this.test = Prepared.dataset(data.test());
        this.baselines = Scores.baselines(data, notes);
    }

    public Prepared data() {
        return data;
    }

    public String datasetName() {
        return datasetName;
    }

    public PrepareSpec spec() {
        return data.spec();
    }

    @Override
    public String type() {
        return "forecast";
    }

    @Override
    public String title() {
        PrepareSpec s = data.spec();
        return datasetName + " → " + s.target() + ", window " + s.window() + ", horizon " + s.horizon();
    }

    @Override
    public int[] inputShape() {
        return new int[] {data.spec().window(), data.spec().features().size()};
    }

    @Override
    public int outputs() {
        return data.spec().horizon();
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
        predictions.put("train", predict(model, data.train()));
        if (data.validation() != null) {
            double[] p = predict(model, data.validation());
            predictions.put("validation", p);
            metrics.put("validation", Scores.metrics(data.actual(data.validation()), p));
        }
        double[] p = predict(model, data.test());
        predictions.put("test", p);
        metrics.put("test", Scores.metrics(data.actual(data.test()), p));
        return new Evaluation(metrics, predictions);
    }

    private double[] predict(Sequential model, Windows w) {
        Tensor y = model.predict(Tensor.of(w.x(), w.count(), w.window(), w.features()));
        return data.unscale(y.toFloatArray());
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
        return switch (name) {
            case "train" -> train;
            case "test" -> test;
            case "validation" -> {
                if (validation == null) {
                    throw new IllegalArgumentException("there is no validation part (its fraction is 0)");
                }
                yield validation;
            }
            default -> throw new IllegalArgumentException("part \"" + name + "\" is not one of train, validation, test");
        };
    }
}
