package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.io.ModelFileException;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.optim.RmsProp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained model and its forecasting settings survive the model file, whoever chose the settings. */
class ForecastModelTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsPrepareNewDataAsTrainingDid() throws Exception {
        Path csv = Series.monthly(dir, 100);
        PreparedData data = PreparedData.prepare(csv, Series.univariate(), Series.small(2));
        TrainingRun run = TrainingRun.train(RecurrentKind.GRU, Series.small(2), data, List.of());
        assertEquals(2, run.epochs());
        Path file = dir.resolve("m.gated");
        ForecastModel.of(run, data, csv).save(file);

        ForecastModel back = ForecastModel.load(file);
        assertEquals(RecurrentKind.GRU, back.kind());
        assertEquals(Series.small(2), back.hp());
        assertEquals("monthly.csv", back.dataFile());
        assertEquals("Month", back.data().timeColumn());
        assertEquals(data.series().scaler().toMap(), back.scaler().toMap());
        assertFalse(back.network().metadata().containsKey("hp.optimizer"), "Adam models keep the keys they had");
        PreparedData again = back.prepare(csv);
        float[] before = run.model().predict(data.test().inputs()).toFloatArray();
        float[] after = back.network().predict(again.test().inputs()).toFloatArray();
        assertArrayEquals(before, after, "the same test windows, scaled with the saved scaler, give the same output");

        Forecaster.Result next = Forecaster.forecast(back, again.series(), 5);
        assertEquals("recursive", next.method());
        assertEquals(5, next.values().length);
        assertEquals("direct", Forecaster.forecast(back, again.series(), 2).method());
    }

    @Test
    void anotherOptimizerIsBuiltAndSaved() throws Exception {
        HyperParameters adam = Series.small(1);
        assertTrue(Networks.build(RecurrentKind.LSTM, adam, 1).optimizer() instanceof Adam);
        HyperParameters rms = new HyperParameters(4, 2, 12, 1, 1, 1, 16, 0.01, 7, 0, 0.1, 0, false, "rmsprop");
        Sequential net = Networks.build(RecurrentKind.LSTM, rms, 1);
        assertTrue(net.optimizer() instanceof RmsProp);
        assertEquals("rmsprop", rms.toMap().get("optimizer"));
        assertEquals(rms, HyperParameters.fromMap(rms.toMap()));
        assertTrue(rms.describe().endsWith("optimizer rmsprop"), rms.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HyperParameters(4, 1, 12, 1, 1, 1, 16, 0.01, 7, 0, 0, 0, false, "lbfgs"));
        assertTrue(e.getMessage().contains("adam, adamw, rmsprop, sgd"), e.getMessage());
    }

    @Test
    void filesWithoutForecastingSettingsAreRefusedSayingWhy() throws Exception {
        Sequential plain = Networks.build(RecurrentKind.RNN, Series.small(1), 1);
        Path file = dir.resolve("plain.gated");
        plain.save(file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ForecastModel.load(file));
        assertTrue(e.getMessage().contains("not written by `gated train`"), e.getMessage());

        plain.metadata().put("studio.target", "Value");
        Path old = dir.resolve("old-studio.gated");
        plain.save(old);
        ModelFileException studio = assertThrows(ModelFileException.class, () -> ForecastModel.load(old));
        assertTrue(studio.getMessage().contains("earlier version of the studio"), studio.getMessage());
    }
}
