package dev.gated.cli;

import dev.gated.audio.ConnectedDigits;
import dev.gated.audio.FeatureSet;
import dev.gated.audio.DigitClassifier;
import dev.gated.audio.FeatureSettings;
import dev.gated.audio.LabelTable;
import dev.gated.audio.SpokenDigits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Training and test feature sets for the speech commands: FSDD's official split with digit labels from the file names,
 * or the rows of a {@link LabelTable} with its class names.
 */
record SpeechData(FeatureSet train, FeatureSet test, List<String> classes) {

    /** The value of {@code --labels} that reads the digit from FSDD's file names. */
    static final String FROM_FILENAME = "from-filename";

    /** The --labels CSV, or null for labels from FSDD's file names. */
    static Path labelTable(String labels) {
        return labels == null || labels.equals(FROM_FILENAME) ? null : Path.of(labels);
    }

    static Path folder(Path data) {
        return data != null ? data : DemoSentimentCommand.sharedData("fsdd/recordings");
    }

    /**
     * Checks the --out of a training on the recordings in {@code dir} before any work: a regular file or nothing
     * yet, and never one of the files in {@code dir} (a recording would be replaced by the model).
     */
    static Path out(Path out, Path dir) throws IOException {
        FileGuard.output(out, "--out");
        Path parent = out.toAbsolutePath().normalize().getParent();
        if (java.nio.file.Files.exists(out) && parent != null && FileGuard.sameFile(parent, dir)) {
            throw new IllegalArgumentException("--out " + out + ": is a file in the --data folder " + dir
                    + ", where the recordings are read from; save the model elsewhere");
        }
        OutputLock.acquire(out, "--out");
        return out;
    }

    /** Checks the model, the recordings and the PNGs --plot derives from them (null: none), before any work. */
    static void guard(Path model, String modelOption, List<Path> wavs, Path plot) {
        FileGuard.input(model, modelOption);
        List<Path> inputs = new java.util.ArrayList<>(List.of(model));
        for (Path wav : wavs) {
            // recordings are streamed from disk when long (speech's own limits refuse a whole-file read too long
            // for the heap, naming the length), so their size is not capped here
            inputs.add(FileGuard.streamedInput(wav, "FILE.wav"));
        }
        if (plot != null) {
            for (Path wav : wavs) {
                FileGuard.output(dev.gated.cli.output.SpeechPlot.pathFor(plot, wav, wavs.size() > 1), "--plot",
                        inputs.toArray(Path[]::new));
            }
        }
    }

    /** Recordings with index &lt; maxIndex of {@code dir}: index 0–4 test, the rest training. */
    static SpeechData load(Path dir, int maxIndex, FeatureSettings settings) throws IOException {
        List<SpokenDigits.Recording> used = SpokenDigits.list(dir).stream().filter(r -> r.index() < maxIndex).toList();
        FeatureSet all = FeatureSet.compute(used, settings);
        SpeechData data = new SpeechData(all.filter(r -> !r.isTest()), all.filter(SpokenDigits.Recording::isTest), DigitClassifier.DIGITS);
        if (data.train.size() == 0 || data.test.size() == 0) {
            throw new IllegalArgumentException(dir + ": " + data.train.size() + " training and " + data.test.size()
                    + " test recordings — the split needs indices 0-4 (test) and 5 or more (training); raise --max-index");
        }
        return data;
    }

    /** The rows of {@code table}: its training and test parts, its classes. */
    static SpeechData load(LabelTable table, Path csv, FeatureSettings settings) throws IOException {
        List<SpokenDigits.Recording> train = table.part(false);
        List<SpokenDigits.Recording> test = table.part(true);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(csv + ": " + train.size() + " training and " + test.size() + " test rows — both "
                    + "parts need rows (third column train|test, or leave it out to hold out 1 in " + LabelTable.TEST_EVERY + " of each class)");
        }
        return new SpeechData(FeatureSet.compute(train, settings), FeatureSet.compute(test, settings), table.classes());
    }

    /** Only the official test part (index 0–4) of {@code dir}. */
    static FeatureSet testOnly(Path dir, FeatureSettings settings) throws IOException {
        List<SpokenDigits.Recording> test = SpokenDigits.list(dir).stream().filter(SpokenDigits.Recording::isTest).toList();
        if (test.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no test recordings (index 0-4, as in 3_theo_4.wav)");
        }
        return FeatureSet.compute(test, settings);
    }

    /** The seed of the connected-digit test strings: the same strings whatever a model was trained with. */
    static final long TEST_STRINGS_SEED = 2024;

    /**
     * {@code count} connected-digit strings joined from the test recordings (index 0–4) of {@code dir}, or from its
     * training recordings (index 5 to maxIndex − 1), at {@code rate} Hz.
     */
    static List<ConnectedDigits.Utterance> strings(Path dir, int maxIndex, boolean test, int count, double snrDb, long seed,
                                                   int rate) throws IOException {
        List<SpokenDigits.Recording> pool = SpokenDigits.list(dir).stream()
                .filter(r -> r.index() < maxIndex && r.isTest() == test).toList();
        if (pool.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no " + (test ? "test recordings (index 0-4" : "training recordings (index 5 to "
                    + (maxIndex - 1)) + ") to join into digit strings");
        }
        if (count < 1) {
            throw new IllegalArgumentException((test ? "--test-strings" : "--strings") + ": expected at least 1 but found " + count);
        }
        ConnectedDigits.Composition d = ConnectedDigits.Composition.DEFAULT;
        ConnectedDigits.Composition how = new ConnectedDigits.Composition(d.minDigits(), d.maxDigits(), d.minGapMs(),
                d.maxGapMs(), d.edgeMs(), snrDb);
        return ConnectedDigits.compose(ConnectedDigits.read(pool, rate), count, rate, how, seed);
    }
}
