package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.translate.AdditionProblems;
import dev.gated.translate.AdditionRnn;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated translate addition}: Keras's {@code addition_rnn} example as a sanity anchor — the same data recipe
 * and model ({@link AdditionRnn}); prints the validation accuracy after every epoch and the first epoch reaching
 * the target (Keras: 99 % for three digits, reversed, 50,000 examples, in 100 epochs).
 */
@Command(name = "addition", mixinStandardHelpOptions = true,
        description = "Keras's addition_rnn sanity check: learn to add numbers written as text (\"535+61\" → \"596\") with LSTM(128) → RepeatVector → LSTM(128) → softmax; report validation accuracy per epoch.")
final class TranslateAdditionCommand extends BaseCommand {

    @Option(names = "--digits", defaultValue = "3", description = "Largest operand length in digits (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--reverse", description = "Read the padded question backwards, as Keras's example does by default.")
    boolean reverse;

    @Option(names = "--size", defaultValue = "50000", description = "Distinct problems; the last tenth validates (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--epochs", defaultValue = "100", description = "Most epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--target", defaultValue = "0.99", description = "Stop at the first epoch whose validation character accuracy reaches this (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--units", defaultValue = "128", description = "LSTM units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--batch-size", defaultValue = "32", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate; Keras's default (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Data and weights seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (epochs < 1 || units < 1 || batchSize < 1) {
            throw usage("--epochs, --units and --batch-size must be >= 1");
        }
        if (!(learningRate > 0)) {
            throw usage("--learning-rate must be > 0, got " + learningRate);
        }
        if (!(target > 0 && target <= 1)) {
            throw usage("--target must be a fraction in (0, 1], got " + target);
        }
        AdditionProblems problems = AdditionProblems.generate(size, digits, reverse, seed);
        say(String.format(Locale.ROOT, "%,d problems (%s, e.g. \"%s\" → \"%s\"): %,d train, %,d validation",
                problems.size(), reverse ? "questions reversed" : "questions as written", problems.questions().get(0),
                problems.answers().get(0), problems.validationStart(), problems.size() - problems.validationStart()));
        List<Map<String, Object>> rows = new ArrayList<>();
        long start = System.nanoTime();
        AdditionRnn.Result result = AdditionRnn.train(problems, units, epochs, target, batchSize, learningRate, seed, e -> {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            double minutes = (System.nanoTime() - start) / 6e10;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("loss", e.loss());
            row.put("val_loss", e.validationLoss());
            row.put("val_accuracy", e.characterAccuracy());
            row.put("val_answer_accuracy", e.answerAccuracy());
            row.put("seconds", e.seconds());
            row.put("load_average", load);
            rows.add(row);
            say(String.format(Locale.ROOT, "epoch %3d  loss %.4f  val_loss %.4f  val_accuracy %.4f  answers right %.4f  %.1f s  (%.1f min in all, load %.1f)",
                    e.epoch(), e.loss(), e.validationLoss(), e.characterAccuracy(), e.answerAccuracy(), e.seconds(), minutes, load));
        });
        double minutes = (System.nanoTime() - start) / 6e10;
        String verdict = result.firstReaching() > 0
                ? String.format(Locale.ROOT, "reached %.1f%% validation accuracy at epoch %d (%.1f min)", 100 * target, result.firstReaching(), minutes)
                : String.format(Locale.ROOT, "did not reach %.1f%% validation accuracy in %d epochs (%.1f min)", 100 * target, epochs, minutes);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "translate addition");
            doc.put("digits", digits);
            doc.put("reverse", reverse);
            doc.put("size", size);
            doc.put("params", result.parameters());
            doc.put("target", target);
            doc.put("first_epoch_reaching_target", result.firstReaching() > 0 ? result.firstReaching() : null);
            doc.put("minutes", minutes);
            doc.put("epochs", rows);
            Json.print(io().out(), doc);
        } else {
            say(String.format(Locale.ROOT, "%,d parameters; %s", result.parameters(), verdict));
        }
        return 0;
    }
}
