package dev.gated.cli;

import dev.gated.experiments.Budget;
import dev.gated.experiments.MemoryExperiment;
import dev.gated.experiments.MemoryPlots;
import dev.gated.experiments.MemoryRow;
import dev.gated.experiments.MemoryRun;
import dev.gated.experiments.MemoryTable;
import dev.gated.experiments.MemoryTask;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.cli.output.Json;
import dev.gated.model.EpochRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gated experiment memory}: RNN, LSTM and GRU on the long-term memory tasks (adding, copy, first symbol)
 * at several lengths under one budget — the table of who remembers, with the gradient flow and the gates drawn.
 * See docs/memory.md.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments that measure what recurrent networks remember.",
        subcommands = {ExperimentCommand.Memory.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error. Docs: docs/memory.md"})
public final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(Failures.PREFIX + "missing experiment (memory); see 'gated experiment --help'");
        return CommandLine.ExitCode.USAGE;
    }

    /** The memory experiment. */
    @Command(name = "memory", mixinStandardHelpOptions = true, defaultValueProvider = BudgetDefaults.class,
            description = {"Train RNN, LSTM and GRU on a long-term memory task at each length under the same budget; "
                    + "print test metric, the memoryless baseline, solved yes/no and training time.",
                    "Tasks: adding (MSE; baseline: always 1, ~0.167; solved: MSE < 0.00167), "
                            + "copy (cross-entropy; baseline 10 ln 8/(T+20); solved: <= baseline/10), "
                            + "first-symbol (accuracy; baseline ~1/8; solved: >= 0.95)."},
            footer = {"", "Example: gated experiment memory --task adding --lengths 10,50,100,200 --models rnn,lstm,gru "
                    + "--seed 1 --plot plots/", "Exit codes: 0 ok, 1 failure, 2 usage error. Docs: docs/memory.md"})
    static final class Memory extends BaseCommand {

        @Option(names = "--task", defaultValue = "adding", paramLabel = "TASK",
                description = "adding, copy or first-symbol (default: ${DEFAULT-VALUE}).")
        String task;

        @Option(names = "--lengths", split = ",", defaultValue = "10,50,100,200", paramLabel = "T",
                description = "Lags T, comma-separated (default: ${DEFAULT-VALUE}). Sequences have T steps (adding), "
                        + "T+20 (copy) or T+1 (first-symbol).")
        List<Integer> lengths;

        @Option(names = "--models", split = ",", defaultValue = "rnn,lstm,gru", paramLabel = "MODEL",
                description = "Any of rnn, lstm, gru, comma-separated (default: ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
                description = "Seed of the examples, weights and shuffling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--epochs", paramLabel = "N", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--examples", paramLabel = "N",
                description = "Training examples per length (default: ${DEFAULT-VALUE}).")
        int examples;

        @Option(names = "--test-examples", paramLabel = "N",
                description = "Test examples per length (default: ${DEFAULT-VALUE}).")
        int testExamples;

        @Option(names = "--units", paramLabel = "N", description = "Hidden units (default: ${DEFAULT-VALUE}).")
        int units;

        @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--clip", paramLabel = "NORM",
                description = "Clip gradients by global norm; 0 = off (default: ${DEFAULT-VALUE}).")
        double clip;

        @Option(names = "--plot", paramLabel = "DIR",
                description = "Write PNG plots (gradient flow vs lag, gate heatmaps, state traces) and the gradient "
                        + "norms as CSV into this folder.")
        Path plot;

        /** The --json document. */
        record Report(String task, long seed, Budget budget, String solvedRule, List<MemoryRow> rows,
                      List<String> plots) {
        }

        @Override
        public Integer call() throws IOException {
            MemoryExperiment.Config config = config();
            PrintStream status = json ? io().err() : io().out();
            boolean live = io().interactive();
            List<MemoryRun> runs = MemoryExperiment.run(config, new MemoryExperiment.Listener() {
                @Override
                public void started(RecurrentKind model, int length, int index, int total) {
                    if (live) {
                        status.printf(Locale.ROOT, "[%d/%d] %s, T = %d ...%n", index + 1, total, model.label(), length);
                    }
                }

                @Override
                public void epoch(RecurrentKind model, int length, EpochRecord record, int epochs) {
                    if (live) {
                        status.printf(Locale.ROOT, "    epoch %d/%d  loss %.5f  %.1fs%n", record.epoch() + 1, epochs,
                                record.loss(), record.seconds());
                    }
                }
            });
            List<MemoryRow> rows = new ArrayList<>();
            for (MemoryRun run : runs) {
                rows.add(run.row());
            }
            List<String> plots = new ArrayList<>();
            if (plot != null) {
                for (Path p : MemoryPlots.write(runs, plot)) {
                    plots.add(p.toString());
                }
            }
            if (json) {
                Json.print(io().out(), new Report(config.task().name(), seed, config.budget(),
                        config.task().solvedRule(), rows, plots));
            } else {
                say(MemoryTable.render(rows).stripTrailing());
                say("");
                say("budget: " + config.budget().describe() + "; seed " + seed);
                say("solved: " + config.task().solvedRule());
                if (!plots.isEmpty()) {
                    say("plots: " + plots.size() + " files in " + plot);
                }
            }
            return CommandLine.ExitCode.OK;
        }

        /** The validated configuration; a bad option is a usage error naming it. */
        private MemoryExperiment.Config config() {
            MemoryTask memoryTask = parse("--task", () -> MemoryTask.of(task));
            Budget budget = parse("", () -> new Budget(epochs, examples, testExamples, units, batch, learningRate,
                    clip, Budget.defaults().probeExamples()));
            for (int length : lengths) {
                parse("--lengths", () -> memoryTask.generate(1, length, 0));
            }
            List<RecurrentKind> kinds = new ArrayList<>();
            for (String m : models) {
                kinds.add(parse("--models", () -> RecurrentKind.parse(m)));
            }
            return new MemoryExperiment.Config(memoryTask, lengths, kinds, seed, budget, plot != null);
        }

        /** Runs {@code step}; its IllegalArgumentException becomes a usage error prefixed by the option's name. */
        private <T> T parse(String option, java.util.function.Supplier<T> step) {
            try {
                return step.get();
            } catch (IllegalArgumentException e) {
                throw usage((option.isEmpty() ? "" : option + ": ") + e.getMessage());
            }
        }
    }

    /** The budget options' defaults come from {@link Budget#defaults()}: declared once, shown in --help. */
    static final class BudgetDefaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
            if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            Budget d = Budget.defaults();
            return switch (option.longestName()) {
                case "--epochs" -> Integer.toString(d.epochs());
                case "--examples" -> Integer.toString(d.trainExamples());
                case "--test-examples" -> Integer.toString(d.testExamples());
                case "--units" -> Integer.toString(d.units());
                case "--batch" -> Integer.toString(d.batchSize());
                case "--lr" -> Double.toString(d.learningRate());
                case "--clip" -> Double.toString(d.clipNorm());
                default -> null;
            };
        }
    }
}
