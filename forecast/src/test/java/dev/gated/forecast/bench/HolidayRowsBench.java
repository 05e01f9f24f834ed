package dev.gated.forecast.bench;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.PartForecast;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.SplitSpec;
import dev.gated.forecast.TrainingRun;
import dev.gated.forecast.CalendarFeatures;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The test errors of {@code forecast/bench/known-future.sh}'s "past" and "known" GRUs split into holiday and
 * other target rows: where the known future holiday should matter is the 7 holidays of the test part.
 * Settings: those {@code gated compare} chose automatically for the file (printed by the script's JSON): GRU(50),
 * window 14, batch 8, lr 0.001, patience 10, lr-plateau 5, at most 171 epochs, relative windows, val-split 0.2.
 * Usage: java -cp gated.jar:test-classes dev.gated.forecast.bench.HolidayRowsBench bike-day.csv HORIZON SEED…
 */
public final class HolidayRowsBench {

    private HolidayRowsBench() {
    }

    public static void main(String[] args) {
        Path csv = Path.of(args[0]);
        int horizon = Integer.parseInt(args[1]);
        System.out.println("variant\thorizon\tseed\ttest_rmse\tholiday_rmse\tother_rmse\tholiday_targets");
        for (int a = 2; a < args.length; a++) {
            long seed = Long.parseLong(args[a]);
            for (boolean known : new boolean[] {false, true}) {
                // the inputs in the order the command line gives them for the script's two command lines
                DataSpec spec = new DataSpec("registered", known ? List.of("registered", "@weekday", "holiday")
                        : List.of("registered", "holiday", "@weekday"), null,
                        MissingValuePolicy.ERROR, ScalerKind.MINMAX, SplitSpec.parse("0.67", null, 0.2), 0, 0,
                        CalendarFeatures.of(List.of("weekday")), List.of(),
                        known ? List.of("holiday", "@weekday") : List.of());
                HyperParameters hp = new HyperParameters(50, 1, 14, horizon, 1, 171, 8, 0.001, seed, 10, 0, 0, true,
                        "adam", 5);
                PreparedData d = PreparedData.prepare(csv, spec, hp);
                TrainingRun run = TrainingRun.train(RecurrentKind.GRU, hp, d, List.of());
                PartForecast f = PartForecast.ofModel(run.model(), d.test(), d.series());
                double[] holiday = d.series().table().column("holiday");
                double sh = 0;
                double so = 0;
                int nh = 0;
                int no = 0;
                for (int i = 0; i < f.rows().length; i++) {
                    double e = f.predicted()[i] - f.actual()[i];
                    if (holiday[f.rows()[i]] == 1) {
                        sh += e * e;
                        nh++;
                    } else {
                        so += e * e;
                        no++;
                    }
                }
                System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%d%n", known ? "known" : "past", horizon,
                        seed, f.metrics().rmse(), Math.sqrt(sh / nh), Math.sqrt(so / no), nh);
            }
        }
    }
}
