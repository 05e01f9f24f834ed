package dev.gated.spark;

import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.Forecaster;
import dev.gated.forecast.QuantileLevels;
import dev.gated.forecast.ScaledSeries;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a DataFrame with a trained model file: the file's bytes are broadcast once, each executor JVM reads
 * the model once ({@link ExecutorModels#shared}) and all its task threads share it ({@code predict} is
 * thread-safe). Two kinds of file:
 * <pre>
 *   a forecasting model (gated train, the studio, ManySeriesForecast.keepModels()), univariate:
 *       input  array&lt;double&gt;  the latest values of the series in its own units, oldest first (≥ T; the last T are used)
 *       output array&lt;double&gt;  the next H values in the same units (scaled, predicted, unscaled as gated forecast does)
 *   a forecasting model trained with --quantiles τ₁ … τ_Q: its network gives H·Q outputs (step-major, levels
 *   innermost), which are not H values; the scorer reads them as gated forecast does:
 *       output          array&lt;double&gt;  the next H medians (level 0.5), the point forecast
 *       output_q&lt;τ&gt;     array&lt;double&gt;  the next H values of level τ, one column per level (output_q0.1 …)
 *   (the SQL function of {@link #register} returns the medians)
 *   any other single-input model:
 *       input  array&lt;double&gt;  one example flattened row-major, e.g. (T·F) for a (T, F) input
 *       output array&lt;double&gt;  the model's output for it, flattened; rows are predicted 256 at a time
 * </pre>
 * The file is read on the driver first: a missing, truncated or foreign file fails there, with the engine's
 * message naming the file, before any Spark job starts. A null input gives a null output.
 */
public final class BatchScorer implements Serializable {

    /** The metadata key that marks a forecasting model file (see ForecastModel). */
    static final String FORECAST_FORMAT = "forecast.format";
    private static final int CHUNK = 256;

    private final Broadcast<byte[]> file;
    private final String source;
    private final boolean forecast;
    private final int inputSize;
    private final int window;
    private final double[] levels;   // τ₁ … τ_Q of a quantile model, else empty (QuantileLevels is not Serializable)

    private BatchScorer(Broadcast<byte[]> file, String source, boolean forecast, int inputSize, int window,
                        double[] levels) {
        this.file = file;
        this.source = source;
        this.forecast = forecast;
        this.inputSize = inputSize;
        this.window = window;
        this.levels = levels;
    }

    /**
     * Reads and checks {@code modelFile} on the driver, then broadcasts it.
     *
     * @throws IllegalArgumentException naming the file when it is not a usable model file
     */
    public static BatchScorer of(SparkSession spark, Path modelFile) {
        Model model;
        ForecastModel fm = null;
        byte[] bytes;
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("cannot score: " + modelFile + (Files.exists(modelFile)
                    ? " is not a regular file" : " does not exist") + "; give the path of a model file (gated train --out)");
        }
        try {
            bytes = Files.readAllBytes(modelFile);
            model = Model.load(modelFile);
            if (model.metadata().containsKey(FORECAST_FORMAT)) {
                fm = ForecastModel.load(modelFile);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot score: " + e.getMessage(), e);   // the engine names the file
        }
        if (model.inputShapes().size() != 1) {
            throw new IllegalArgumentException(modelFile + " has " + model.inputShapes().size() + " inputs; batch "
                    + "scoring takes a model with one input");
        }
        if (fm != null && !fm.data().univariate()) {
            throw new IllegalArgumentException(modelFile + " forecasts from the features " + fm.data().features()
                    + "; batch scoring takes univariate forecasting models (the target as the only input)");
        }
        int size = 1;
        for (int d : model.inputShapes().get(0)) {
            if (d < 0) {
                throw new IllegalArgumentException(modelFile + " reads sequences of any length; batch scoring takes a "
                        + "model with a fixed input shape");
            }
            size *= d;
        }
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return new BatchScorer(b, modelFile.getFileName().toString(), fm != null, size,
                fm == null ? 0 : fm.hp().window(), fm == null ? new double[0] : fm.hp().quantiles().toArray());
    }

    /** The key of this scorer's model in each executor's {@link ExecutorModels}. */
    public String key() {
        return "score-" + file.id();
    }

    /** True for a forecasting model file (inputs and outputs in the series' units). */
    public boolean forecasting() {
        return forecast;
    }

    /**
     * The columns {@link #score} adds after {@code output} for a quantile model ({@code output_q0.1}, …, one per
     * level, in increasing order); empty for other models.
     */
    public List<String> quantileColumns(String output) {
        return Arrays.stream(levels).mapToObj(t -> output + "_" + QuantileLevels.label(t)).toList();
    }

    /**
     * {@code frame} with a column {@code output} (array&lt;double&gt;) holding the model's output for the
     * array&lt;double&gt; column {@code input}, computed with mapPartitions; for a quantile model, the medians
     * in {@code output} and the {@link #quantileColumns} after it.
     */
    public Dataset<Row> score(Dataset<Row> frame, String input, String output) {
        StructType schema = frame.schema();
        int column = Arrays.asList(schema.fieldNames()).indexOf(input);
        if (column < 0) {
            throw new IllegalArgumentException("there is no column \"" + input + "\" to score; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(input).dataType();
        if (!type.sameType(DataTypes.createArrayType(DataTypes.DoubleType))) {
            throw new IllegalArgumentException("column \"" + input + "\" is " + type.simpleString()
                    + "; scoring reads array<double> (cast it, e.g. col(\"" + input + "\").cast(\"array<double>\"))");
        }
        StructType out = schema.add(output, DataTypes.createArrayType(DataTypes.DoubleType));
        for (String q : quantileColumns(output)) {
            out = out.add(q, DataTypes.createArrayType(DataTypes.DoubleType));
        }
        BatchScorer self = this;
        MapPartitionsFunction<Row, Row> f = rows -> self.scorePartition(rows, column);
        return frame.mapPartitions(f, Encoders.row(out));
    }

    /** Registers the SQL function {@code name(array<double>) → array<double>} (e.g. {@code gated_predict}). */
    public void register(SparkSession spark, String name) {
        BatchScorer self = this;
        UDF1<scala.collection.Seq<?>, double[]> udf = seq -> seq == null ? null
                : self.predict(List.of(toArray(seq))).get(0)[0];
        spark.udf().register(name, udf, DataTypes.createArrayType(DataTypes.DoubleType));
    }

    private Iterator<Row> scorePartition(Iterator<Row> rows, int column) {
        List<Row> out = new ArrayList<>();
        List<Row> chunk = new ArrayList<>();
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == CHUNK || !rows.hasNext()) {
                List<double[]> inputs = new ArrayList<>();
                for (Row r : chunk) {
                    if (!r.isNullAt(column)) {
                        inputs.add(toArray(r.getSeq(column)));
                    }
                }
                Iterator<double[][]> predicted = predict(inputs).iterator();
                int added = 1 + levels.length;
                for (Row r : chunk) {
                    Object[] values = new Object[r.length() + added];
                    for (int i = 0; i < r.length(); i++) {
                        values[i] = r.get(i);
                    }
                    if (!r.isNullAt(column)) {
                        System.arraycopy(predicted.next(), 0, values, r.length(), added);
                    }
                    out.add(RowFactory.create(values));
                }
                chunk.clear();
            }
        }
        return out.iterator();
    }

    /**
     * The outputs of each input, computed with this JVM's copy of the model: the model's output, or for a
     * quantile model the medians then each level's values (1 + Q arrays of H).
     */
    List<double[][]> predict(List<double[]> inputs) {
        if (forecast) {
            ForecastModel fm = ExecutorModels.shared(key(), this::loadForecastModel);
            List<double[][]> out = new ArrayList<>();
            for (double[] in : inputs) {
                out.add(forecastOne(fm, in));
            }
            return out;
        }
        Model model = ExecutorModels.shared(key(), () -> loadModel());
        if (inputs.isEmpty()) {
            return List.of();
        }
        double[] x = new double[inputs.size() * inputSize];
        for (int i = 0; i < inputs.size(); i++) {
            requireLength(inputs.get(i), inputSize, "one flattened example of shape "
                    + Arrays.toString(model.inputShapes().get(0)));
            System.arraycopy(inputs.get(i), 0, x, i * inputSize, inputSize);
        }
        int[] shape = model.inputShapes().get(0);
        int[] batched = new int[shape.length + 1];
        batched[0] = inputs.size();
        System.arraycopy(shape, 0, batched, 1, shape.length);
        Tensor y = model.predict(Tensor.of(x, batched));
        int per = y.size() / inputs.size();
        double[] all = y.toDoubleArray();
        List<double[][]> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(new double[][] {Arrays.copyOfRange(all, i * per, (i + 1) * per)});
        }
        return out;
    }

    /**
     * The model's next H values after {@code values}, through the forecasting pipeline (scale, predict, unscale):
     * the point forecast (the median of a quantile model), then each quantile level's H values.
     */
    private static double[][] forecastOne(ForecastModel fm, double[] values) {
        int t = fm.hp().window();
        if (values.length < t) {
            throw new IllegalArgumentException("a window of " + values.length + " values; the model reads the last "
                    + t + " values of a series (give at least " + t + ")");
        }
        int[] lines = new int[values.length];
        Arrays.setAll(lines, i -> i + 2);
        TimeSeriesTable table = new TimeSeriesTable("a scored window", null, TimeAxis.rowIndex(values.length),
                List.of(fm.data().target()), new double[][] {values}, lines);
        Forecaster.Result r = Forecaster.forecast(fm, ScaledSeries.of(table, fm.data(), fm.scaler()), fm.hp().horizon());
        if (r.quantiles() == null) {
            return new double[][] {r.values()};
        }
        double[][] out = new double[1 + r.quantiles().values().length][];
        out[0] = r.values();
        System.arraycopy(r.quantiles().values(), 0, out, 1, out.length - 1);
        return out;
    }

    private void requireLength(double[] v, int expected, String what) {
        if (v.length != expected) {
            throw new IllegalArgumentException(source + " reads " + what + " (" + expected + " values), but a row holds "
                    + v.length + " values");
        }
    }

    private Model loadModel() {
        try {
            return ModelBytes.load(file.value(), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ForecastModel loadForecastModel() {
        try {
            Path tmp = Files.createTempFile("gated-score-", ".gated");
            try {
                Files.write(tmp, file.value());
                return ForecastModel.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] toArray(scala.collection.Seq<?> seq) {
        double[] v = new double[seq.length()];
        for (int i = 0; i < v.length; i++) {
            Object o = seq.apply(i);
            v[i] = o == null ? Double.NaN : ((Number) o).doubleValue();
        }
        return v;
    }

    /** T of a forecasting model (0 for other models). */
    public int window() {
        return window;
    }
}
