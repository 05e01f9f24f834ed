package dev.gated.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Free Spoken Digit Dataset's recordings, {@code {digit}_{speaker}_{index}.wav}, and its official split:
 * index 0–4 test, 5–49 training (the dataset's README).
 */
public final class SpokenDigits {

    /** The first index of the training part; lower indices are the test part. */
    public static final int FIRST_TRAINING_INDEX = 5;

    private static final Pattern NAME = Pattern.compile("(\\d)_([A-Za-z]+)_(\\d+)\\.wav");

    /**
     * One recording and what its file name says about it; {@code digit} is its class (a digit for FSDD, any class
     * index for a {@link LabelTable}'s rows, whose speaker is "" and index −1).
     */
    public record Recording(Path file, int digit, String speaker, int index) {
        public boolean isTest() {
            return index < FIRST_TRAINING_INDEX;
        }

        /** A recording known only by its file and class (from a {@link LabelTable}): no speaker, index −1. */
        public static Recording labelled(Path file, int label) {
            return new Recording(file, label, "", -1);
        }
    }

    private SpokenDigits() {
    }

    /** Every {@code *.wav} in {@code dir} (not recursive), sorted by name; names must follow the FSDD pattern. */
    public static List<Recording> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder — point --data at FSDD's recordings/ folder (files like 3_theo_12.wav)");
        }
        List<Recording> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList()) {
                out.add(parse(f));
            }
        }
        if (out.isEmpty()) {
            throw new IOException(dir + ": no .wav files — point --data at FSDD's recordings/ folder");
        }
        out.sort(Comparator.comparing(r -> r.file().getFileName().toString()));
        return out;
    }

    /** The label, speaker and index from a file name like {@code 7_jackson_32.wav}. */
    public static Recording parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + ": the name does not say the digit — expected {digit}_{speaker}_{index}.wav "
                    + "as in FSDD, e.g. 7_jackson_32.wav");
        }
        return new Recording(file, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)));
    }
}
