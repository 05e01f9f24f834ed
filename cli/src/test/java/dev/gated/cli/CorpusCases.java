package dev.gated.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of the bad-input corpus: bad option values, bad data files, special files, bad model files,
 * outputs that would overwrite an input or a device, and requests too large or numerically hopeless. Large
 * families are generated (each option × each bad value × each command that takes it).
 */
final class CorpusCases {

    static final String DIR = "{dir}";
    private final List<CorpusCase> cases = new ArrayList<>();

    static List<CorpusCase> all() {
        CorpusCases c = new CorpusCases();
        c.badOptionValues();
        c.usage();
        c.badData();
        c.specialFiles();
        c.badModels();
        c.outputs();
        c.tooLargeOrDiverging();
        OtherCommandCases.addTo(c.cases);
        return c.cases;
    }

    private void add(String name, int code, List<String> args, String... fragments) {
        cases.add(new CorpusCase(name, code, args, List.of(fragments)));
    }

    private static String f(String name) {
        return DIR + "/" + name;
    }

    /** A train (or compare) command line on good.csv with small settings; {@code set} overrides, null removes. */
    static List<String> fit(String command, String... set) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--data", f("good.csv"));
        o.put("--target", "Sales");
        o.put("--epochs", "1");
        o.put("--units", "4");
        o.put("--window", "4");
        if (command.equals("train")) {
            o.put("--out", f("out.gated"));
        } else {
            o.put("--models", "lstm");
        }
        for (int i = 0; i < set.length; i += 2) {
            if (set[i + 1] == null) {
                o.remove(set[i]);
            } else {
                o.put(set[i], set[i + 1]);
            }
        }
        List<String> args = new ArrayList<>(List.of(command));
        o.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args;
    }

    private static List<String> args(String... a) {
        return Arrays.asList(a);
    }

    /** Every training option with values out of range or not numbers: exit 2, naming the option and value. */
    private void badOptionValues() {
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("--units", List.of("0", "-1", "16385", "x", "1.5", "99999999999"));
        bad.put("--layers", List.of("0", "65", "x"));
        bad.put("--window", List.of("0", "-3", "1000001", "ten"));
        bad.put("--horizon", List.of("0", "1000001", "x"));
        bad.put("--stride", List.of("0", "1000001"));
        bad.put("--epochs", List.of("0", "1000001", "many"));
        bad.put("--batch", List.of("0", "1000001", "-8"));
        bad.put("--lr", List.of("0", "-0.1", "NaN", "Infinity", "fast"));
        bad.put("--dropout", List.of("1", "-0.1", "1.5", "x"));
        bad.put("--clip", List.of("-1", "NaN", "Infinity"));
        bad.put("--patience", List.of("-1", "x"));
        bad.put("--seed", List.of("x", "1.5"));
        bad.put("--split", List.of("1.5", "0", "-0.2", "x", "0.5,0.6", "0.5,x"));
        bad.put("--split-rows", List.of("10,20", "x,20,30", "30,20,10"));
        bad.put("--val-split", List.of("1", "-0.5", "x"));
        bad.put("--missing", List.of("guess", "zero"));
        bad.put("--scaler", List.of("robust", "log"));
        bad.put("--period", List.of("x", "-2"));
        bad.put("--ma-window", List.of("x", "-1"));
        for (String command : List.of("train", "compare")) {
            bad.forEach((option, values) -> {
                for (String v : values) {
                    add(command + " " + option + " " + v, 2, fit(command, option, v), option, v);
                }
            });
        }
    }

    private void usage() {
        for (String command : List.of("train", "compare", "evaluate", "forecast", "summary")) {
            List<String> a = new ArrayList<>(command.equals("train") || command.equals("compare") ? fit(command)
                    : command.equals("summary") ? args(command, "--model", f("model.gated"))
                    : args(command, "--model", f("model.gated"), "--data", f("good.csv")));
            a.add("--bogus");
            add(command + " with an unknown option", 2, a, "--bogus");
        }
        add("train without --data", 2, fit("train", "--data", null), "--data");
        add("train without --target", 2, fit("train", "--target", null), "--target");
        add("train without --out", 2, fit("train", "--out", null), "--out");
        add("compare without --data", 2, fit("compare", "--data", null), "--data");
        add("compare without --target", 2, fit("compare", "--target", null), "--target");
        add("evaluate without --model", 2, args("evaluate", "--data", f("good.csv")), "--model");
        add("forecast without --data", 2, args("forecast", "--model", f("model.gated")), "--data");
        add("summary without --model", 2, args("summary"), "--model");
        add("train --model transformer", 2, fit("train", "--model", "transformer"), "transformer", "lstm, gru or rnn");
        add("train --model given a model file", 2, fit("train", "--model", f("model.gated")), "--model",
                "evaluate, forecast");
        add("compare --models lstm,cnn", 2, fit("compare", "--models", "lstm,cnn"), "cnn");
        add("compare --models empty", 2, fit("compare", "--models", ","), "--models");
        for (String steps : List.of("0", "-1", "1000001", "2147483647", "x")) {
            add("forecast --steps " + steps, 2, args("forecast", "--model", f("model.gated"), "--data",
                    f("good.csv"), "--steps", steps), "--steps", steps);
        }
        add("an option without its value", 2, args("train", "--data", f("good.csv"), "--target", "Sales",
                "--out", f("out.gated"), "--units"), "--units");
        add("an option given twice", 2, concat(fit("train"), "--units", "8"), "--units");
        add("an unknown command", 2, args("frobnicate"), "unknown command 'frobnicate'", "train, evaluate");
        add("an unknown experiment", 2, args("experiment", "forgetting"), "unknown command 'forgetting'", "memory");
        add("no command", 2, args(), "missing command");
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    /** Files that are not the CSV the command needs: exit 1, naming the file and where and what is wrong. */
    private void badData() {
        Map<String, String[]> data = new LinkedHashMap<>();
        data.put("empty.csv", new String[] {"empty.csv", "empty"});
        data.put("header.csv", new String[] {"header.csv", "no data rows"});
        data.put("blank.csv", new String[] {"blank.csv", "empty"});
        data.put("binary.csv", new String[] {"binary.csv"});
        data.put("gzip.csv", new String[] {"gzip.csv", "gzip"});
        data.put("latin1.csv", new String[] {"latin1.csv", "UTF-8"});
        data.put("quote72.csv", new String[] {"quote72.csv line 72", "never closed"});
        data.put("huge-number.csv", new String[] {"huge-number.csv line 30", "1e400", "range of double"});
        data.put("too-large.csv", new String[] {"too-large.csv line 12", "Sales", "too large"});
        data.put("extremes.csv", new String[] {"extremes.csv line 2", "too large"});
        data.put("nan.csv", new String[] {"nan.csv line 7", "Sales", "missing-value policy"});
        data.put("infinity.csv", new String[] {"infinity.csv line 7", "Infinity"});
        data.put("hex.csv", new String[] {"hex.csv line 7", "0x1F"});
        data.put("decimal-comma.csv", new String[] {"decimal-comma.csv", "decimal comma"});
        data.put("thousands.csv", new String[] {"thousands.csv line 5", "thousands"});
        data.put("ragged.csv", new String[] {"ragged.csv line 10", "2 fields"});
        data.put("text.csv", new String[] {"text.csv line 4", "abc"});
        data.put("missing-cell.csv", new String[] {"missing-cell.csv line 8", "missing-value policy"});
        data.put("constant.csv", new String[] {"constant.csv", "constant"});
        data.put("short.csv", new String[] {"short.csv", "8 data rows", "10 + 1 = 11"});
        data.put("dup-header.csv", new String[] {"dup-header.csv line 1", "already names"});
        data.put("no-header-name.csv", new String[] {"no-header-name.csv line 1"});
        data.put("bom-only.csv", new String[] {"bom-only.csv", "empty"});
        data.put("all-missing.csv", new String[] {"all-missing.csv", "Sales"});
        data.put("model.gated", new String[] {"model.gated", "not CSV"});
        for (String command : List.of("train", "compare")) {
            data.forEach((file, says) -> add(command + " --data " + file, 1,
                    fit(command, "--data", f(file), "--window", "10"), says));
        }
        data.forEach((file, says) -> {
            if (!file.equals("short.csv") && !file.equals("constant.csv")) {
                add("evaluate --data " + file, 1, args("evaluate", "--model", f("model.gated"), "--data", f(file)),
                        says);
            }
        });
        add("no column named by --target", 1, fit("train", "--target", "Revenue"), "no column \"Revenue\"", "Sales");
        add("no column named by --features", 1, fit("train", "--features", "Sales,Price"), "\"Price\"");
        add("no column named by --time", 1, fit("train", "--time", "Date"), "\"Date\"");
        add("a train part too short for the window", 1, fit("train", "--split", "0.05"), "train part");
        add("--split-rows beyond the data", 1, fit("train", "--split-rows", "100,200,300"), "60 rows");
        add("--val-split leaving no training window", 1, fit("train", "--val-split", "0.999"), "--val-split");
        for (String file : List.of("too-large.csv", "extremes.csv", "huge-number.csv", "text.csv", "quote72.csv")) {
            add("forecast --data " + file, 1, args("forecast", "--model", f("model.gated"), "--data", f(file)),
                    data.get(file));
        }
        add("--target names a column twice", 2, fit("train", "--target", "Sales,Sales"), "--target",
                "\"Sales\" twice");
        add("--target with an empty name", 2, fit("compare", "--target", "Sales,"), "--target", "empty column name");
        add("--known-future names the target", 2, fit("train", "--known-future", "Sales", "--data", f("promo.csv")),
                "--known-future \"Sales\" is the target");
        add("--calibrate with several targets", 2, args("train", "--data", f("promo.csv"), "--target", "Sales,Promo",
                "--quantiles", "0.1,0.5,0.9", "--calibrate", "--epochs", "1", "--units", "4", "--window", "4", "--out",
                f("out.gated")), "--calibrate", "one target");
        add("--known-future names a column twice", 2, fit("compare", "--known-future", "Promo,Promo", "--data",
                f("promo.csv")), "--known-future", "\"Promo\" twice");
        add("--known-future names no column of the file", 1, fit("train", "--known-future", "Price", "--data",
                f("promo.csv")), "\"Price\"");
        add("forecast with known-future inputs but no future rows", 1, args("forecast", "--model",
                f("promo.gated"), "--data", f("promo.csv")), "promo.csv", "[Promo]", "line 61", "no row after it",
                "add 2 more rows with Promo filled and \"Sales\" empty");
        add("forecast with one of two future rows", 1, args("forecast", "--model", f("promo.gated"), "--data",
                f("promo-one-future.csv")), "promo-one-future.csv", "1 row after it", "add 1 more row");
        add("forecast with a future row missing its known-future value", 1, args("forecast", "--model",
                f("promo.gated"), "--data", f("promo-blank-future.csv")), "promo-blank-future.csv line 63",
                "column \"Promo\"", "future row");
        add("forecast on data without the target column", 1, args("forecast", "--model", f("model.gated"),
                "--data", f("dup-header.csv")), "dup-header.csv");
    }

    /** Folders, devices, pipes, links and missing files where a file is expected. */
    private void specialFiles() {
        Map<String, String[]> special = new LinkedHashMap<>();
        special.put(f("folder"), new String[] {"folder", "is a folder"});
        special.put("/dev/zero", new String[] {"/dev/zero", "not a regular file"});
        special.put("/dev/urandom", new String[] {"/dev/urandom", "not a regular file"});
        special.put("/dev/null", new String[] {"/dev/null", "not a regular file"});
        special.put(f("pipe"), new String[] {"pipe", "not a regular file"});
        special.put(f("zero-link.csv"), new String[] {"zero-link.csv", "not a regular file"});
        special.put(f("nope.csv"), new String[] {"nope.csv", "file not found"});
        special.put(f("dangling.csv"), new String[] {"dangling.csv", "file not found"});
        special.forEach((file, says) -> {
            String shortName = file.replace(DIR + "/", "");
            add("train --data " + shortName, 1, fit("train", "--data", file), with(says, "--data"));
            add("compare --data " + shortName, 1, fit("compare", "--data", file), with(says, "--data"));
            add("evaluate --data " + shortName, 1, args("evaluate", "--model", f("model.gated"), "--data", file),
                    with(says, "--data"));
            add("forecast --data " + shortName, 1, args("forecast", "--model", f("model.gated"), "--data", file),
                    with(says, "--data"));
            add("evaluate --model " + shortName, 1, args("evaluate", "--model", file, "--data", f("good.csv")),
                    with(says, "--model"));
            add("forecast --model " + shortName, 1, args("forecast", "--model", file, "--data", f("good.csv")),
                    with(says, "--model"));
            add("summary --model " + shortName, 1, args("summary", "--model", file), with(says, "--model"));
        });
    }

    private static String[] with(String[] says, String more) {
        String[] out = Arrays.copyOf(says, says.length + 1);
        out[says.length] = more;
        return out;
    }

    /** Files given as --model that are not, or no longer, a model written by gated train. */
    private void badModels() {
        Map<String, String[]> models = new LinkedHashMap<>();
        models.put("good.csv", new String[] {"good.csv", "not a Gated model file", "text file"});
        models.put("empty.gated", new String[] {"empty.gated", "empty"});
        models.put("text.gated", new String[] {"text.gated", "not a Gated model file"});
        models.put("truncated.gated", new String[] {"truncated.gated", "truncated"});
        models.put("random.gated", new String[] {"random.gated", "corrupted"});
        models.put("other.zip", new String[] {"other.zip", "no model.properties"});
        models.put("flipped.gated", new String[] {"flipped.gated", "corrupted"});
        models.put("spliced.gated", new String[] {"spliced.gated", "digest"});
        models.forEach((file, says) -> {
            add("evaluate --model " + file, 1, args("evaluate", "--model", f(file), "--data", f("good.csv")), says);
            add("forecast --model " + file, 1, args("forecast", "--model", f(file), "--data", f("good.csv")), says);
            add("summary --model " + file, 1, args("summary", "--model", f(file)), says);
        });
        add("evaluate a model without forecasting settings", 1, args("evaluate", "--model", f("plain.gated"),
                "--data", f("good.csv")), "plain.gated", "not written by `gated train`");
        add("forecast with a model without forecasting settings", 1, args("forecast", "--model", f("plain.gated"),
                "--data", f("good.csv")), "plain.gated", "not written by `gated train`");
    }

    /** Outputs that are inputs, folders, devices or under a file: refused before any work. */
    private void outputs() {
        for (String same : List.of("good.csv", "./good.csv", "data-link.csv", "hard-link.csv", "folder/../good.csv")) {
            add("train --out " + same + " (the --data file)", 1, fit("train", "--out", f(same)), "--out",
                    "same file as the input");
        }
        add("train --out a folder", 1, fit("train", "--out", f("folder")), "--out", "is a folder");
        add("train --out /dev/null", 1, fit("train", "--out", "/dev/null"), "--out", "not a regular file");
        add("train --out a pipe", 1, fit("train", "--out", f("pipe")), "--out", "not a regular file");
        add("train --out under a file", 1, fit("train", "--out", f("good.csv/m.gated")), "--out",
                "not a folder");
        add("train --plot the --data file", 1, fit("train", "--plot", f("good.csv")), "--plot",
                "same file as the input");
        add("train --plot the --out file", 1, fit("train", "--plot", f("out.gated")), "--plot", "--out",
                "same file");
        add("train --plot /dev/null", 1, fit("train", "--plot", "/dev/null"), "--plot", "not a regular file");
        add("train --plot a folder", 1, fit("train", "--plot", f("folder")), "--plot", "is a folder");
        add("compare --plot the --data file", 1, fit("compare", "--plot", f("good.csv")), "--plot",
                "same file as the input");
        add("compare --plot /dev/null", 1, fit("compare", "--plot", "/dev/null"), "--plot", "not a regular file");
        List<String> forecast = args("forecast", "--model", f("model.gated"), "--data", f("good.csv"));
        add("forecast --out the --model file", 1, concat(forecast, "--out", f("model.gated")), "--out",
                "same file as the input");
        add("forecast --out the --data file", 1, concat(forecast, "--out", f("data-link.csv")), "--out",
                "same file as the input");
        add("forecast --out /dev/null", 1, concat(forecast, "--out", "/dev/null"), "--out", "not a regular file");
        add("forecast --out a folder", 1, concat(forecast, "--out", f("folder")), "--out", "is a folder");
        add("forecast --plot the --model file", 1, concat(forecast, "--plot", f("model.gated")), "--plot",
                "same file as the input");
        add("forecast --plot the --out file", 1, concat(forecast, "--out", f("f.csv"), "--plot", f("f.csv")),
                "--plot", "same file");
        List<String> evaluate = args("evaluate", "--model", f("model.gated"), "--data", f("good.csv"));
        add("evaluate --plot the --model file", 1, concat(evaluate, "--plot", f("model.gated")), "--plot",
                "same file as the input");
        add("evaluate --plot the --data file", 1, concat(evaluate, "--plot", f("good.csv")), "--plot",
                "same file as the input");
        add("evaluate --plot a pipe", 1, concat(evaluate, "--plot", f("pipe")), "--plot", "not a regular file");
    }

    /** Requests that cannot fit in memory and trainings that diverge: refused, nothing saved. */
    private void tooLargeOrDiverging() {
        // sizes far beyond any heap, so the cases hold on every machine
        add("train --units 16384", 1, fit("train", "--units", "16384", "--layers", "64"), "needs about", "--units");
        add("train --units 8000 --layers 64", 1, fit("train", "--units", "8000", "--layers", "64"), "needs about",
                "--layers");
        add("train --window 1000000", 1, fit("train", "--window", "1000000", "--units", "4096"), "needs about",
                "--window");
        add("train --window 100000 on 60 rows", 1, fit("train", "--batch", "1000000", "--window", "100000"),
                "60 data rows", "window + horizon = 100000");
        add("compare --units 16384", 1, fit("compare", "--units", "16384", "--layers", "64"), "needs about",
                "--units");
        add("train --lr 1e4: the loss explodes", 1, fit("train", "--lr", "10000", "--epochs", "5"), "diverged",
                "learning rate");
        add("compare --lr 1e4: the loss explodes", 1, fit("compare", "--lr", "10000", "--epochs", "5"),
                "diverged", "learning rate");
    }
}
