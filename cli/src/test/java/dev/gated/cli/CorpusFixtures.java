package dev.gated.cli;

import dev.gated.layer.Dense;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The files the bad-input corpus runs against, written once into the corpus's folder. */
final class CorpusFixtures {

    static final int ROWS = 60;

    private CorpusFixtures() {
    }

    static void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("good.csv"), series(ROWS, i -> fmt(100 + i + 10 * Math.sin(i))));
        Files.createDirectory(dir.resolve("folder"));
        Cli.run("train", "--data", dir.resolve("good.csv").toString(), "--target", "Sales", "--epochs", "1",
                "--units", "2", "--window", "4", "--out", dir.resolve("model.gated").toString()).ok();
        Cli.run("train", "--data", dir.resolve("good.csv").toString(), "--target", "Sales", "--epochs", "1",
                "--units", "2", "--window", "4", "--seed", "7", "--out", dir.resolve("other.gated").toString()).ok();
        Sequential plain = Sequential.input(4, 1).add(new Dense(1));
        plain.compile(new Adam(0.001), Loss.mse());
        plain.save(dir.resolve("plain.gated"));
        csvFiles(dir);
        knownFutureFiles(dir);
        modelFiles(dir);
        links(dir);
        otherCommandFiles(dir);
    }

    private static void csvFiles(Path dir) throws IOException {
        text(dir, "empty.csv", "");
        text(dir, "header.csv", "Month,Sales\n");
        text(dir, "blank.csv", "\n\n   \n");
        byte[] binary = new byte[2048];
        new Random(1).nextBytes(binary);
        Files.write(dir.resolve("binary.csv"), binary);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(dir.resolve("good.csv")));
        }
        Files.write(dir.resolve("gzip.csv"), gz.toByteArray());
        Files.write(dir.resolve("latin1.csv"), "Month,Sales\nZ\u00fcrich,1\n".getBytes(StandardCharsets.ISO_8859_1));
        // line 1 is the header, so row i is on line i + 2: an unclosed quote on line 72
        text(dir, "quote72.csv", series(80, i -> i == 70 ? "\"" + fmt(i) : fmt(i)));
        text(dir, "huge-number.csv", series(40, i -> i == 28 ? "1e400" : fmt(i)));       // line 30
        text(dir, "too-large.csv", series(40, i -> i == 10 ? "3.5e200" : fmt(i)));      // line 12
        text(dir, "extremes.csv", series(40, i -> i % 2 == 0 ? "1.7e308" : "-1.7e308"));
        text(dir, "nan.csv", series(40, i -> i == 5 ? "NaN" : fmt(i)));                   // line 7
        text(dir, "infinity.csv", series(40, i -> i == 5 ? "Infinity" : fmt(i)));
        text(dir, "hex.csv", series(40, i -> i == 5 ? "0x1F" : fmt(i)));
        text(dir, "decimal-comma.csv", series(40, i -> fmt(i + 0.5)).replace(",", ";").replace(".", ","));
        text(dir, "thousands.csv", series(40, i -> i == 3 ? "\"1,234\"" : fmt(i)));
        text(dir, "ragged.csv", series(40, i -> i == 8 ? fmt(i) + ",9" : fmt(i)));           // line 10
        text(dir, "text.csv", series(40, i -> i == 2 ? "abc" : fmt(i)));                    // line 4
        text(dir, "missing-cell.csv", series(40, i -> i == 6 ? "" : fmt(i)));             // line 8
        text(dir, "constant.csv", series(40, i -> "5"));
        text(dir, "short.csv", series(8, CorpusFixtures::fmt));
        text(dir, "dup-header.csv", "Month,Sales,Sales\n2000-01,1,2\n2000-02,2,3\n");
        text(dir, "no-header-name.csv", ",Sales\n1,2\n2,3\n");
        text(dir, "bom-only.csv", "\uFEFF");
        text(dir, "all-missing.csv", series(40, i -> "NA"));
    }

    /**
     * promo.csv: Month,Sales,Promo (a 0/1 plan known ahead); promo.gated reads Promo over a horizon of 2; the
     * forecast inputs lack future rows, have one of the two, or leave a future Promo cell empty (line 63).
     */
    private static void knownFutureFiles(Path dir) throws IOException {
        java.util.function.IntFunction<String> row = i -> fmt(100 + i + 10 * Math.sin(i)) + "," + (i % 5 == 0 ? 1 : 0);
        String good = series(ROWS, row).replace("Month,Sales", "Month,Sales,Promo");
        text(dir, "promo.csv", good);
        text(dir, "promo-one-future.csv", good + "2005-01,,1\n");
        text(dir, "promo-blank-future.csv", good + "2005-01,,1\n2005-02,,\n");
        Cli.run("train", "--data", dir.resolve("promo.csv").toString(), "--target", "Sales", "--known-future", "Promo",
                "--horizon", "2", "--epochs", "1", "--units", "2", "--window", "4", "--out",
                dir.resolve("promo.gated").toString()).ok();
    }

    private static void modelFiles(Path dir) throws IOException {
        byte[] model = Files.readAllBytes(dir.resolve("model.gated"));
        Files.write(dir.resolve("empty.gated"), new byte[0]);
        text(dir, "text.gated", "this is not a model\n");
        Files.write(dir.resolve("truncated.gated"), Arrays.copyOf(model, model.length / 2));
        byte[] random = new byte[4096];
        new Random(2).nextBytes(random);
        random[0] = 'P';
        random[1] = 'K';
        random[2] = 3;
        random[3] = 4;
        Files.write(dir.resolve("random.gated"), random);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("other.zip")))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        byte[] flipped = model.clone();
        for (int i = model.length / 2; i < model.length / 2 + 8; i++) {
            flipped[i] ^= 0x5A;
        }
        Files.write(dir.resolve("flipped.gated"), flipped);
        Files.write(dir.resolve("spliced.gated"), ModelZip.splice(model,
                Files.readAllBytes(dir.resolve("other.gated")), "weights.bin"));
    }

    /** Inputs of the text, language-model, translation and speech commands. */
    private static void otherCommandFiles(Path dir) throws IOException {
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            pairs.append("go ").append(i % 10).append('\t').append("va ").append(i % 10).append('\n');
        }
        text(dir, "pairs.tsv", pairs.toString());
        text(dir, "lm.txt", "the quick brown fox jumps over the lazy dog. ".repeat(20));
        StringBuilder labelled = new StringBuilder("text,label\n");
        for (int i = 0; i < 40; i++) {
            labelled.append(i % 2 == 0 ? "good fine nice" : "bad poor awful").append(',')
                    .append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        text(dir, "labelled.csv", labelled.toString());
        Files.createDirectory(dir.resolve("recordings"));
        text(dir, "recordings/3_theo_0.wav", "not audio: the guard refuses before reading it");
        byte[] model = Files.readAllBytes(dir.resolve("model.gated"));
        Files.write(dir.resolve("units15k.gated"), ModelZip.editProperties(model,
                p -> p.replace("layer.0.units=2", "layer.0.units=15000")));
        Files.write(dir.resolve("history-edited.gated"), ModelZip.editProperties(model,
                p -> p.replace("history.epochs=1", "history.epochs=3")));
        Files.write(dir.resolve("history-word.gated"), ModelZip.editProperties(model,
                p -> p.replaceAll("(?m)^history\\.0=[^,]*,", "history.0=x,")));
    }

    private static void links(Path dir) throws IOException {
        Files.createSymbolicLink(dir.resolve("zero-link.csv"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("data-link.csv"), dir.resolve("good.csv"));
        Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("gone.csv"));
        Files.createLink(dir.resolve("hard-link.csv"), dir.resolve("good.csv"));
        try {
            new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Month,Sales rows from 2000-01 on, the value of row i from {@code value}. */
    static String series(int n, java.util.function.IntFunction<String> value) {
        StringBuilder sb = new StringBuilder("Month,Sales\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%d-%02d,", 2000 + i / 12, i % 12 + 1)).append(value.apply(i))
                    .append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void text(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
