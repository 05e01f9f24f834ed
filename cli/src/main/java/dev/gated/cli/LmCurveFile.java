package dev.gated.cli;

import dev.gated.text.lm.BudgetClock;
import dev.gated.text.lm.StatefulTraining.Evaluation;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The validation curve of one {@code gated lm train} run as CSV, one row per validation, with the machine's
 * 1-minute load average at that moment (timings mean little without it on a shared machine):
 * <pre>
 *   model,clock,step,epoch,seconds,wall_seconds,cpu_seconds,train_loss,val_loss,lr,load_average,val_loss_per_token
 * </pre>
 * {@code val_loss} is per character of the text (total nats ÷ characters), so that runs with a subword vocabulary
 * compare with character-level ones; {@code val_loss_per_token} and {@code train_loss} are per token.
 * {@code seconds} is on the run's budget clock (wall or cpu), which {@code clock} names.
 * {@code gated lm curve} draws such files.
 */
final class LmCurveFile {

    static final String[] HEADER = {"model", "clock", "step", "epoch", "seconds", "wall_seconds", "cpu_seconds", "train_loss",
            "val_loss", "lr", "load_average", "val_loss_per_token"};

    private final String model;
    private final BudgetClock clock;
    private final List<Object[]> rows = new ArrayList<>();

    LmCurveFile(String model, BudgetClock clock) {
        this.model = model;
        this.clock = clock;
    }

    void add(Evaluation e) {
        rows.add(new Object[] {model, clock.id(), e.step(), fixed(e.epoch()), fixed(e.seconds()), fixed(e.wallSeconds()),
                fixed(e.cpuSeconds()), fixed(e.trainLoss()),
                fixed(e.validationLossPerCharacter()), e.learningRate(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                fixed(e.validationLoss())});
    }

    void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
            for (Object[] row : rows) {
                csv.printRecord(row);
            }
        }
    }

    /** "1.02 1.52 2.91" (1, 5 and 15 minutes) from /proc/loadavg, else the JVM's 1-minute figure. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min; "
                    + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min; %d cores)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
