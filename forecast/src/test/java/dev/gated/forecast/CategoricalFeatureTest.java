package dev.gated.forecast;

import dev.gated.timeseries.testdata.WeatherCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.csv.CsvProfile;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.csv.TimeColumnChoice;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text column is an input like any other: typed by a first read, fed one-hot, saved with its levels. */
class CategoricalFeatureTest {

    @TempDir
    Path dir;

    static DataSpec spec(List<String> features, List<String> ignored) {
        return new DataSpec("temp_max", features, null, MissingValuePolicy.ERROR, ScalerKind.MINMAX,
                SplitSpec.parse("0.6,0.2", null, 0), 0, 0, java.util.Map.of(), ignored);
    }

    @Test
    void aFirstReadTypesEveryColumn() {
        CsvProfile p = TimeSeriesCsvReader.profile(WeatherCsv.text(400).getBytes(StandardCharsets.UTF_8), "w.csv",
                TimeColumnChoice.auto());
        assertEquals("date", p.timeColumn());
        assertEquals(List.of("time", "number", "number", "number", "number", "text", "text"),
                p.columns().stream().map(CsvProfile.Column::kind).toList());
        assertEquals(List.of("drizzle", "fog", "rain", "snow", "sun"), p.column("weather").levels());
        assertTrue(p.column("weather").categorical());
        assertEquals(400, p.column("station").distinct());
        assertTrue(!p.column("station").categorical(), "an identifier is not offered as a category");
    }

    @Test
    void aTextFeatureIsOneHotAndRoundTripsThroughTheModelSettings() throws Exception {
        Path csv = dir.resolve("weather.csv");
        Files.writeString(csv, WeatherCsv.text(400));
        PreparedData p = PreparedData.prepare(csv, spec(List.of("temp_max", "weather"), List.of()), Series.small(1));
        DataSpec resolved = p.series().spec();
        assertEquals(List.of("temp_max", "weather=drizzle", "weather=fog", "weather=rain", "weather=snow", "weather=sun"),
                resolved.inputColumns());
        assertEquals(6, p.features(), "the target and one input per weather level");
        assertEquals(List.of("temp_max"), p.series().scaler().columnNames(), "one-hot inputs are not scaled");
        double[][] f = p.series().features();
        for (int t = 0; t < p.series().rows(); t++) {
            double sum = 0;
            for (int c = 1; c < 6; c++) {
                assertTrue(f[c][t] == 0 || f[c][t] == 1);
                sum += f[c][t];
            }
            assertEquals(1, sum, 0, "exactly one level per day");
        }
        DataSpec back = DataSpec.fromMap(resolved.toMap());
        assertEquals(resolved.categories(), back.categories());
        assertEquals(resolved.inputColumns(), back.inputColumns());
    }

    @Test
    void allTakesEveryColumnButTheIgnoredOnes() throws Exception {
        Path csv = dir.resolve("weather.csv");
        Files.writeString(csv, WeatherCsv.text(400));
        PreparedData p = PreparedData.prepare(csv, spec(List.of("all"), List.of("station", "wind")), Series.small(1));
        assertEquals(List.of("precipitation", "temp_max", "temp_min", "weather"), p.series().spec().features(),
                "file order");
        assertEquals(3 + 5, p.features());
    }

    @Test
    void textTargetsAndIdentifiersAreRefusedWithTheColumnNamed() throws Exception {
        Path csv = dir.resolve("weather.csv");
        Files.writeString(csv, WeatherCsv.text(400));
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () ->
                PreparedData.prepare(csv, spec(List.of("temp_max", "station"), List.of()), Series.small(1)));
        assertTrue(id.getMessage().contains("\"station\"") && id.getMessage().contains("distinct values"), id.getMessage());
        DataSpec textTarget = new DataSpec("weather", null, null, MissingValuePolicy.ERROR, ScalerKind.MINMAX,
                SplitSpec.parse("0.6,0.2", null, 0), 0, 0);
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () ->
                PreparedData.prepare(csv, textTarget, Series.small(1)));
        assertTrue(t.getMessage().contains("holds text") && t.getMessage().contains("temp_max"), t.getMessage());
    }
}
