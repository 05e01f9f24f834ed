package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gated text train / evaluate / predict, on the shared sentiment data and on a small three-class CSV. */
class TextCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainEvaluatePredictOnTheSharedSentimentData() {
        Path amazon = SharedData.file("sentiment-labelled-sentences/amazon_cells_labelled.txt");
        Path model = dir.resolve("amazon.gated");
        JsonNode train = Cli.run("text", "train", "--data", amazon.toString(), "--no-header", "--text", "1",
                "--label", "2", "--model", "gru", "--epochs", "3", "--units", "16", "--embedding", "16",
                "--learning-rate", "0.01", "--out", model.toString(), "--json").ok().json();
        assertEquals(1000, train.get("rows").asInt());
        assertEquals(200, train.get("test").asInt());
        JsonNode rows = train.get("results");
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).get("model").asText().startsWith("majority class"), rows.toString());
        assertEquals(0.5, rows.get(0).get("accuracy").asDouble(), 1e-12);
        assertEquals("bag-of-words logistic regression", rows.get(1).get("model").asText());
        assertTrue(rows.get(1).get("accuracy").asDouble() > 0.7, rows.toString());
        assertTrue(rows.get(2).get("accuracy").asDouble() > 0.6, rows.toString());
        assertTrue(rows.get(2).get("roc_auc").asDouble() > 0.6, rows.toString());

        JsonNode eval = Cli.run("text", "evaluate", "--model", model.toString(), "--data", amazon.toString(), "--json")
                .ok().json();
        assertEquals("test_part", eval.get("scope").asText());
        assertEquals(200, eval.get("rows").asInt());
        assertEquals(rows.get(2).get("accuracy").asDouble(), eval.get("results").get(2).get("accuracy").asDouble(), 1e-12,
                "evaluate re-makes the split and scores what train scored");
        assertEquals(rows.get(1).get("accuracy").asDouble(), eval.get("results").get(1).get("accuracy").asDouble(), 1e-12);

        Path yelp = SharedData.file("sentiment-labelled-sentences/yelp_labelled.txt");
        JsonNode other = Cli.run("text", "evaluate", "--model", model.toString(), "--data", yelp.toString(), "--json")
                .ok().json();
        assertEquals("all_rows", other.get("scope").asText());
        assertEquals(1000, other.get("rows").asInt());
        assertEquals(2, other.get("results").size(), other.toString());
        assertTrue(other.get("results").get(0).get("model").asText().startsWith("majority class of the training part"));
        assertEquals(0.5, other.get("results").get(0).get("accuracy").asDouble(), 1e-12);

        JsonNode p = Cli.run("text", "predict", "--model", model.toString(), "--text", "Great phone, works perfectly.",
                "--text", "", "--json").ok().json();
        assertEquals(2, p.get("predictions").size());
        JsonNode first = p.get("predictions").get(0);
        assertEquals(1.0, first.get("probabilities").get("0").asDouble() + first.get("probabilities").get("1").asDouble(), 1e-6);
    }

    @Test
    void threeClassCsvWithHeaderAndPlainTextOutput() throws Exception {
        Path csv = dir.resolve("weather.csv");
        StringBuilder sb = new StringBuilder("id,note,sky\n");
        String[][] words = {{"sunny", "bright"}, {"rain", "storm"}, {"snow", "ice"}};
        String[] names = {"fair", "wet", "winter"};
        Random random = new Random(2);
        for (int i = 0; i < 150; i++) {
            sb.append(i).append(",\"today, ").append(words[i % 3][random.nextInt(2)]).append(' ')
                    .append(words[i % 3][random.nextInt(2)]).append("\",").append(names[i % 3]).append('\n');
        }
        Files.writeString(csv, sb, StandardCharsets.UTF_8);
        Path model = dir.resolve("w.gated");
        Cli.Result r = Cli.run("text", "train", "--data", csv.toString(), "--text", "note", "--label", "sky",
                "--model", "rnn", "--epochs", "4", "--units", "8", "--embedding", "8", "--learning-rate", "0.02",
                "--min-count", "1", "--out", model.toString()).ok();
        assertTrue(r.out().contains("3 classes [fair, wet, winter]"), r.out());
        assertTrue(r.out().contains("bag-of-words logistic regression") && r.out().contains("RNN(8)"), r.out());
        assertTrue(r.out().contains("confusion matrix"), r.out());
        Cli.Result p = Cli.run("text", "predict", "--model", model.toString(), "--text", "snow and ice").ok();
        assertTrue(p.out().startsWith("winter\t"), p.out());

        JsonNode in = Cli.run("text", "inspect", "--model", model.toString(), "--text", "Snow, ice and qqq!", "--label", "winter", "--json")
                .ok().json();
        assertEquals("winter", in.get("target").asText());
        JsonNode steps = in.get("steps");
        assertEquals(4, steps.size(), in.toString());
        assertEquals("qqq", steps.get(3).get("word").asText());
        assertTrue(steps.get(0).get("known").asBoolean() && !steps.get(3).get("known").asBoolean(), in.toString());
        assertEquals(8, steps.get(0).get("hidden").size());
        assertTrue(steps.get(3).get("gradient_norm").asDouble() > 0, in.toString());
        Cli.Result text = Cli.run("text", "inspect", "--model", model.toString(), "--text", "rain", "--label", "wet").ok();
        assertTrue(text.out().contains("|h_t|") && text.out().contains("rain"), text.out());
    }

    @Test
    void usageAndDataErrorsAreOneLine() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "text,label\ngood,1\nbad,0\n", StandardCharsets.UTF_8);
        Cli.run("text", "train", "--data", csv.toString(), "--text", "review", "--label", "label")
                .failsWith(1).says("--text names the column 'review'", "[text, label]");
        Cli.run("text", "train", "--data", csv.toString(), "--text", "text", "--label", "label", "--model", "lstm,gru",
                "--out", dir.resolve("m.gated").toString()).failsWith(2).says("--out saves one model");
        Cli.run("text", "train", "--data", csv.toString(), "--text", "text", "--label", "label", "--model", "cnn")
                .failsWith(2).says("rnn, lstm or gru");
        Cli.run("text").failsWith(2).says("missing command: text train, evaluate, predict or inspect");
    }
}
