package dev.gated.spark;

import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.ResultRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The results table of many-series fitting: one row per (series, setting, model or baseline), the columns of
 * {@code gated compare --json} (see {@link ResultRow}) plus:
 * <pre>
 *   series_id                the series
 *   units, window, learning_rate   the setting (a grid varies them; baselines carry their row's setting)
 *   best_baseline_test_rmse  on a network's row: the lowest test RMSE of the baselines on the same windows
 *   warnings                 e.g. "seasonal_naive left out: …", or null
 *   error                    why this series (model = null) or this network produced no scores, or null
 *   model_file               the trained model file's bytes (when asked for), or null
 *   layers, dropout          the rest of the setting (a search of {@code TuneSearch.Space} varies them too)
 * </pre>
 */
public final class ResultColumns {

    public static final StructType SCHEMA = new StructType()
            .add("series_id", DataTypes.StringType)
            .add("model", DataTypes.StringType)
            .add("units", DataTypes.IntegerType)
            .add("window", DataTypes.IntegerType)
            .add("learning_rate", DataTypes.DoubleType)
            .add("detail", DataTypes.StringType)
            .add("params", DataTypes.LongType)
            .add("train_seconds", DataTypes.DoubleType)
            .add("epochs", DataTypes.IntegerType)
            .add("val_rmse", DataTypes.DoubleType)
            .add("test_rmse", DataTypes.DoubleType)
            .add("test_mae", DataTypes.DoubleType)
            .add("test_mse", DataTypes.DoubleType)
            .add("test_mape", DataTypes.DoubleType)
            .add("test_smape", DataTypes.DoubleType)
            .add("test_r2", DataTypes.DoubleType)
            .add("test_mse_scaled", DataTypes.DoubleType)
            .add("test_mae_scaled", DataTypes.DoubleType)
            .add("best", DataTypes.BooleanType)
            .add("best_baseline_test_rmse", DataTypes.DoubleType)
            .add("warnings", DataTypes.StringType)
            .add("error", DataTypes.StringType)
            .add("model_file", DataTypes.BinaryType)
            .add("layers", DataTypes.IntegerType)
            .add("dropout", DataTypes.DoubleType);

    /** The forecasts table: one row per (series, setting, network, step past the end). */
    public static final StructType FORECASTS = new StructType()
            .add("series_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("units", DataTypes.IntegerType)
            .add("window", DataTypes.IntegerType)
            .add("learning_rate", DataTypes.DoubleType)
            .add("step", DataTypes.IntegerType, false)
            .add("time", DataTypes.StringType)
            .add("forecast", DataTypes.DoubleType)
            .add("method", DataTypes.StringType)
            .add("layers", DataTypes.IntegerType)
            .add("dropout", DataTypes.DoubleType);

    private ResultColumns() {
    }

    /** A scored row; {@code bestBaseline} and {@code modelFile} may be null. */
    public static Row scored(String id, HyperParameters hp, ResultRow r, Double bestBaseline, String warnings,
                             byte[] modelFile) {
        return RowFactory.create(id, r.model(), hp.units(), hp.window(), hp.learningRate(), r.detail(), r.params(),
                r.trainSeconds(), r.epochs(), r.valRmse(), r.testRmse(), r.testMae(), r.testMse(), r.testMape(),
                r.testSmape(), r.testR2(), r.testMseScaled(), r.testMaeScaled(), r.best(), bestBaseline, warnings,
                null, modelFile, hp.layers(), hp.dropout());
    }

    /** A row saying why a series ({@code model} null) or one network on it has no scores. */
    public static Row failed(String id, String model, HyperParameters hp, String error) {
        return RowFactory.create(id, model, hp == null ? null : hp.units(), hp == null ? null : hp.window(),
                hp == null ? null : hp.learningRate(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, error, null, hp == null ? null : hp.layers(),
                hp == null ? null : hp.dropout());
    }

    /** One forecast value. */
    public static Row forecast(String id, String model, HyperParameters hp, int step, String time, double value,
                               String method) {
        return RowFactory.create(id, model, hp.units(), hp.window(), hp.learningRate(), step, time, value, method,
                hp.layers(), hp.dropout());
    }
}
