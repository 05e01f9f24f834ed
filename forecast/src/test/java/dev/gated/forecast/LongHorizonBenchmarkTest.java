package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long-horizon pipeline at toy size: same protocol code, 600 rows, input 48, horizon 12. */
class LongHorizonBenchmarkTest {

    @TempDir
    Path dir;

    /** OT(t) = 10·sin(2πt/24) + 0.01·t, hourly. */
    private Path series() throws IOException {
        StringBuilder sb = new StringBuilder("date,OT\n");
        LocalDateTime t0 = LocalDateTime.of(2016, 7, 1, 0, 0);
        for (int t = 0; t < 600; t++) {
            sb.append(t0.plusHours(t).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", 10 * Math.sin(2 * Math.PI * t / 24) + 0.01 * t))
                    .append('\n');
        }
        Path file = dir.resolve("toy.csv");
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void naiveIsScoredOnTheScaledTestPartAndNLinearLearnsTheDailyCycle() throws IOException {
        Path file = series();
        List<LongHorizonBenchmark.Score> rows = LongHorizonBenchmark.run(file, 12, 48, "300,400,600",
                new LongHorizonBenchmark.Budget(30, 1, 8, 4, 5));
        assertEquals(List.of("naive", "nlinear", "lstm", "gru"), rows.stream().map(LongHorizonBenchmark.Score::model)
                .toList());
        // naive by hand: standardise with the training rows' mean and (population) sd, repeat the last input
        double[] v = Files.readAllLines(file).stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
                .toArray();
        double mean = 0;
        for (int t = 0; t < 300; t++) {
            mean += v[t] / 300;
        }
        double var = 0;
        for (int t = 0; t < 300; t++) {
            var += (v[t] - mean) * (v[t] - mean) / 300;
        }
        double sd = Math.sqrt(var);
        double se = 0;
        int n = 0;
        for (int o = 400; o + 12 <= 600; o++) {          // first target row o, last input row o - 1
            for (int k = 0; k < 12; k++) {
                double e = (v[o + k] - v[o - 1]) / sd;
                se += e * e;
                n++;
            }
        }
        assertEquals(se / n, rows.get(0).mse(), 1e-6 * se / n, "naive MSE on the scaled test targets");
        LongHorizonBenchmark.Score nlinear = rows.get(1);
        assertTrue(nlinear.mse() < rows.get(0).mse() / 4, "NLinear " + nlinear + " vs naive " + rows.get(0));
        rows.forEach(r -> assertTrue(Double.isFinite(r.mse()) && Double.isFinite(r.mae()), r.toString()));
    }

    @Test
    void theRecursiveRowsScoreEveryHorizonFromOneOneStepModel() throws IOException {
        Path file = series();
        LongHorizonBenchmark.Budget budget = new LongHorizonBenchmark.Budget(1, 2, 8, 4, 5);
        List<LongHorizonBenchmark.Score> rows = LongHorizonBenchmark.recursive(file,
                dev.gated.layer.recurrent.RecurrentKind.GRU, new int[] {6, 12}, 48, "300,400,600", budget, 1);
        assertEquals(List.of("gru-rec", "gru-rec", "naive-1", "naive-1"),
                rows.stream().map(LongHorizonBenchmark.Score::model).toList());
        assertEquals(List.of(6, 12, 6, 12), rows.stream().map(LongHorizonBenchmark.Score::horizon).toList());
        List<LongHorizonBenchmark.Score> direct = LongHorizonBenchmark.run(file, 12, 48, "300,400,600",
                new LongHorizonBenchmark.Budget(1, 1, 8, 4, 5));
        assertEquals(direct.get(0).mse(), rows.get(3).mse(), 1e-6 * direct.get(0).mse(),
                "naive-1 is the direct rows' naive (inputs kept as floats)");
        List<LongHorizonBenchmark.Score> sparse = LongHorizonBenchmark.recursive(file,
                dev.gated.layer.recurrent.RecurrentKind.GRU, new int[] {12}, 48, "300,400,600", budget, 5);
        assertTrue(Double.isFinite(sparse.get(0).mse()) && sparse.get(1).mse() != rows.get(3).mse(),
                "every 5th window: " + sparse);
        rows.forEach(r -> assertTrue(Double.isFinite(r.mse()) && r.mse() > 0, r.toString()));
        assertEquals(rows.get(0).epochs(), rows.get(1).epochs(), "one model for both horizons");
    }
}
