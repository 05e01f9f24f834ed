package dev.gated.studio.export;

import dev.gated.studio.spec.ModelSpec;
import dev.gated.studio.spec.PrepareSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Export panel's text: the {@code gated train} command line and the Java program that do what the studio
 * did for one job, so a user can leave the studio and keep the result reproducible.
 */
public final class Snippets {

    private Snippets() {
    }

    /**
     * {@code ./gated train …} with a flag for every setting the studio used (data, windows, scaler, split, network,
     * optimizer, seed), so the command trains the same model.
     *
     * @param timeColumn the time column the table was read with (null for none)
     */
    public static String command(String file, PrepareSpec p, ModelSpec m, String timeColumn) {
        List<String> a = new ArrayList<>();
        a.add("./gated train --data " + shellQuote(file) + " --target " + shellQuote(p.target()));
        if (!p.univariate()) {
            a.add("--features " + shellQuote(String.join(",", p.features())));
        }
        if (timeColumn != null) {
            a.add("--time " + shellQuote(timeColumn));
        }
        a.add("--model " + m.kind() + " --units " + m.units() + " --layers " + m.layers()
                + (m.dropout() > 0 ? " --dropout " + num(m.dropout()) : ""));
        a.add("--window " + p.window() + " --horizon " + p.horizon() + (p.stride() != 1 ? " --stride " + p.stride() : "")
                + (p.relative() ? " --relative" : ""));
        a.add("--scaler " + p.scaler().toLowerCase(Locale.ROOT) + " --split " + num(p.train()) + "," + num(p.validation())
                + (p.missing().equalsIgnoreCase("error") ? "" : " --missing " + p.missing().toLowerCase(Locale.ROOT)));
        a.add("--epochs " + m.epochs() + " --batch " + m.batch() + " --lr " + num(m.lr()) + " --optimizer " + m.optimizer()
                + " --seed " + m.seed());
        // what the studio does not set (early stopping, learning-rate plateau, validation split) is off, as there
        a.add("--preset keras-tutorial");
        a.add("--out " + m.kind() + ".gated");
        StringBuilder sb = new StringBuilder(String.join(" \\\n    ", a));
        return sb.toString();
    }

    /**
     * A Java program that does exactly what the studio did for one job, on the shared forecasting pipeline that
     * the studio and {@code gated train} both use: the same data settings (text inputs one-hot), split, scaler
     * fitted on the training rows, windows (relative or absolute), network, optimizer and seed. It prints the
     * test RMSE the Results panel shows and saves the model. Arguments: the CSV file, then the model file.
     *
     * @param timeColumn the time column the table was read with (null for none)
     */
    public static String java(String file, PrepareSpec p, ModelSpec m, String timeColumn) {
        String features = p.features().stream().map(Snippets::javaString).reduce((x, y) -> x + ", " + y).orElse("");
        return """
                import dev.gated.forecast.*;
                import dev.gated.layer.recurrent.RecurrentKind;
                import dev.gated.timeseries.csv.MissingValuePolicy;
                import dev.gated.timeseries.scale.ScalerKind;
                import java.nio.file.Path;
                import java.util.List;

                /**
                 * Trains %s as the studio did. From the project root, once ./gated has built cli/target/gated.jar:
                 *   javac -cp cli/target/gated.jar Train.java
                 *   java --add-modules jdk.incubator.vector -cp cli/target/gated.jar:. Train [data.csv [model.gated]]
                 */
                public class Train {
                    public static void main(String[] args) throws Exception {
                        Path data = Path.of(args.length > 0 ? args[0] : %s);
                        Path out = Path.of(args.length > 1 ? args[1] : "%s.gated");
                        DataSpec spec = new DataSpec(%s, List.of(%s), %s,
                                MissingValuePolicy.%s, ScalerKind.%s, new SplitSpec(%s, %s, null, 0), 0, 0);
                        // units, layers, window, horizon, stride, epochs, batch, learning rate, seed,
                        // patience (0 = no early stopping), dropout, clipping (0 = off), relative windows, optimizer
                        HyperParameters hp = new HyperParameters(%d, %d, %d, %d, %d, %d, %d, %s, %dL, 0, %s, 0, %s, "%s");
                        PreparedData prepared = PreparedData.prepare(data, spec, hp); // text inputs become one-hot
                        TrainingRun run = TrainingRun.train(RecurrentKind.parse("%s"), hp, prepared, List.of());
                        double rmse = PartForecast.ofModel(run.model(), prepared.test(), prepared.series()).metrics().rmse();
                        System.out.println("test RMSE " + rmse);
                        ForecastModel.of(run, prepared, data).save(out);
                    }
                }
                """.formatted(m.label(), javaString(file), m.kind(), javaString(p.target()), features,
                timeColumn == null ? "null" : javaString(timeColumn), StudioMissing.constant(p.missing()),
                p.scaler().toUpperCase(Locale.ROOT).startsWith("STANDARD") ? "STANDARD" : "MINMAX",
                num(p.train()), num(p.validation()), m.units(), m.layers(), p.window(), p.horizon(), p.stride(),
                m.epochs(), m.batch(), num(m.lr()), m.seed(), num(m.dropout()), p.relative(), m.optimizer(), m.kind());
    }

    /** {@code ./gated experiment memory …} for one memory-lab job (issue 5's command). */
    public static String memoryCommand(dev.gated.studio.jobs.MemoryLabRun run, ModelSpec m) {
        return "./gated experiment memory --task " + run.task().name() + " --lengths " + run.length()
                + " --models " + m.kind() + " \\\n    --units " + m.units() + " --epochs " + m.epochs() + " --batch "
                + m.batch() + " --lr " + num(m.lr()) + " --examples " + run.examples() + " --test-examples "
                + run.heldOut() + " --seed " + run.seed()
                + "\n# the studio generates its data with its own seeds (train, validation, test), so numbers differ slightly";
    }

    /** A Java program that trains the same network on the same task. */
    public static String memoryJava(dev.gated.studio.jobs.MemoryLabRun run, ModelSpec m) {
        return """
                import dev.gated.experiments.*;
                import dev.gated.layer.recurrent.RecurrentKind;
                import dev.gated.model.*;

                public class Memory {
                    public static void main(String[] args) {
                        MemoryTask task = MemoryTask.of("%s");
                        int length = %d;
                        TaskData train = task.generate(%d, length, %dL);
                        TaskData test = task.generate(%d, length, %dL);
                        Budget budget = new Budget(%d, %d, %d, %d, %d, %s, 1.0, 64);
                        Sequential model = MemoryExperiment.network(task, RecurrentKind.%s, length, %dL, budget);
                        model.fit(train.dataset(), Fit.epochs(budget.epochs()).batchSize(budget.batchSize()));
                        double metric = task.metric(model, test);
                        System.out.println(task.metricName() + " " + metric + " (baseline " + task.baseline(test, length)
                                + ", solved: " + task.solved(metric, length) + ")");
                    }
                }
                """.formatted(run.task().name(), run.length(), run.examples(), run.seed() * 31 + 1, run.heldOut(),
                run.seed() * 31 + 3, m.epochs(), run.examples(), run.heldOut(), m.units(), m.batch(), num(m.lr()),
                m.kind().toUpperCase(Locale.ROOT), m.seed());
    }

    /**
     * {@code ./gated text train …} for one job of the Text tab: the stored file by its absolute path, the same columns,
     * split (stratified, test fraction, seed), vocabulary limits and network, so it prints the job's test accuracy.
     */
    public static String textCommand(dev.gated.studio.text.TextRun run, ModelSpec m) {
        dev.gated.studio.text.TextRun.Settings s = run.settings();
        List<String> a = new ArrayList<>();
        a.add("./gated text train --data " + shellQuote(run.dataset().file().toString())
                + (run.columns().header() ? "" : " --no-header"));
        a.add("--text " + shellQuote(run.textColumn()) + " --label " + shellQuote(run.labelColumn()));
        a.add("--model " + m.kind() + (s.bidirectional() ? " --bidirectional" : "") + " --units " + m.units()
                + " --embedding " + s.embedding());
        a.add("--epochs " + m.epochs() + " --batch " + m.batch() + " --learning-rate " + num(m.lr()) + " --seed " + s.seed());
        a.add("--max-length " + s.maxLength() + " --min-count " + dev.gated.studio.text.TextRun.Settings.MIN_COUNT
                + " --max-words " + dev.gated.studio.text.TextRun.Settings.MAX_WORDS + " --test-fraction "
                + num(s.testFraction()));
        a.add("--out " + m.kind() + "-text.gated");
        return String.join(" \\\n    ", a);
    }

    /** The exact value in the shortest form ({@code 0.01}, {@code 0.6}): what the page sent, not a rounding of it. */
    static String num(double v) {
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9._,/=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The enum constant name of a missing-value policy as the user typed it. */
    private static final class StudioMissing {
        static String constant(String missing) {
            return dev.gated.studio.data.StoredDataset.parseMissing(missing).name();
        }
    }
}
