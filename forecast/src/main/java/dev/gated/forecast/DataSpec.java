package dev.gated.forecast;

import dev.gated.timeseries.csv.CsvReadOptions;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a forecasting run reads from a CSV file and how: target, input features, time column, missing-value
 * policy, scaler, split, and the baselines' settings. Saved in the model file (keys of {@link #toMap()}) so
 * that evaluate and forecast prepare new data exactly as train did.
 *
 * @param target     the column to forecast
 * @param features   the input columns, in order (default: the target alone, a univariate model)
 * @param timeColumn the time column's name, or null to detect it (first column named like a date, or text)
 * @param missing    what to do with missing cells
 * @param scaler     min-max or standard scaling, fitted on the training rows only
 * @param split      train / validation / test split
 * @param period     seasonal naive period; 0 = detect it on the training rows
 * @param maWindow   moving-average baseline window; 0 = the model's input window
 */
public record DataSpec(String target, List<String> features, String timeColumn, MissingValuePolicy missing,
                       ScalerKind scaler, SplitSpec split, int period, int maWindow) {

    public DataSpec {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("--target: name the column to forecast, e.g. --target Passengers");
        }
        features = features == null || features.isEmpty() ? List.of(target) : List.copyOf(features);
        if (features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException("--features names a column twice: " + features);
        }
        if (timeColumn != null && (timeColumn.equals(target) || features.contains(timeColumn))) {
            throw new IllegalArgumentException("--time \"" + timeColumn + "\" is also the target or a feature; "
                    + "the time column only labels the rows");
        }
        if (period < 0 || maWindow < 0) {
            throw new IllegalArgumentException("--period and --ma-window must be >= 1 (or left out), got "
                    + period + " and " + maWindow);
        }
    }

    /** True when the target is the only input: predictions can be fed back for recursive forecasts. */
    public boolean univariate() {
        return features.size() == 1 && features.get(0).equals(target);
    }

    /** The columns to read: the features, then the target if it is not one of them. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(features);
        if (!all.contains(target)) {
            all.add(target);
        }
        return all;
    }

    /** The CSV reader options for these columns. */
    public CsvReadOptions readOptions() {
        CsvReadOptions o = CsvReadOptions.defaults().withValueColumns(columns()).withMissingValues(missing);
        return timeColumn == null ? o : o.withTimeColumn(timeColumn);
    }

    /** Parses error | interpolate | ffill (forward-fill) | drop. */
    public static MissingValuePolicy parseMissing(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "error" -> MissingValuePolicy.ERROR;
            case "interpolate" -> MissingValuePolicy.INTERPOLATE;
            case "ffill", "forward-fill" -> MissingValuePolicy.FORWARD_FILL;
            case "drop" -> MissingValuePolicy.DROP;
            default -> throw new IllegalArgumentException("unknown missing-value policy \"" + s
                    + "\"; expected error, interpolate, ffill or drop");
        };
    }

    /** Keys: target, features, feature.&lt;i&gt;, time_column, missing, scaler, period, ma_window, split.*. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("features", Integer.toString(features.size()));
        for (int i = 0; i < features.size(); i++) {
            m.put("feature." + i, features.get(i));
        }
        m.put("time_column", timeColumn == null ? "" : timeColumn);
        m.put("missing", missing.name());
        m.put("scaler", scaler.name());
        m.put("period", Integer.toString(period));
        m.put("ma_window", Integer.toString(maWindow));
        MetadataKeys.putAll(m, "split.", split.toMap());
        return m;
    }

    public static DataSpec fromMap(Map<String, String> m) {
        int n = MetadataKeys.integer(m, "features");
        List<String> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            features.add(MetadataKeys.text(m, "feature." + i));
        }
        String time = MetadataKeys.text(m, "time_column");
        return new DataSpec(MetadataKeys.text(m, "target"), features, time.isEmpty() ? null : time,
                MissingValuePolicy.valueOf(MetadataKeys.text(m, "missing")),
                ScalerKind.valueOf(MetadataKeys.text(m, "scaler")),
                SplitSpec.fromMap(MetadataKeys.withPrefix(m, "split.")),
                MetadataKeys.integer(m, "period"), MetadataKeys.integer(m, "ma_window"));
    }

    /** The same data settings with the time column that was actually used (detected or named). */
    public DataSpec withTimeColumn(String name) {
        return new DataSpec(target, features, name, missing, scaler, split, period, maWindow);
    }
}
