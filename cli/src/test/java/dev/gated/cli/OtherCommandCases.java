package dev.gated.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The bad-input corpus beyond forecasting: the text, language-model, translation, speech and model-interchange
 * commands given special files as inputs, their own inputs (or devices) as outputs, edited model files and
 * learning rates that make the loss explode. Every case but the two divergences fails before any work.
 */
final class OtherCommandCases {

    private final List<CorpusCase> into;

    private OtherCommandCases(List<CorpusCase> into) {
        this.into = into;
    }

    /** Adds every case to {@code into}. */
    static void addTo(List<CorpusCase> into) {
        OtherCommandCases c = new OtherCommandCases(into);
        c.text();
        c.languageModels();
        c.translation();
        c.speech();
        c.interchange();
        c.editedModels();
    }

    private void add(String name, List<String> args, String... fragments) {
        into.add(new CorpusCase(name, 1, args, List.of(fragments)));
    }

    private static String f(String name) {
        return CorpusCases.DIR + "/" + name;
    }

    private static List<String> args(String... a) {
        return Arrays.asList(a);
    }

    private static final String SAME = "same file as the input";
    private static final String SPECIAL_IN = "not a regular file";
    private static final String SPECIAL_OUT = "not a regular file";

    private void text() {
        List<String> train = args("text", "train", "--data", f("labelled.csv"), "--text", "text", "--label", "label",
                "--epochs", "1", "--units", "2", "--out");
        add("text train --out the --data file", concat(train, f("labelled.csv")), "--out", SAME);
        add("text train --out /dev/null", concat(train, "/dev/null"), "--out", SPECIAL_OUT);
        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            add("text train --data " + device, args("text", "train", "--data", device, "--text", "text", "--label",
                    "label"), "--data", device, SPECIAL_IN);
            add("text evaluate --data " + device, args("text", "evaluate", "--model", f("model.gated"), "--data",
                    device), "--data", device, SPECIAL_IN);
        }
        add("text predict --model /dev/zero", args("text", "predict", "--model", "/dev/zero", "--text", "hi"),
                "--model", SPECIAL_IN);
    }

    private void languageModels() {
        List<String> train = args("lm", "train", "--data", f("lm.txt"), "--epochs", "1", "--units", "4",
                "--context", "8", "--batch", "2");
        add("lm train --out the --data file", concat(train, "--out", f("lm.txt")), "--out", SAME);
        add("lm train --out /dev/null", concat(train, "--out", "/dev/null"), "--out", SPECIAL_OUT);
        add("lm train --curve the --data file", concat(train, "--out", f("lm-out.gated"), "--curve", f("lm.txt")),
                "--curve", SAME);
        add("lm train --curve /dev/null", concat(train, "--curve", "/dev/null"), "--curve", SPECIAL_OUT);
        add("lm train --curve the --out file", concat(train, "--out", f("lm-out.gated"), "--curve",
                f("lm-out.gated")), "--curve", "same file");
        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            add("lm train --data " + device, args("lm", "train", "--data", device, "--epochs", "1"), "--data",
                    device, SPECIAL_IN);
            add("lm evaluate --data " + device, args("lm", "evaluate", "--model", f("model.gated"), "--data",
                    device), "--data", SPECIAL_IN);
        }
        add("lm sample --model /dev/zero", args("lm", "sample", "--model", "/dev/zero"), "--model", SPECIAL_IN);
        add("lm surprise --plot the --model file", args("lm", "surprise", "--model", f("model.gated"), "--data",
                f("lm.txt"), "--plot", f("model.gated")), "--plot", SAME);
        add("lm surprise --plot the --data file", args("lm", "surprise", "--model", f("model.gated"), "--data",
                f("lm.txt"), "--plot", f("lm.txt")), "--plot", SAME);
        add("lm train --lr 1e4: the loss explodes", concat(train, "--lr", "10000", "--eval-every", "4",
                "--out", f("lm-out.gated")), "diverged", "--lr", "nothing was saved");
    }

    private void translation() {
        List<String> train = args("translate", "train", "--data", f("pairs.tsv"), "--epochs", "2", "--units", "4",
                "--embedding", "4");
        add("translate train --out the --data file", concat(train, "--out", f("pairs.tsv")), "--out", SAME);
        add("translate train --out /dev/null", concat(train, "--out", "/dev/null"), "--out", SPECIAL_OUT);
        add("translate train --out a folder", concat(train, "--out", f("folder")), "--out", "is a folder");
        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            add("translate train --data " + device, args("translate", "train", "--data", device, "--out",
                    f("t.gated")), "--data", SPECIAL_IN);
            add("translate evaluate --model " + device, args("translate", "evaluate", "--model", device, "--data",
                    f("pairs.tsv")), "--model", SPECIAL_IN);
            add("translate compare --data " + device, args("translate", "compare", "--data", device), "--data",
                    SPECIAL_IN);
        }
        add("translate --plot the --model file", args("translate", "--model", f("model.gated"), "--text", "go",
                "--plot", f("model.gated")), "--plot", SAME);
        add("translate --plot /dev/null", args("translate", "--model", f("model.gated"), "--text", "go", "--plot",
                "/dev/null"), "--plot", SPECIAL_OUT);
        add("translate --model /dev/zero", args("translate", "--model", "/dev/zero", "--text", "go"), "--model",
                SPECIAL_IN);
        add("translate compare --outputs a file", args("translate", "compare", "--data", f("pairs.tsv"),
                "--outputs", f("good.csv")), "--outputs", "not a folder");
        add("translate train --learning-rate 1e4: the loss explodes", concat(train, "--learning-rate", "10000",
                "--out", f("t.gated")), "diverged", "--learning-rate", "nothing was saved");
    }

    private void speech() {
        for (String command : List.of("train", "train-ctc")) {
            List<String> train = args("speech", command, "--data", f("recordings"), "--epochs", "1", "--out");
            add("speech " + command + " --out a recording of --data", concat(train, f("recordings/3_theo_0.wav")),
                    "--out", "--data folder");
            add("speech " + command + " --out /dev/null", concat(train, "/dev/null"), "--out", SPECIAL_OUT);
        }
        add("speech predict --plot the recording", args("speech", "predict", f("model.gated"), f("good.csv"),
                "--plot", f("good.csv")), "--plot", SAME);
        add("speech predict --plot /dev/null", args("speech", "predict", f("model.gated"), f("good.csv"),
                "--plot", "/dev/null"), "--plot", SPECIAL_OUT);
        add("speech predict a /dev/zero model", args("speech", "predict", "/dev/zero", f("good.csv")), "MODEL",
                SPECIAL_IN);
        add("speech predict /dev/urandom as a recording", args("speech", "predict", f("model.gated"),
                "/dev/urandom"), "/dev/urandom", SPECIAL_IN);
        add("speech transcribe --plot the --model file", args("speech", "transcribe", "--model", f("model.gated"),
                f("good.csv"), "--plot", f("model.gated")), "--plot", SAME);
        add("speech transcribe --model /dev/zero", args("speech", "transcribe", "--model", "/dev/zero",
                f("good.csv")), "--model", SPECIAL_IN);
        add("speech evaluate --model /dev/zero", args("speech", "evaluate", "--model", "/dev/zero"), "--model",
                SPECIAL_IN);
    }

    private void interchange() {
        add("import --out the imported file", args("import", f("model.gated"), "--out", f("model.gated")), "--out",
                SAME);
        add("import --out /dev/null", args("import", f("model.gated"), "--out", "/dev/null"), "--out", SPECIAL_OUT);
        add("import /dev/zero", args("import", "/dev/zero", "--out", f("i.gated")), "/dev/zero", SPECIAL_IN);
        add("export --out the --model file", args("export", "--model", f("model.gated"), "--format", "onnx",
                "--out", f("model.gated")), "--out", SAME);
        add("export --out /dev/null", args("export", "--model", f("model.gated"), "--format", "onnx", "--out",
                "/dev/null"), "--out", SPECIAL_OUT);
        add("export --model /dev/urandom", args("export", "--model", "/dev/urandom", "--format", "onnx", "--out",
                f("m.onnx")), "--model", SPECIAL_IN);
        add("predict --out the --model file", args("predict", "--model", f("model.gated"), "--input", f("good.csv"),
                "--out", f("model.gated")), "--out", SAME);
        add("predict --input /dev/zero", args("predict", "--model", f("model.gated"), "--input", "/dev/zero"),
                "--input", SPECIAL_IN);
    }

    /** Model files whose properties were edited by hand (the digest dropped, as in a file older than it). */
    private void editedModels() {
        for (String model : List.of("units15k.gated", "history-edited.gated", "history-word.gated")) {
            String says = model.startsWith("units") ? "15000" : "edited";
            add("evaluate --model " + model, args("evaluate", "--model", f(model), "--data", f("good.csv")), model,
                    says);
            add("forecast --model " + model, args("forecast", "--model", f(model), "--data", f("good.csv")), model,
                    says);
            add("summary --model " + model, args("summary", "--model", f(model)), model, says);
            add("export --model " + model, args("export", "--model", f(model), "--format", "onnx", "--out",
                    f("m.onnx")), model, says);
            add("predict --model " + model, args("predict", "--model", f(model), "--input", f("good.csv")), model,
                    says);
            add("lm sample --model " + model, args("lm", "sample", "--model", f(model)), model, says);
        }
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
