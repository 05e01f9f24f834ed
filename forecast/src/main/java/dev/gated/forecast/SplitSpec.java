package dev.gated.forecast;

import dev.gated.timeseries.split.ChronologicalSplit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How rows are split into train / validation / test, in time order, before the split is applied to a file:
 * <pre>
 *   fractions  train = [0, ⌊n·t⌋), validation = [⌊n·t⌋, ⌊n·(t+v)⌋), test = the rest      (--split t[,v])
 *   rows       train = [0, a), validation = [a, b), test = [b, c); rows from c on unused (--split-rows a,b,c)
 * </pre>
 * plus {@code validationSplit}: the fraction of the training windows (the last ones, before shuffling) held out
 * for validation when the split itself has no validation part, as Keras's {@code validation_split}.
 *
 * @param trainFraction      t, used when {@code rows} is null
 * @param validationFraction v, used when {@code rows} is null
 * @param rows               {a, b, c} or null
 * @param validationSplit    fraction of training windows held out, in [0, 1)
 */
public record SplitSpec(double trainFraction, double validationFraction, int[] rows, double validationSplit) {

    public SplitSpec {
        if (rows == null && (!(trainFraction > 0 && trainFraction < 1) || validationFraction < 0
                || trainFraction + validationFraction >= 1)) {
            throw new IllegalArgumentException("--split: expected TRAIN[,VALIDATION] fractions with 0 < TRAIN, "
                    + "0 <= VALIDATION and TRAIN + VALIDATION < 1 (the rest is the test part), got " + trainFraction
                    + (validationFraction > 0 ? "," + validationFraction : ""));
        }
        if (rows != null && (rows.length != 3 || rows[0] < 1 || rows[1] < rows[0] || rows[2] <= rows[1])) {
            throw new IllegalArgumentException("--split-rows: expected TRAIN_END,VALIDATION_END,TEST_END with "
                    + "1 <= TRAIN_END <= VALIDATION_END < TEST_END (e.g. 8640,11520,14400), got "
                    + java.util.Arrays.stream(rows).mapToObj(Integer::toString)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("--val-split: expected a fraction in [0, 1), got " + validationSplit);
        }
        if (validationSplit > 0 && (rows != null ? rows[1] > rows[0] : validationFraction > 0)) {
            throw new IllegalArgumentException("--val-split holds out training windows for validation, but the split "
                    + "already has a validation part; use one or the other");
        }
        rows = rows == null ? null : rows.clone();
    }

    /** The same split with {@code validationSplit} held out of the training windows. */
    public SplitSpec withValidationSplit(double value) {
        return new SplitSpec(trainFraction, validationFraction, rows, value);
    }

    /** Parses {@code --split "0.67"} / {@code "0.6,0.2"} or, when given, {@code --split-rows "8640,11520,14400"}. */
    public static SplitSpec parse(String split, String splitRows, double validationSplit) {
        if (splitRows != null) {
            String[] parts = splitRows.split(",");
            int[] rows = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                rows[i] = parseInt(parts[i], "--split-rows", splitRows);
            }
            return new SplitSpec(0, 0, rows, validationSplit);
        }
        String[] parts = split.split(",");
        if (parts.length > 2) {
            throw new IllegalArgumentException("--split: expected TRAIN or TRAIN,VALIDATION fractions, got \"" + split + "\"");
        }
        double train = parseDouble(parts[0], split);
        double val = parts.length == 2 ? parseDouble(parts[1], split) : 0;
        return new SplitSpec(train, val, null, validationSplit);
    }

    private static int parseInt(String s, String option, String whole) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": \"" + s.trim() + "\" in \"" + whole + "\" is not a row number");
        }
    }

    private static double parseDouble(String s, String whole) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--split: \"" + s.trim() + "\" in \"" + whole
                    + "\" is not a fraction (e.g. 0.67 or 0.6,0.2)");
        }
    }

    /** The split of a series of {@code n} rows; fails naming the rows when the series is too short. */
    public ChronologicalSplit apply(int n, String source) {
        ChronologicalSplit split;
        if (rows != null) {
            if (rows[2] > n) {
                throw new IllegalArgumentException(source + " has " + n + " rows but --split-rows " + describe()
                        + " needs " + rows[2]);
            }
            split = ChronologicalSplit.byRows(rows[0], rows[1], rows[2]);
        } else {
            split = ChronologicalSplit.byFractions(n, trainFraction, validationFraction);
        }
        if (split.test().isEmpty()) {
            throw new IllegalArgumentException(source + ": the split " + describe() + " of " + n
                    + " rows leaves no test rows; use a smaller training fraction or more data");
        }
        return split;
    }

    /** The split as the user wrote it: {@code 0.67}, {@code 0.6,0.2} or {@code rows 8640,11520,14400}. */
    public String describe() {
        if (rows != null) {
            return "rows " + rows[0] + "," + rows[1] + "," + rows[2];
        }
        return fmt(trainFraction) + (validationFraction > 0 ? "," + fmt(validationFraction) : "");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** Keys: kind (fractions|rows), train, validation, rows, validation_split. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", rows == null ? "fractions" : "rows");
        if (rows == null) {
            m.put("train", Double.toString(trainFraction));
            m.put("validation", Double.toString(validationFraction));
        } else {
            m.put("rows", rows[0] + "," + rows[1] + "," + rows[2]);
        }
        m.put("validation_split", Double.toString(validationSplit));
        return m;
    }

    public static SplitSpec fromMap(Map<String, String> m) {
        double vs = MetadataKeys.number(m, "validation_split");
        if ("rows".equals(MetadataKeys.text(m, "kind"))) {
            return parse("0.5", MetadataKeys.text(m, "rows"), vs);
        }
        return new SplitSpec(MetadataKeys.number(m, "train"), MetadataKeys.number(m, "validation"), null, vs);
    }
}
