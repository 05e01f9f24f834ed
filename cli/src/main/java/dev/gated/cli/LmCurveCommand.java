package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.cli.output.LmPlots;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gated lm curve}: reads the {@code --curve} CSV files of {@code gated lm train} runs and reports, per model,
 * the best validation loss reached within each time mark (the model a run would have kept had it stopped there),
 * and draws validation loss against minutes with reference lines.
 */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Validation loss against wall-clock time for several gated lm train runs: a table at time marks and a PNG.",
        "Example: gated lm curve lstm.csv gru.csv --at 1,3,10 --reference 'nanoGPT CPU Transformer, ~3 min=1.88' --plot curve.png"})
final class LmCurveCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "CSV", description = "Curve files written by gated lm train --curve.")
    List<Path> files;

    @Option(names = "--at", defaultValue = "1,3,10", split = ",", description = "Time marks in minutes (default: ${DEFAULT-VALUE}).")
    List<Double> at;

    @Option(names = "--reference", paramLabel = "NAME=LOSS", description = "A dashed horizontal line, e.g. 'goal=1.60'; repeatable.")
    List<String> references = new ArrayList<>();

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the curves here.")
    Path plot;

    @Option(names = "--table", paramLabel = "CSV", description = "Write the table (model, clock, minutes, seconds, val_loss, run_seconds) here.")
    Path table;

    /** One model's validations in time order. */
    private record Run(String model, String clock, List<Double> seconds, List<Double> loss) {
    }

    @Override
    public Integer call() throws IOException {
        List<LmPlots.Reference> refs = new ArrayList<>();
        for (String r : references) {
            int eq = r.lastIndexOf('=');
            try {
                refs.add(new LmPlots.Reference(r.substring(0, eq).trim(), Double.parseDouble(r.substring(eq + 1).trim())));
            } catch (RuntimeException e) {
                throw usage("--reference must be NAME=LOSS (e.g. 'goal=1.60') but is '" + r + "'");
            }
        }
        List<Run> runs = new ArrayList<>();
        for (Path f : files) {
            FileGuard.input(f, "curve file");
            runs.addAll(read(f));
        }
        FileGuard.output(plot, "--plot", files.toArray(Path[]::new));
        FileGuard.output(table, "--table", files.toArray(Path[]::new));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run run : runs) {
            for (double minutes : at) {
                double best = Double.NaN;
                double when = Double.NaN;
                for (int i = 0; i < run.seconds().size(); i++) {
                    if (run.seconds().get(i) <= minutes * 60 && !(run.loss().get(i) >= best)) {
                        best = run.loss().get(i);
                        when = run.seconds().get(i);
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", run.model());
                row.put("clock", run.clock());
                row.put("minutes", minutes);
                row.put("seconds", Double.isNaN(when) ? null : when);
                row.put("val_loss", Double.isNaN(best) ? null : best);
                row.put("run_seconds", run.seconds().isEmpty() ? null : run.seconds().get(run.seconds().size() - 1));
                rows.add(row);
            }
        }
        try (Outputs outputs = new Outputs()) {
            if (plot != null) {
                List<LmPlots.Curve> curves = runs.stream().map(r -> new LmPlots.Curve(r.model(), r.seconds(), r.loss())).toList();
                String clocks = String.join(" / ", runs.stream().map(r -> r.clock().equals("cpu") ? "CPU time" : "wall clock")
                        .distinct().toList());
                outputs.write("--plot", plot, png -> LmPlots.curves(png, "Validation loss against training time",
                        "minutes of training (" + clocks + ")", curves, refs));
            }
            if (table != null) {
                outputs.write("--table", table, csv -> writeTable(csv, rows));
            }
            outputs.publish();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "lm curve");
            doc.put("rows", rows);
            Json.print(io().out(), doc);
        } else {
            io().out().println("best validation loss (nats/char) reached within each time mark (on each run's clock); - : no "
                    + "validation yet; last val: when the run's last validation was (marks after it repeat its best)");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-24s %5s", "model", "clock"));
            for (double m : at) {
                head.append(String.format(Locale.ROOT, " %9s", fmt(m) + " min"));
            }
            head.append(String.format(Locale.ROOT, " %9s", "last val"));
            io().out().println(head);
            for (Run run : runs) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-24s %5s", run.model(), run.clock()));
                for (Map<String, Object> row : rows) {
                    if (row.get("model").equals(run.model())) {
                        Object v = row.get("val_loss");
                        line.append(String.format(Locale.ROOT, " %9s", v == null ? "-" : String.format(Locale.ROOT, "%.4f", (double) v)));
                    }
                }
                double last = run.seconds().isEmpty() ? Double.NaN : run.seconds().get(run.seconds().size() - 1);
                line.append(String.format(Locale.ROOT, " %7.2f m", last / 60)); // a mark past it repeats its best
                io().out().println(line);
            }
        }
        return 0;
    }

    private static List<Run> read(Path file) throws IOException {
        Map<String, Run> runs = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            for (String column : List.of("model", "seconds", "val_loss")) {
                if (!csv.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException("curve file " + file + ": line 1: no '" + column + "' column; expected the "
                            + "header " + String.join(",", LmCurveFile.HEADER) + " (write it with gated lm train --curve)");
                }
            }
            for (CSVRecord rec : csv) {
                try {
                    String clock = rec.isMapped("clock") ? rec.get("clock") : "wall";
                    Run run = runs.computeIfAbsent(rec.get("model"), m -> new Run(m, clock, new ArrayList<>(), new ArrayList<>()));
                    run.seconds().add(Double.parseDouble(rec.get("seconds")));
                    run.loss().add(Double.parseDouble(rec.get("val_loss")));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("curve file " + file + ": line " + csv.getCurrentLineNumber()
                            + ": expected numbers in seconds and val_loss but found '" + rec + "'");
                }
            }
        }
        return new ArrayList<>(runs.values());
    }

    private static void writeTable(Path csv, List<Map<String, Object>> rows) throws IOException {
        try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             var printer = new org.apache.commons.csv.CSVPrinter(w, CSVFormat.DEFAULT.builder()
                     .setHeader("model", "clock", "minutes", "seconds", "val_loss", "run_seconds").build())) {
            for (Map<String, Object> row : rows) {
                printer.printRecord(row.values());
            }
        }
    }

    private static String fmt(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }
}
