package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.io.ModelFileException;
import dev.gated.model.Sequential;
import dev.gated.timeseries.scale.Scaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained network together with everything needed to use it on a CSV file again, kept in the model file's
 * metadata:
 * <pre>
 *   forecast.format = 1          marks a model written by gated train or exported from the studio
 *   model           lstm | gru | rnn
 *   hp.*            {@link HyperParameters#toMap()}   (window, horizon, …)
 *   data.*          {@link DataSpec#toMap()}          (target, features, time column, split, …)
 *   scaler.*        {@link Scaler#toMap()}            (fitted on the training rows)
 *   data_file       the CSV file name it was trained on
 *   train.seconds, train.epochs, train.best_epoch
 * </pre>
 * Whoever wrote the file, {@code gated evaluate} and {@code gated forecast} prepare new data with these settings.
 */
public record ForecastModel(Sequential network, RecurrentKind kind, HyperParameters hp, DataSpec data, Scaler scaler,
                            String dataFile, double trainSeconds, int bestEpoch) {

    static final String FORMAT_KEY = "forecast.format";
    /** A key of the studio's exports before they carried the forecasting settings. */
    private static final String OLD_STUDIO_KEY = "studio.target";

    /** The model of a training run on prepared data. */
    public static ForecastModel of(TrainingRun run, PreparedData data, Path dataFile) {
        return new ForecastModel(run.model(), run.kind(), run.hp(), data.series().spec(), data.series().scaler(),
                dataFile.getFileName().toString(), run.seconds(), run.bestEpoch());
    }

    /** Writes the network with the forecasting settings in its metadata (atomically). */
    public void save(Path file) throws IOException {
        Map<String, String> m = network.metadata();
        m.put(FORMAT_KEY, "1");
        m.put("model", kind.id());
        MetadataKeys.putAll(m, "hp.", hp.toMap());
        MetadataKeys.putAll(m, "data.", data.toMap());
        MetadataKeys.putAll(m, "scaler.", scaler.toMap());
        m.put("data_file", dataFile);
        m.put("train.seconds", Double.toString(trainSeconds));
        m.put("train.epochs", Integer.toString(network.epochsCompleted()));
        m.put("train.best_epoch", Integer.toString(bestEpoch));
        network.save(file);
    }

    /**
     * Loads a model written by {@link #save}.
     *
     * @throws ModelFileException if the file is not a model file, or one without forecasting settings (an earlier
     *                            studio's export, a model built in Java)
     */
    public static ForecastModel load(Path file) throws IOException {
        Sequential network = Sequential.load(file);
        Map<String, String> m = network.metadata();
        if (!m.containsKey(FORMAT_KEY) && m.containsKey(OLD_STUDIO_KEY)) {
            throw new ModelFileException(file, "was exported by an earlier version of the studio, which did not save "
                    + "the split, time column and missing-value policy; export the model again from this version");
        }
        if (!m.containsKey(FORMAT_KEY)) {
            throw new ModelFileException(file, "is a Gated model but has no forecasting settings (target, window, "
                    + "scaler); it was not written by `gated train` or exported from the studio, so evaluate and "
                    + "forecast cannot use it");
        }
        try {
            return new ForecastModel(network, RecurrentKind.parse(MetadataKeys.text(m, "model")),
                    HyperParameters.fromMap(MetadataKeys.withPrefix(m, "hp.")),
                    DataSpec.fromMap(MetadataKeys.withPrefix(m, "data.")),
                    Scaler.fromMap(MetadataKeys.withPrefix(m, "scaler.")),
                    m.getOrDefault("data_file", ""), MetadataKeys.number(m, "train.seconds"),
                    MetadataKeys.integer(m, "train.best_epoch"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "has unreadable forecasting settings: " + e.getMessage(), e);
        }
    }

    /** Prepares a CSV file as this model was trained: same columns, split and saved scaler. */
    public PreparedData prepare(Path csv) {
        return PreparedData.prepare(csv, data, hp, scaler);
    }
}
