package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 14, the Text tab in headless Chromium, as a new user walks it on a slice of the shared sentiment data (the
 * first 200 sentences of the Amazon file): a bad file refused in the page's words, upload, column choice (and a wrong
 * one), a comparison of tiny RNN, LSTM and GRU with both baselines in the table, a sentence inspected word by word,
 * the exported command copied, a cancelled job. Screenshots: {@code target/screenshots/30-text-*.png} … {@code 37-*}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TextBrowserTest extends BrowserTestBase {

    /** A screenshot with {@code css} scrolled to the top of the window. */
    void shotAt(String css, String name) throws IOException {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
        shot(name);
    }

    @Test
    @Order(1)
    void aFileWithoutTextIsRefusedInThePagesWords() throws IOException {
        tab("text");
        shot("30-text-start");
        Path numbers = Files.writeString(files.resolve("numbers.csv"), "height,weight\n1.7,60\n1.8,75\n");
        upload("#text-file", numbers);
        waiting(10).until(d -> $("#text-error").isDisplayed());
        String error = $("#text-error").getText();
        assertTrue(error.startsWith("numbers.csv has no column of text"), error);
        assertFalse(error.contains("Exception"), error);
        assertTrue($("#text-choices").getAttribute("hidden") != null, "no column choice for a refused file");
        shot("31-text-bad-upload");
    }

    @Test
    @Order(2)
    void uploadTheSentimentSliceAndPickItsColumns() throws IOException {
        upload("#text-file", TextSlice.write(files, "amazon-200.txt", TextSlice.AMAZON, 200));
        waiting(10).until(d -> text("#text-classes").contains("200 texts in 2 classes"));
        assertFalse($("#text-error").isDisplayed(), "the previous file's error is gone");
        assertTrue(text("#text-info").contains("no header line"), text("#text-info"));
        assertEquals("1", $("#text-column").getAttribute("value"));
        assertEquals("2", $("#label-column").getAttribute("value"));
        assertEquals("\"0\" 99, \"1\" 101.", text("#text-classes").replaceAll(".*classes: ", ""));
        assertEquals(12, all("#text-preview tr").size(), "header, 10 rows and \"… 190 more rows\"");
        assertEquals("… 190 more rows", text("#text-preview tr:last-child"));

        new Select($("#label-column")).selectByValue("1");
        waiting(10).until(d -> $("#text-error").isDisplayed());
        assertEquals("the text column and the label column must be different columns", $("#text-error").getText());
        assertEquals("", text("#text-classes"), "the classes of the previous choice no longer apply");
        shot("32-text-same-column");
        new Select($("#label-column")).selectByValue("2");
        waiting(10).until(d -> text("#text-classes").contains("2 classes"));
        assertFalse($("#text-error").isDisplayed());
        shotAt("#panel-text h2", "33-text-columns");
    }

    @Test
    @Order(3)
    void compareShowsBothBaselinesBesideTheNetworks() throws IOException {
        type("#text-units", "4");
        type("#text-embedding", "8");
        type("#text-epochs", "500");
        $("#text-compare").click();
        waiting(5).until(d -> $("#text-run-error").isDisplayed());
        assertEquals("Epochs must be a whole number between 1 and 200, not 500.", $("#text-run-error").getText());
        type("#text-epochs", "2");
        $("#text-compare").click();
        waiting(10).until(d -> all("#text-jobs tbody tr").size() == 3);
        assertFalse($("#text-run-error").isDisplayed());
        waiting(60).until(d -> all("#text-jobs td.state-done").size() == 3);
        assertTrue(text("#text-loss-chart-summary").contains("2 epoch(s), loss"), text("#text-loss-chart-summary"));
        shotAt("#text-status", "34-text-jobs");
        waiting(20).until(d -> all("#text-results tr.model td.accuracy").stream().noneMatch(td -> td.getText().isEmpty())
                && all("#text-results tr.model").size() == 3);
        assertEquals(2, all("#text-results tr.baseline").size(), "majority class and bag-of-words rows");
        assertTrue(text("#text-results tr[data-row=majority]").startsWith("majority class ('1')"), text("#text-results tr[data-row=majority]"));
        assertEquals(1, all("#text-results tr.best").size());
        assertEquals(4, all("#text-results tr[data-row=gru] table.confusion td").size(), "a 2×2 confusion matrix");
        String caption = text("#text-caption");
        Matcher bow = Pattern.compile("bag-of-words logistic regression (\\d+) \\(").matcher(caption);
        assertTrue(bow.find(), caption);
        double tableAccuracy = Double.parseDouble(text("#text-results tr[data-row=bag-of-words] td.accuracy"));
        assertEquals(tableAccuracy, Integer.parseInt(bow.group(1)) / 40.0, 0.0005, "the caption's count is the table's accuracy: " + caption);
        shotAt("#text-results", "35-text-results");
    }

    @Test
    @Order(4)
    void inspectASentenceWordByWord() throws IOException {
        Select model = new Select($("#text-inspect-job"));
        waiting(10).until(d -> model.getOptions().stream().anyMatch(o -> o.getText().contains("GRU(4)")));
        model.getOptions().stream().filter(o -> o.getText().contains("GRU(4)")).findFirst().orElseThrow().click();
        String sentence = "The battery is great but the case is awful.";
        type("#text-sentence", sentence);
        $("#text-inspect").click();
        int words = Tokenizer.tokenize(sentence).size();
        waiting(20).until(d -> all("#text-words tr.word").size() == words);
        assertEquals(List.of("r", "z", "n", "hidden"), all("#text-heatmaps .heatmap").stream()
                .map(e -> e.getAttribute("data-gate")).toList());
        waiting(10).until(d -> all("#text-heatmaps .heatmap canvas").size() == 4);
        assertTrue(text("#text-probabilities").startsWith("Predicted class \""), text("#text-probabilities"));
        assertTrue(text("#text-inspect-summary").startsWith("GRU(4) reads " + words + " words"), text("#text-inspect-summary"));
        assertEquals("polite", $("#text-probabilities").getAttribute("aria-live"));
        shotAt("#text-inspect", "36-text-inspect");
    }

    @Test
    @Order(5)
    void exportGivesTheCommandWithACopyButton() throws IOException {
        Select model = new Select($("#text-export-job"));
        model.getOptions().stream().filter(o -> o.getText().contains("LSTM(4)")).findFirst().orElseThrow().click();
        waiting(10).until(d -> text("#text-command").contains("--model lstm"));
        String command = text("#text-command");
        assertTrue(command.startsWith("./gated text train --data /") && command.contains("--no-header"), command);
        assertTrue($("#text-download-model").getAttribute("href").endsWith("/model.gated"));
        $("#text-copy-command").click();
        waiting(10).until(d -> $("#text-copy-status").getText().startsWith("Copied"));
        shotAt("#text-export-job", "37-text-export");
    }

    @Test
    @Order(6)
    void aReloadKeepsTheFileTheColumnsAndTheResults() throws IOException {
        driver.navigate().refresh();
        tab("text");
        waiting(20).until(d -> text("#text-classes").contains("200 texts in 2 classes"));
        assertEquals("2", $("#label-column").getAttribute("value"));
        waiting(20).until(d -> all("#text-results tr.model").size() == 3 && all("#text-results tr.baseline").size() == 2);
        assertTrue(text("#text-caption").startsWith("Of the 40 test texts"), text("#text-caption"));
    }

    @Test
    @Order(7)
    void aTextJobCanBeCancelled() throws IOException {
        for (String kind : List.of("lstm", "gru")) {
            $(".text-kind[value=" + kind + "]").click();
        }
        type("#text-epochs", "200");
        $("#text-compare").click();
        waiting(10).until(d -> all("#text-jobs tbody tr").size() == 1 && text("#text-jobs tbody").contains("RNN(4)"));
        // time-outs, not speed checks: on 2 shared cores a first epoch and the scoring of the kept weights after a
        // cancel each took over 30 s twice (load 17–19, and once in a clean CI run); the assertions stay the same
        waiting(60).until(d -> text("#text-jobs tbody td:nth-child(4)").matches("[1-9]\\d* / 200"));
        clickNow("#text-jobs .cancel-btn");
        waiting(60).until(d -> text("#text-jobs tbody").contains("cancelled at epoch"));
        waiting(20).until(d -> text("#text-results tr[data-row=rnn]").contains("cancelled at epoch"));
        shotAt("#text-status", "38-text-cancelled");
    }
}
