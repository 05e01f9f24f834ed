package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 4 gives one line on stderr ("gated: error: …") naming the problem, and exit code 1
 * (failure) or 2 (usage), never a stack trace.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A series of n rows: month labels and a noisy seasonal value. */
    private Path series(String name, int n) throws IOException {
        StringBuilder sb = new StringBuilder("Month,Sales\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%d-%02d,%.1f%n", 2000 + i / 12, i % 12 + 1, 100 + i + 10 * Math.sin(i)));
        }
        return csv(name, sb.toString());
    }

    private static Cli.Result train(Path data, String... extra) {
        String[] base = {"train", "--data", data.toString(), "--target", "Sales", "--epochs", "1", "--units", "4",
                "--window", "4", "--out", data.resolveSibling("m.gated").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Cli.run(all);
    }

    @Test
    void emptyFile() throws IOException {
        train(csv("empty.csv", "")).failsWith(1).says("empty.csv", "empty");
    }

    @Test
    void headerOnly() throws IOException {
        train(csv("header.csv", "Month,Sales\n")).failsWith(1).says("header.csv", "no data rows");
    }

    @Test
    void missingTargetColumn() throws IOException {
        Path data = series("s.csv", 40);
        Cli.run("train", "--data", data.toString(), "--target", "Revenue", "--out", dir.resolve("m.gated").toString())
                .failsWith(1).says("no column \"Revenue\"", "\"Sales\"");
    }

    @Test
    void textInANumericColumn() throws IOException {
        train(csv("text.csv", "Month,Sales\n2000-01,1\n2000-02,2\n2000-03,abc\n2000-04,4\n"))
                .failsWith(1).says("text.csv line 4", "column \"Sales\"", "abc");
    }

    @Test
    void fewerRowsThanWindowPlusHorizon() throws IOException {
        Path data = series("short.csv", 8);
        Cli.run("train", "--data", data.toString(), "--target", "Sales", "--window", "10", "--out",
                dir.resolve("m.gated").toString()).failsWith(1).says("8 data rows", "10 + 1 = 11");
    }

    @Test
    void testPartTooShortForTheWindow() throws IOException {
        Path data = series("s.csv", 30);
        Cli.run("train", "--data", data.toString(), "--target", "Sales", "--window", "12", "--split", "0.3",
                "--out", dir.resolve("m.gated").toString()).failsWith(1).says("train part");
    }

    @Test
    void constantSeries() throws IOException {
        StringBuilder sb = new StringBuilder("t,Sales\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i).append(",5\n");
        }
        train(csv("flat.csv", sb.toString())).failsWith(1).says("constant", "\"Sales\"");
    }

    @Test
    void modelFileGivenAsData() throws IOException {
        Path model = dir.resolve("model.gated");
        Sequential m = Sequential.input(3, 1).add(new Dense(1));
        m.compile(new Adam(0.001), Loss.mse());
        m.save(model);
        train(model).failsWith(1).says("model.gated", "not CSV");
    }

    @Test
    void csvGivenAsModel() throws IOException {
        Path data = series("s.csv", 40);
        Cli.run("evaluate", "--model", data.toString(), "--data", data.toString())
                .failsWith(1).says("s.csv", "not a Gated model file", "CSV");
        Cli.run("forecast", "--model", data.toString(), "--data", data.toString()).failsWith(1);
        Cli.run("summary", "--model", data.toString()).failsWith(1);
    }

    @Test
    void modelWithoutForecastingSettings() throws IOException {
        Path model = dir.resolve("plain.gated");
        Sequential m = Sequential.input(3, 1).add(new Dense(1));
        m.compile(new Adam(0.001), Loss.mse());
        m.save(model);
        Cli.run("evaluate", "--model", model.toString(), "--data", series("s.csv", 40).toString())
                .failsWith(1).says("not written by `gated train`");
    }

    @Test
    void missingFile() {
        train(dir.resolve("nope.csv")).failsWith(1).says("nope.csv", "not found");
        Cli.run("summary", "--model", dir.resolve("nope.gated").toString()).failsWith(1).says("nope.gated", "file not found");
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path data = series("s.csv", 40);
        Cli.run("train", "--target", "Sales", "--out", "m.gated").failsWith(2).says("--data");
        Cli.run("train", "--data", data.toString(), "--target", "Sales", "--out", "m.gated", "--bogus")
                .failsWith(2).says("--bogus");
        train(data, "--model", "transformer").failsWith(2).says("lstm, gru or rnn");
        train(data, "--units", "0").failsWith(2).says("--units");
        train(data, "--split", "1.5").failsWith(2).says("--split");
        train(data, "--missing", "guess").failsWith(2).says("interpolate");
        train(data, "--epochs", "many").failsWith(2).says("--epochs");
        Cli.run("compare", "--data", data.toString(), "--target", "Sales", "--models", "lstm,cnn")
                .failsWith(2).says("cnn");
        Cli.run("frobnicate").failsWith(2);
        Cli.run().failsWith(2).says("missing command");
    }

    @Test
    void debugPrintsTheStackTraceToo() throws IOException {
        Cli.Result r = train(csv("empty.csv", ""), "--debug");
        assertTrue(r.code() == 1 && r.err().startsWith("gated: error: ") && r.err().contains("\tat "), r.err());
    }
}
