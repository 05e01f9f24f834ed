package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting, scaling on the training rows only, and windows per part, from a file or from a table. */
class PreparedDataTest {

    @TempDir
    Path dir;

    @Test
    void partsCoverTheirRowsAndTheScalerSeesOnlyTrainingRows() {
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 100), Series.univariate(), Series.small(1));
        assertEquals(60, p.split().train().end());
        assertEquals(80, p.split().validation().end());
        assertEquals(60 - 12, p.train().count(), "training windows lie inside [0, 60)");
        assertEquals(20, p.validation().count(), "every validation row is forecast");
        assertEquals(20, p.test().count(), "every test row is forecast");
        assertEquals("Month", p.series().spec().timeColumn(), "the detected time column is recorded");
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 60; t++) {
            max = Math.max(max, Series.value(t));
        }
        double[] scaledMax = p.series().scale(new double[] {max});
        assertEquals(1.0, scaledMax[0], 1e-9, "min-max fitted on the training rows: their maximum maps to 1");
        assertTrue(p.series().target()[99] > 1, "later rows (higher by the trend) lie above 1");
    }

    @Test
    void strideThinsTrainingAndValidationWindowsButNeverTheTestPart() {
        HyperParameters hp = new HyperParameters(4, 1, 12, 1, 4, 1, 16, 0.01, 7, 0, 0, 0, false);
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 100), Series.univariate(), hp);
        assertEquals(12, p.train().count(), "48 one-step windows in [0, 60), every 4th");
        assertEquals(5, p.validation().count(), "20 validation rows, every 4th");
        assertEquals(20, p.test().count());
    }

    @Test
    void validationSplitHoldsOutTheLastTrainingWindows() {
        DataSpec spec = new DataSpec("Value", null, null, DataSpec.parseMissing("error"), ScalerKind.MINMAX,
                SplitSpec.parse("0.8", null, 0.25), 0, 0);
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 100), spec, Series.small(1));
        assertEquals(68, p.train().count() + p.validation().count());
        assertEquals(17, p.validation().count(), "⌈68 · 0.25⌉");
        assertEquals(p.train().windows().targetStart()[50] + 1, p.validation().windows().targetStart()[0]);
    }

    @Test
    void aTableReadElsewhereIsPreparedTheSameWay() throws Exception {
        Path file = Series.monthly(dir, 100);
        DataSpec spec = Series.univariate();
        TimeSeriesTable table = TimeSeriesCsvReader.read(Files.readAllBytes(file), "upload.csv", spec.readOptions());
        PreparedData fromBytes = PreparedData.prepare(table, spec, new Windowing(12, 2, 1, false), null);
        PreparedData fromFile = PreparedData.prepare(file, spec, Series.small(2));
        assertArrayEquals(fromFile.test().windows().x(), fromBytes.test().windows().x());
        assertArrayEquals(fromFile.test().windows().y(), fromBytes.test().windows().y());
        assertEquals(fromFile.series().scaler().toMap(), fromBytes.series().scaler().toMap());
        assertEquals(List.of("Value"), fromBytes.series().spec().features());
    }

    @Test
    void partsByName() {
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 100), Series.univariate(), Series.small(1));
        assertEquals(p.test(), p.part("test"));
        assertEquals(p.validation(), p.part("validation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.part("holdout")).getMessage()
                .contains("train, validation, test"));
        DataSpec noValidation = new DataSpec("Value", null, null, DataSpec.parseMissing("error"), ScalerKind.MINMAX,
                SplitSpec.parse("0.7", null, 0), 0, 0);
        PreparedData q = PreparedData.prepare(Series.monthly(dir, 100), noValidation, Series.small(1));
        assertNull(q.validation());
        assertThrows(IllegalArgumentException.class, () -> q.part("validation"));
    }

    @Test
    void tooFewRowsForOneWindowNamesTheRowsNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PreparedData.prepare(Series.monthly(dir, 10), Series.univariate(), Series.small(1)));
        assertTrue(e.getMessage().contains("10 data rows") && e.getMessage().contains("12 + 1 = 13"), e.getMessage());
    }
}
