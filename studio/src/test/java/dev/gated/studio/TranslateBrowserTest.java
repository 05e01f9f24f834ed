package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.translate.Translator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 10, the Translate tab in headless Chromium: a file that is not a model refused in the page, a tiny
 * Transformer loaded from its .gated file, a sentence translated with its attention heatmap (one drawn cell per
 * output token × source token, a cell's weight on hover), a model without attention saying so instead of drawing,
 * and an empty sentence refused. Screenshots: {@code target/screenshots/40-translate-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranslateBrowserTest extends BrowserTestBase {

    /** The heatmap's cells: the SVG renderer draws each as a path with the series' 0.5 px border. */
    static final String CELLS = "#tr-attention svg path[stroke-width='0.5']";

    @Test
    @Order(1)
    void aFileThatIsNotAModelIsRefusedInThePage() throws IOException {
        tab("translate");
        Path notes = Files.writeString(files.resolve("notes.gated"), "these are my notes\n");
        upload("#tr-model-file", notes);
        waiting(10).until(d -> $("#tr-model-error").isDisplayed());
        String error = $("#tr-model-error").getText();
        assertTrue(error.startsWith("notes.gated: is not a Gated model file"), error);
        assertTrue(text("#tr-model-info").startsWith("No model yet"), text("#tr-model-info"));
        assertFalse($("#tr-download").isDisplayed(), "nothing to download yet");
        $("#tr-translate").click();
        waiting(5).until(d -> $("#tr-error").isDisplayed());
        assertEquals("Load a translation model first (1 · Model).", $("#tr-error").getText());
    }

    @Test
    @Order(2)
    void aTransformersHeatmapHasOneCellPerOutputAndSourceToken() throws IOException {
        Path model = TranslationFixtures.model(files, "transformer");
        upload("#tr-model-file", model);
        waiting(20).until(d -> text("#tr-model-info").contains("parameters"));
        assertFalse($("#tr-model-error").isDisplayed(), "the previous file's error is gone");
        String sentence = "I'm from Singapore.";
        type("#tr-sentence", sentence);
        $("#tr-translate").click();
        waiting(30).until(d -> "true".equals($("#tr-attention").getAttribute("data-drawn")));
        Translator.AttentionWeights expected = Translator.load(model).attention(sentence);
        int rows = expected.outputTokens().size();
        int columns = expected.sourceTokens().size();
        assertEquals(19, columns, "one column per character of the sentence");
        assertTrue(rows >= 3, "a translation of at least two tokens, then END: " + expected.outputTokens());
        assertEquals(rows, attr("#tr-attention", "data-rows"));
        assertEquals(columns, attr("#tr-attention", "data-columns"));
        assertEquals(rows * columns, all(CELLS).size(), "one drawn cell per (output token, source token)");
        assertEquals(Translator.load(model).translate(List.of(sentence)).get(0), text("#tr-greedy"));
        assertTrue(text("#tr-beam-out").endsWith("(width 4)"), text("#tr-beam-out"));
        assertTrue(text("#tr-note").contains("averaged over its 2 heads"), text("#tr-note"));
        assertTrue(text("#tr-attention-summary").startsWith(rows + " output tokens (rows, END last) over 19 source tokens"),
                text("#tr-attention-summary"));

        WebElement first = all(CELLS).get(0);
        new Actions(driver).moveToElement(first).perform();
        String tip = "output 1 \"" + expected.outputTokens().get(0) + "\" read source 1 \"I\": "
                + String.format(java.util.Locale.ROOT, "%.3f", expected.weights()[0][0]);
        try {
            waiting(10).until(d -> text("#tr-attention").contains(tip));
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("40-translate-heatmap-failed");
            throw new AssertionError("tooltip \"" + tip + "\" not shown; the chart's text: " + text("#tr-attention"), e);
        }
        shot("40-translate-heatmap");
    }

    @Test
    @Order(3)
    void aModelWithoutAttentionSaysSoInsteadOfDrawing() throws IOException {
        upload("#tr-model-file", TranslationFixtures.model(files, "gru"));
        waiting(20).until(d -> text("#tr-model-info").contains("no attention, so no heatmap"));
        assertTrue(new Select($("#tr-model")).getFirstSelectedOption().getText().contains("(gru, no attention)"));
        $("#tr-translate").click();
        waiting(30).until(d -> text("#tr-note").startsWith("gru has no attention"));
        assertFalse($("#tr-attention").isDisplayed(), "no empty chart");
        assertEquals(0, all(CELLS).size());
        assertFalse(text("#tr-greedy").isEmpty() && text("#tr-beam-out").isEmpty(), "the translations are still shown");
        shot("41-translate-no-attention");

        type("#tr-sentence", " ");
        $("#tr-translate").click();
        waiting(5).until(d -> $("#tr-error").isDisplayed());
        assertEquals("Type an English sentence to translate (the box is empty).", $("#tr-error").getText());
    }

    @Test
    @Order(4)
    void aSmallModelTrainsOnUploadedPairsWithItsProgressAndLoss() throws IOException {
        $("#tr-train-box summary").click();
        type("#tr-epochs", "500");
        upload("#tr-pairs-file", Files.write(files.resolve("eng-fra-60.tsv"), TranslationFixtures.pairs(60)));
        waiting(5).until(d -> $("#tr-model-error").isDisplayed());
        assertEquals("Epochs must be a whole number between 1 and 100, not 500.", $("#tr-model-error").getText());
        type("#tr-epochs", "2");
        type("#tr-embedding", "8");
        type("#tr-units", "8");
        type("#tr-sentences", "20");
        upload("#tr-pairs-file", files.resolve("eng-fra-60.tsv"));
        waiting(10).until(d -> new Select($("#tr-model")).getFirstSelectedOption().getText().contains("gru-dot on eng-fra-60.tsv"));
        assertFalse($("#tr-model-error").isDisplayed());
        waiting(60).until(d -> text("#tr-model-info").contains("parameters"));
        assertTrue(text("#tr-model-info").startsWith("trained here on 20 sentences of eng-fra-60.tsv"), text("#tr-model-info"));
        assertTrue($("#tr-download").isDisplayed(), "a trained model can be downloaded");
        assertTrue($("#tr-download").getAttribute("href").endsWith("/model.gated"), $("#tr-download").getAttribute("href"));
        assertTrue(text("#tr-loss-chart-summary").contains("gru-dot on eng-fra-60.tsv: 2 of 2 epochs, loss"), text("#tr-loss-chart-summary"));
        type("#tr-sentence", "Go.");
        $("#tr-translate").click();
        waiting(30).until(d -> "true".equals($("#tr-attention").getAttribute("data-drawn")));
        assertEquals(3, attr("#tr-attention", "data-columns"), "G, o and .");
        assertEquals(attr("#tr-attention", "data-rows") * 3, all(CELLS).size());
        shot("42-translate-trained");
    }
}
