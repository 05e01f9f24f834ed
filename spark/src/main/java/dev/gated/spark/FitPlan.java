package dev.gated.spark;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.layer.recurrent.RecurrentKind;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one task does with one series: the data settings and hyper-parameters of {@code gated compare}, the
 * kinds of network to train, and how many steps to forecast past the end. Travels to executors as the
 * settings' own model-file keys ({@link DataSpec#toMap()}, {@link HyperParameters#toMap()}), so the forecast
 * module needs no serialisation of its own and a plan reads back exactly as a saved model's settings do.
 *
 * @param data       DataSpec.toMap() — target = the value column, the time column named
 * @param hp         HyperParameters.toMap()
 * @param kinds      lstm, gru, rnn: one trained network (and one result row) each
 * @param steps      forecast steps past the end of each series, &ge; 1
 * @param keepModels true to put each trained model file's bytes in the results (column model_file)
 */
public record FitPlan(Map<String, String> data, Map<String, String> hp, List<String> kinds, int steps,
                      boolean keepModels) implements Serializable {

    public FitPlan {
        data = new LinkedHashMap<>(data);
        hp = new LinkedHashMap<>(hp);
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("name at least one kind of network to train (lstm, gru, rnn)");
        }
        kinds.forEach(RecurrentKind::parse);
        if (steps < 1) {
            throw new IllegalArgumentException("forecast steps must be >= 1, got " + steps);
        }
    }

    /** A plan for one setting of every option. */
    public static FitPlan of(DataSpec data, HyperParameters hp, List<RecurrentKind> kinds, int steps, boolean keep) {
        return new FitPlan(data.toMap(), hp.toMap(), kinds.stream().map(RecurrentKind::id).toList(), steps, keep);
    }

    public DataSpec dataSpec() {
        return DataSpec.fromMap(data);
    }

    public HyperParameters hyperParameters() {
        return HyperParameters.fromMap(hp);
    }

    public List<RecurrentKind> recurrentKinds() {
        return kinds.stream().map(RecurrentKind::parse).toList();
    }
}
