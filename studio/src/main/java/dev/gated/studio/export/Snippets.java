package dev.gated.studio.export;

import dev.gated.layer.recurrent.RecurrentKind;
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
        a.add("--out " + m.kind() + ".gated");
        StringBuilder sb = new StringBuilder(String.join(" \\\n    ", a));
        return sb.toString();
    }

    /** A self-contained Java program on the core and timeseries API. */
    public static String java(String file, PrepareSpec p, ModelSpec m) {
        String features = p.features().stream().map(Snippets::javaString).reduce((x, y) -> x + ", " + y).orElse("");
        String columns = p.columns().stream().map(Snippets::javaString).reduce((x, y) -> x + ", " + y).orElse("");
        String time = p.time().equalsIgnoreCase("auto") ? ""
                : p.time().equalsIgnoreCase("none") ? "\n                .withoutTimeColumn()"
                : "\n                .withTimeColumn(" + javaString(p.time()) + ")";
        String recurrent = switch (m.kind()) {
            case "rnn" -> "simpleRnn";
            case "gru" -> "gru";
            default -> "lstm";
        };
        StringBuilder layers = new StringBuilder();
        for (int l = 0; l < m.layers(); l++) {
            layers.append("\n                .add(Recurrent.").append(recurrent).append("(").append(m.units()).append(")")
                    .append(l < m.layers() - 1 ? ".returnSequences(true))" : ")");
            if (m.dropout() > 0) {
                layers.append("\n                .add(new Dropout(").append(num(m.dropout())).append("))");
            }
        }
        return """
                import dev.gated.data.Dataset;
                import dev.gated.layer.*;
                import dev.gated.layer.recurrent.Recurrent;
                import dev.gated.loss.Loss;
                import dev.gated.model.*;
                import dev.gated.optim.Optimizer;
                import dev.gated.tensor.Tensor;
                import dev.gated.timeseries.TimeSeriesTable;
                import dev.gated.timeseries.csv.*;
                import dev.gated.timeseries.scale.*;
                import dev.gated.timeseries.split.ChronologicalSplit;
                import dev.gated.timeseries.window.*;
                import java.nio.file.Path;
                import java.util.List;

                %s
                public class Train {
                    public static void main(String[] args) throws Exception {
                        List<String> features = List.of(%s);
                        List<String> columns = List.of(%s);
                        TimeSeriesTable table = TimeSeriesCsvReader.read(Path.of(%s), CsvReadOptions.defaults()%s
                                .withValueColumns(columns)
                                .withMissingValues(MissingValuePolicy.%s));
                        ChronologicalSplit split = ChronologicalSplit.byFractions(table.rowCount(), %s, %s);
                        Scaler scaler = ScalerKind.%s.fit(table.columns(columns), columns, split.train(),
                                ConstantColumnPolicy.REJECT);
                        double[][] inputs = new double[features.size()][];
                        for (int f = 0; f < inputs.length; f++) {
                            inputs[f] = scaler.transform(features.get(f), table.column(features.get(f)));
                        }
                        double[] target = scaler.transform(%s, table.column(%s));
                        WindowSpec shape = WindowSpec.of(%d, %d);
                        Windows train = WindowMaker.make(inputs, target, shape.withStride(%d), split.train(),
                                InputHistory.WITHIN_PART);
                        Windows test = WindowMaker.make(inputs, target, shape, split.test(), InputHistory.FROM_EARLIER_ROWS);

                        Sequential model = Sequential.input(%d, features.size()).seed(%dL)%s
                                .add(new Dense(%d))
                                .compile(Optimizer.parse("%s", %s), Loss.mse());
                        model.fit(dataset(train), Fit.epochs(%d).batchSize(%d));
                        System.out.println(model.summary());

                        float[] predicted = model.predict(dataset(test).x()).toFloatArray();
                        double[] forecast = scaler.inverse(%s, predicted); // original units
                        System.out.println("first test forecast: " + forecast[0]);
                        model.save(Path.of("%s.gated"));
                    }

                    static Dataset dataset(Windows w) {
                        return new Dataset(Tensor.of(w.x(), w.count(), w.window(), w.features()),
                                Tensor.of(w.y(), w.count(), w.horizon()));
                    }
                }
                """.formatted(p.relative()
                        ? "// The studio trained on windows relative to their last value (gated train --relative);\n"
                        + "// this program shows the plain pipeline with absolute windows. The relative form is\n"
                        + "// dev.gated.forecast.PreparedData with Windowing(..., relative = true).\n" : "",
                features, columns, javaString(file), time,
                StudioMissing.constant(p.missing()), num(p.train()), num(p.validation()),
                p.scaler().toUpperCase(Locale.ROOT).startsWith("STANDARD") ? "STANDARD" : "MINMAX",
                javaString(p.target()), javaString(p.target()), p.window(), p.horizon(), p.stride(),
                p.window(), m.seed(), layers, p.horizon(), m.optimizer(), num(m.lr()), m.epochs(), m.batch(),
                javaString(p.target()), m.kind());
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

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", ".0");
        }
        return s;
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
