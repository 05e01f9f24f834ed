package dev.gated.forecast;

import dev.gated.timeseries.csv.CsvReadOptions;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import dev.gated.timeseries.csv.CsvProfile;
import java.util.ArrayList;
import java.util.Collections;
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
 * @param categories the features that hold text labels, each with its levels (sorted): each is fed to the
 *                   network one-hot, as one 0/1 input per level ({@code weather=rain}), not scaled; filled in
 *                   by {@link #resolve} from a first read of the file, saved in the model file
 * @param ignored    columns never read, even with {@code --features all}
 * @param knownFuture the features whose values are known over the forecast horizon ({@code --known-future}, and
 *                    the {@link CalendarFeatures}): each is also among {@code features}; the network sees them
 *                    at the H target rows as well (see {@link FutureInputs}); empty = every input is past-only
 * @param targets    every column the model forecasts at once ({@code --target A,B,C}, a multi-output head, see
 *                   {@link TargetColumns}), {@code target} among them; {@code [target]} for a one-target model.
 *                   {@code target} is the one this spec speaks of: the first, or another in a per-target view
 *                   ({@link #forTarget})
 */
public record DataSpec(String target, List<String> features, String timeColumn, MissingValuePolicy missing,
                       ScalerKind scaler, SplitSpec split, int period, int maWindow,
                       Map<String, List<String>> categories, List<String> ignored, List<String> knownFuture,
                       List<String> targets) {

    /** {@code --features all}: every column but the time column and the ignored ones. */
    public static final String ALL = "all";

    public DataSpec {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("--target: name the column to forecast, e.g. --target Passengers");
        }
        targets = targets == null || targets.isEmpty() ? List.of(target) : List.copyOf(targets);
        requireTargets(target, targets);
        features = features == null || features.isEmpty() ? targets : List.copyOf(features);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
        knownFuture = knownFuture == null ? List.of() : List.copyOf(knownFuture);
        requireKnownFutureInputs(target, features, timeColumn, ignored, knownFuture);
        Map<String, List<String>> cats = new LinkedHashMap<>();
        (categories == null ? Map.<String, List<String>>of() : categories).forEach((k, v) -> cats.put(k, List.copyOf(v)));
        categories = Collections.unmodifiableMap(cats);
        for (String t : targets) {
            if (knownFuture.contains(t)) {
                throw new IllegalArgumentException("--known-future \"" + t + "\" is a target; a known-future column "
                        + "is an input whose future values are given (a holiday flag, a price plan), never a column "
                        + "forecast");
            }
            if (categories.containsKey(t)) {
                throw new IllegalArgumentException("--target \"" + t + "\" holds text labels; a target must be a "
                        + "numeric column (a text column can be an input feature)");
            }
        }
        if (categories.containsKey(target)) {
            throw new IllegalArgumentException("--target \"" + target + "\" holds text labels; the target must be a "
                    + "numeric column (a text column can be an input feature)");
        }
        for (String f : features) {
            if (ignored.contains(f) && !f.equals(ALL)) {
                throw new IllegalArgumentException("--ignore \"" + f + "\" is also named in --features; a column is "
                        + "either an input or ignored");
            }
        }
        if (ignored.contains(target)) {
            throw new IllegalArgumentException("--ignore names the target \"" + target + "\"");
        }
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

    /** Every input past-only (no known-future inputs), as before {@code --known-future} existed. */
    public DataSpec(String target, List<String> features, String timeColumn, MissingValuePolicy missing,
                    ScalerKind scaler, SplitSpec split, int period, int maWindow,
                    Map<String, List<String>> categories, List<String> ignored) {
        this(target, features, timeColumn, missing, scaler, split, period, maWindow, categories, ignored, List.of());
    }

    /** One target. */
    public DataSpec(String target, List<String> features, String timeColumn, MissingValuePolicy missing,
                    ScalerKind scaler, SplitSpec split, int period, int maWindow,
                    Map<String, List<String>> categories, List<String> ignored, List<String> knownFuture) {
        this(target, features, timeColumn, missing, scaler, split, period, maWindow, categories, ignored, knownFuture,
                List.of(target));
    }

    /** Each target named once, {@code target} among them. */
    private static void requireTargets(String target, List<String> targets) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.indexOf(targets.get(i)) != i) {
                throw new IllegalArgumentException("--target names the column \"" + targets.get(i) + "\" twice");
            }
        }
        if (!targets.contains(target)) {
            throw new IllegalArgumentException("the target \"" + target + "\" is not among the targets " + targets);
        }
    }

    /** M, the columns forecast at once. */
    public int targetCount() {
        return targets.size();
    }

    /** The position of {@code target} among the {@code targets}: which of the M outputs per step this spec reads. */
    public int targetIndex() {
        return targets.indexOf(target);
    }

    /** The same settings speaking of another of the targets (its scaler column, baselines, errors, plots). */
    public DataSpec forTarget(String name) {
        return new DataSpec(name, features, timeColumn, missing, scaler, split, period, maWindow, categories, ignored,
                knownFuture, targets);
    }

    /** A known-future column is named once, is an input, and is neither the target nor the time column. */
    private static void requireKnownFutureInputs(String target, List<String> features, String timeColumn,
                                                 List<String> ignored, List<String> knownFuture) {
        for (int i = 0; i < knownFuture.size(); i++) {
            String k = knownFuture.get(i);
            if (knownFuture.indexOf(k) != i) {
                throw new IllegalArgumentException("--known-future names the column \"" + k + "\" twice");
            }
            if (k.equals(target)) {
                throw new IllegalArgumentException("--known-future \"" + k + "\" is the target; a known-future column "
                        + "is an input whose future values are given (a holiday flag, a price plan), never the "
                        + "column forecast");
            }
            if (k.equals(timeColumn) || ignored.contains(k)) {
                throw new IllegalArgumentException("--known-future \"" + k + "\" is " + (k.equals(timeColumn)
                        ? "the time column, which only labels the rows" : "also named in --ignore"));
            }
            if (!features.contains(k) && !features.contains(ALL)) {
                throw new IllegalArgumentException("--known-future \"" + k + "\" is not among the inputs "
                        + features + "; a known-future column is an input too");
            }
        }
    }

    /** Without categorical features or ignored columns. */
    public DataSpec(String target, List<String> features, String timeColumn, MissingValuePolicy missing,
                    ScalerKind scaler, SplitSpec split, int period, int maWindow) {
        this(target, features, timeColumn, missing, scaler, split, period, maWindow, Map.of(), List.of());
    }

    /**
     * These settings made concrete for a file after a first read that typed its columns: {@code all} becomes
     * every column but the time column and the ignored ones, and each feature that holds text becomes
     * categorical with the file's levels.
     *
     * @throws IllegalArgumentException naming the column when the target holds text, or a text feature has more
     *                                  than {@value CsvProfile#MAX_LEVELS} distinct values
     */
    public DataSpec resolve(CsvProfile profile) {
        List<String> f = new ArrayList<>();
        for (String name : features) {
            if (name.equals(ALL) && profile.column(ALL) == null) {
                for (CsvProfile.Column c : profile.columns()) {
                    if (!c.kind().equals("time") && !ignored.contains(c.name()) && !f.contains(c.name())
                            && (!c.isText() || c.categorical()) && !c.name().equals(timeColumn)) {
                        f.add(c.name());
                    }
                }
            } else if (!f.contains(name)) {
                f.add(name);
            }
        }
        if (!f.contains(target) && features.contains(ALL)) {
            f.add(0, target);
        }
        Map<String, List<String>> cats = new LinkedHashMap<>(categories);
        CsvProfile.Column t = profile.column(target);
        if (t != null && t.isText()) {
            boolean decimalComma = t.example() != null && t.example().trim().matches("-?\\d+,\\d+");
            throw new IllegalArgumentException("--target \"" + target + "\" holds text (e.g. \"" + t.example()
                    + "\"), not numbers" + (decimalComma ? " — it looks like a decimal comma: write numbers with a "
                    + "decimal point (0.5, not 0,5)" : "") + "; " + (profile.numericColumns().isEmpty()
                    ? "the file has no numeric column to forecast"
                    : "forecast a numeric column: " + String.join(", ", profile.numericColumns())));
        }
        for (String name : f) {
            CsvProfile.Column c = profile.column(name);
            if (c != null && c.isText() && !cats.containsKey(name)) {
                if (!c.categorical()) {
                    throw new IllegalArgumentException("feature " + CsvProfile.describe(c) + " has too many "
                            + "distinct values to one-hot encode (at most " + CsvProfile.MAX_LEVELS + "); it looks "
                            + "like an identifier or free text: leave it out or --ignore it");
                }
                cats.put(name, c.levels());
            }
        }
        return new DataSpec(target, f, timeColumn, missing, scaler, split, period, maWindow, cats, ignored,
                knownFuture, targets);
    }

    /** True when {@code features} is still {@code all} (not yet {@link #resolve resolved} against a file). */
    public boolean needsResolving() {
        return features.contains(ALL);
    }

    /**
     * The network's inputs as table columns, in order: a numeric feature is one column, a categorical one a
     * column per level ({@code weather=drizzle}, {@code weather=rain}, …).
     */
    public List<String> inputColumns() {
        List<String> out = new ArrayList<>();
        for (String f : features) {
            List<String> levels = categories.get(f);
            if (levels == null) {
                out.add(f);
            } else {
                levels.forEach(l -> out.add(f + "=" + l));
            }
        }
        return out;
    }

    /**
     * The positions, among {@link #inputColumns()}, of the inputs of the known-future features (every one-hot
     * level of a categorical or calendar one), in increasing order; empty when every input is past-only.
     */
    public int[] knownFutureInputs() {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        for (String f : features) {
            List<String> levels = categories.get(f);
            int width = levels == null ? 1 : levels.size();
            for (int k = 0; k < width; k++, i++) {
                if (knownFuture.contains(f)) {
                    out.add(i);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when some inputs are known over the forecast horizon (the network reads T + H steps). */
    public boolean hasKnownFuture() {
        return !knownFuture.isEmpty();
    }

    /** The known-future features read from the file (not derived from the time column). */
    public List<String> knownFutureColumns() {
        return knownFuture.stream().filter(c -> !CalendarFeatures.isCalendar(c)).toList();
    }

    /** The numeric columns the scaler is fitted on: the numeric features, then the target if not among them. */
    public List<String> scaledColumns() {
        List<String> all = new ArrayList<>();
        for (String c : columns()) {
            if (!categories.containsKey(c)) {
                all.add(c);
            }
        }
        return all;
    }

    /** True when the target is the only input: predictions can be fed back for recursive forecasts. */
    public boolean univariate() {
        return targets.size() == 1 && features.size() == 1 && features.get(0).equals(target);
    }

    /** The columns to read: the features, then each target that is not one of them. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(features);
        for (String t : targets) {
            if (!all.contains(t)) {
                all.add(t);
            }
        }
        return all;
    }

    /** The CSV reader options for these columns (the {@link CalendarFeatures} are derived after reading). */
    public CsvReadOptions readOptions() {
        Map<String, List<String>> read = new LinkedHashMap<>(categories);
        read.keySet().removeIf(CalendarFeatures::isCalendar);
        CsvReadOptions o = CsvReadOptions.defaults()
                .withValueColumns(columns().stream().filter(c -> !CalendarFeatures.isCalendar(c)).toList())
                .withMissingValues(missing).withCategorical(read);
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

    /**
     * Keys: target, features, feature.&lt;i&gt;, time_column, missing, scaler, period, ma_window, split.*,
     * categorical.*, targets, target.&lt;i&gt; when there are several, and known_future, known_future.&lt;i&gt; when
     * there are known-future inputs.
     */
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
        m.put("categorical", Integer.toString(categories.size()));
        int i = 0;
        for (Map.Entry<String, List<String>> e : categories.entrySet()) {
            m.put("categorical." + i + ".column", e.getKey());
            m.put("categorical." + i + ".levels", Integer.toString(e.getValue().size()));
            for (int k = 0; k < e.getValue().size(); k++) {
                m.put("categorical." + i + ".level." + k, e.getValue().get(k));
            }
            i++;
        }
        if (targets.size() > 1) {       // absent in files of one-target models (and older ones)
            m.put("targets", Integer.toString(targets.size()));
            for (int k = 0; k < targets.size(); k++) {
                m.put("target." + k, targets.get(k));
            }
        }
        if (!knownFuture.isEmpty()) {   // absent in files of models without known-future inputs (and older ones)
            m.put("known_future", Integer.toString(knownFuture.size()));
            for (int k = 0; k < knownFuture.size(); k++) {
                m.put("known_future." + k, knownFuture.get(k));
            }
        }
        return m;
    }

    public static DataSpec fromMap(Map<String, String> m) {
        int n = MetadataKeys.integer(m, "features");
        List<String> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            features.add(MetadataKeys.text(m, "feature." + i));
        }
        String time = MetadataKeys.text(m, "time_column");
        Map<String, List<String>> cats = new LinkedHashMap<>();
        int c = m.containsKey("categorical") ? MetadataKeys.integer(m, "categorical") : 0; // absent before categories
        for (int i = 0; i < c; i++) {
            List<String> levels = new ArrayList<>();
            for (int k = 0; k < MetadataKeys.integer(m, "categorical." + i + ".levels"); k++) {
                levels.add(MetadataKeys.text(m, "categorical." + i + ".level." + k));
            }
            cats.put(MetadataKeys.text(m, "categorical." + i + ".column"), levels);
        }
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < (m.containsKey("targets") ? MetadataKeys.integer(m, "targets") : 0); i++) {
            targets.add(MetadataKeys.text(m, "target." + i));
        }
        List<String> known = new ArrayList<>();
        int k = m.containsKey("known_future") ? MetadataKeys.integer(m, "known_future") : 0;
        for (int i = 0; i < k; i++) {
            known.add(MetadataKeys.text(m, "known_future." + i));
        }
        return new DataSpec(MetadataKeys.text(m, "target"), features, time.isEmpty() ? null : time,
                MissingValuePolicy.valueOf(MetadataKeys.text(m, "missing")),
                ScalerKind.valueOf(MetadataKeys.text(m, "scaler")),
                SplitSpec.fromMap(MetadataKeys.withPrefix(m, "split.")),
                MetadataKeys.integer(m, "period"), MetadataKeys.integer(m, "ma_window"), cats, List.of(), known,
                targets);
    }

    /** The same data settings with another split. */
    public DataSpec withSplit(SplitSpec value) {
        return new DataSpec(target, features, timeColumn, missing, scaler, value, period, maWindow, categories, ignored,
                knownFuture, targets);
    }

    /** The same data settings with the time column that was actually used (detected or named). */
    public DataSpec withTimeColumn(String name) {
        return new DataSpec(target, features, name, missing, scaler, split, period, maWindow, categories, ignored,
                knownFuture, targets);
    }
}
