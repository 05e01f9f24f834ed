package dev.gated.studio;

import dev.gated.timeseries.testdata.WeatherCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The studio in a real browser ({@link BrowserTestBase}: headless Chromium through the system chromedriver). Walks a
 * new user's forecasting path and saves a screenshot of every step under {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserTest extends BrowserTestBase {

    void upload(Path file) {
        upload("#file-input", file);
    }

    @Test
    @Order(1)
    void uploadTheAirlineCsv() throws IOException {
        shot("01-start");
        Path csv = files.resolve("airline-passengers.csv");
        try (InputStream in = getClass().getResourceAsStream("/dev/gated/studio/samples/airline-passengers.csv")) {
            Files.copy(in, csv);
        }
        upload(csv);
        waiting(20).until(d -> $("#data-info").getText().contains("144 rows"));
        assertTrue($("#data-info").getText().contains("time column \"Month\""), $("#data-info").getText());
        assertEquals("target", new Select($("#column-picker select.role[data-column=Passengers]"))
                .getFirstSelectedOption().getAttribute("value"), "the last numeric column is the target at first");
        waiting(10).until(d -> "true".equals($("#data-chart").getAttribute("data-drawn")));
        assertTrue(all("#preview-table tr").size() > 10, "the preview table shows the first rows");
        shot("02-data");
    }

    @Test
    @Order(2)
    void prepareDrawsTheWindows() throws IOException {
        tab("prepare");
        $("#prepare-btn").click();
        waiting(20).until(d -> $("#prepare-info").getText().contains("windows:"));
        assertTrue($("#prepare-info").getText().contains("74 train, 22 validation, 36 test"), $("#prepare-info").getText());
        waiting(10).until(d -> "true".equals($("#prepare-chart").getAttribute("data-drawn")));
        shot("03-prepare");
    }

    @Test
    @Order(3)
    void trainLstmAndGruAndWatchTheCurve() throws IOException {
        tab("models");
        assertTrue($("#use-lstm").isSelected() && $("#use-gru").isSelected(), "LSTM and GRU are chosen by default");
        type("#epochs", "40");
        shot("04-models");
        $("#train-btn").click();
        waiting(10).until(d -> $("#panel-train").isDisplayed());
        waiting(60).until(d -> attr("#loss-chart", "data-points") >= 1);
        int first = attr("#loss-chart", "data-points");
        waiting(60).until(d -> attr("#loss-chart", "data-points") > first);
        shot("05-training");
        waiting(180).until(d -> all("#jobs-table tbody td.state-done").size() == 2);
        assertEquals(80, attr("#loss-chart", "data-points"), "40 epochs of 2 models on the curve");
        shot("06-trained");
    }

    @Test
    @Order(4)
    void readTheComparisonTable() throws IOException {
        tab("results");
        waiting(30).until(d -> all("#results-table tr[data-model=lstm] td.test-rmse").size() == 1
                && all("#results-table tr[data-model=gru] td.test-rmse").size() == 1
                && !$("#results-table tr[data-model=gru] td.test-rmse").getText().equals("–"));
        for (String model : List.of("lstm", "gru", "naive", "seasonal_naive", "moving_average")) {
            String rmse = $("#results-table tr[data-model=" + model + "] td.test-rmse").getText();
            assertTrue(Double.parseDouble(rmse) > 0, model + " test RMSE " + rmse);
        }
        assertEquals(1, all("#results-table tr.best").size(), "one row is marked best");
        waiting(20).until(d -> "true".equals($("#forecast-chart").getAttribute("data-drawn")));
        shot("07-results");
    }

    @Test
    @Order(5)
    void insideShowsTheGateHeatmaps() throws IOException {
        tab("inside");
        selectJob("#inside-job", "LSTM");
        $("#inside-btn").click();
        waiting(60).until(d -> all("#heatmaps .heatmap[data-drawn=true] canvas").size() == 4);
        for (String gate : List.of("i", "f", "g", "o")) {
            assertEquals(1, all("#heatmap-" + gate + " canvas").size(), "heatmap of LSTM gate " + gate);
        }
        waiting(60).until(d -> "true".equals($("#grad-chart").getAttribute("data-drawn")));
        assertTrue("true".equals($("#cell-chart").getAttribute("data-drawn")), "the LSTM cell-state traces are drawn");
        waiting(10).until(d -> text("#grad-caption").startsWith("Measured after training"));
        assertTrue(text("#grad-caption").contains("LSTM(32)") && text("#grad-caption").contains("from lag 0 to lag 11"),
                "item 8: the caption is written from the measured norms: " + text("#grad-caption"));
        shot("08-inside-lstm");
        selectJob("#inside-job", "GRU");
        $("#inside-btn").click();
        waiting(60).until(d -> all("#heatmap-z canvas").size() == 1 && all("#heatmaps .heatmap").size() == 3);
        shot("09-inside-gru");
    }

    void selectJob(String css, String label) {
        Select s = new Select($(css));
        waiting(20).until(d -> s.getOptions().stream().anyMatch(o -> o.getText().contains(label)));
        s.getOptions().stream().filter(o -> o.getText().contains(label)).findFirst().orElseThrow().click();
    }

    @Test
    @Order(6)
    void exportGivesTheCommandAndCode() throws IOException {
        tab("export");
        selectJob("#export-job", "GRU");
        ((JavascriptExecutor) driver).executeScript("exportJob()");
        waiting(20).until(d -> $("#export-command").getText().contains("--model gru"));
        assertTrue($("#export-command").getText().startsWith(
                "./gated train --data studio/src/main/resources/dev/gated/studio/samples/airline-passengers.csv"),
                $("#export-command").getText());
        assertTrue($("#export-java").getText().contains("new HyperParameters(32, 1, 12, 1, 1, 40, 16, 0.01, 42L"),
                $("#export-java").getText());
        assertTrue($("#export-note").getText().contains("project root"), $("#export-note").getText());
        $("#copy-command").click();
        waiting(10).until(d -> $("#copy-status").getText().startsWith("Copied"));
        assertTrue($("#download-data").getAttribute("href").endsWith("/file"));
        assertTrue($("#download-model").getAttribute("href").endsWith("/model.gated"));
        assertTrue($("#download-onnx").getAttribute("href").endsWith("/model.onnx"));
        assertTrue($("#download-onnx").isDisplayed(), "the ONNX link sits beside the model file's");
        shot("10-export");
    }

    @Test
    @Order(7)
    void aReopenedTabListsTheJobs() throws IOException {
        driver.navigate().refresh();
        tab("train");
        waiting(20).until(d -> all("#jobs-table tbody td.state-done").size() == 2);
        waiting(20).until(d -> attr("#loss-chart", "data-points") == 80);
        shot("11-reopened");
    }

    @Test
    @Order(8)
    void memoryLabRunsTheAddingTask() throws IOException {
        tab("memory");
        type("#mem-length", "20");
        type("#mem-examples", "200");
        type("#mem-epochs", "3");
        type("#mem-units", "8");
        $("#mem-btn").click();
        waiting(10).until(d -> $("#panel-train").isDisplayed());
        try {
            waiting(180).until(d -> all("#jobs-table tbody td.state-done").size()
                    + all("#jobs-table tbody td.state-failed").size() == 3); // the Train panel shows the latest run
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("12-memory-timeout");
            throw new AssertionError("the page shows " + $("#jobs-table").getText() + "\nthe server has "
                    + server.jobs().jobs().stream().map(j -> j.id() + " " + j.state()).toList(), e);
        }
        shot("12-memory-training");
        assertEquals(3, all("#jobs-table tbody td.state-done").size(), "every memory job finishes: "
                + $("#jobs-table").getText());
        tab("results");
        waiting(20).until(d -> all("#results-table tr[data-model=baseline] td.test-metric").size() == 1
                && all("#results-table tr[data-model=rnn] td.test-metric").size() == 1);
        shot("13-memory-results");
        tab("inside");
        selectJob("#inside-job", "RNN(8) (r2)");
        $("#inside-btn").click();
        waiting(60).until(d -> all("#heatmap-h canvas").size() == 1
                && "true".equals($("#grad-chart").getAttribute("data-drawn")));
        shot("14-memory-inside");
    }

    @Test
    @Order(9)
    void aBrokenCsvShowsLineAndColumn() throws IOException {
        tab("data");
        Path bad = files.resolve("broken.csv");
        Files.writeString(bad, "Month,Passengers\n1949-01,112\n1949-02,12x\n1949-03,132\n", StandardCharsets.UTF_8);
        upload(bad);
        waiting(20).until(d -> $("#data-error").isDisplayed());
        String error = $("#data-error").getText();
        assertTrue(error.contains("line 3") && error.contains("Passengers") && error.contains("12x"), error);
        shot("15-broken-csv");
    }

    @Test
    @Order(10)
    void aTextColumnIsPickedAsAOneHotInput() throws IOException {
        tab("data");
        Path csv = files.resolve("seattle-weather.csv");
        Files.writeString(csv, WeatherCsv.text(400), StandardCharsets.UTF_8);
        upload(csv);
        waiting(20).until(d -> $("#data-info").getText().contains("seattle-weather.csv: 400 rows"));
        assertTrue($("#data-info").getText().contains("1 text column") || $("#data-info").getText().contains("2 text column"),
                $("#data-info").getText());
        assertTrue($("#column-picker tr[data-column=weather]").getText().contains("5 values"),
                $("#column-picker tr[data-column=weather]").getText());
        assertTrue(!$("#column-picker select.role[data-column=station]").isEnabled(),
                "an identifier column cannot be an input");
        new Select($("#column-picker select.role[data-column=temp_max]")).selectByValue("target");
        new Select($("#column-picker select.role[data-column=weather]")).selectByValue("feature");
        assertEquals("ignored", new Select($("#column-picker select.role[data-column=wind]"))
                .getFirstSelectedOption().getAttribute("value"), "the previous target is ignored");
        shot("16-text-column-picker");
        tab("prepare");
        type("#window", "7");
        $("#prepare-btn").click();
        waiting(20).until(d -> $("#prepare-info").getText().contains("windows:"));
        assertTrue($("#prepare-info").getText().contains("(T, F) = (7, 6): temp_max, weather=drizzle, weather=fog,"),
                $("#prepare-info").getText());
        assertTrue($("#prepare-info").getText().contains("scaler min-max"), "the scaler as the menu names it");
        shot("17-text-column-windows");
    }

    @Test
    @Order(11)
    void aFailedUploadClearsThePreviousFile() throws IOException {
        tab("data");
        assertTrue(all("#preview-table tr").size() > 1, "the weather file is on screen");
        Path bad = files.resolve("typo.csv");
        Files.writeString(bad, "Month,Passengers\n1949-01,112\n1949-02,12x\n1949-03,132\n", StandardCharsets.UTF_8);
        upload(bad);
        waiting(20).until(d -> $("#data-error").isDisplayed());
        assertEquals(0, all("#preview-table tr").size(), "no preview of the previous file");
        assertTrue(!$("#picker-box").isDisplayed(), "no column picker of the previous file");
        assertEquals("false", $("#data-chart").getAttribute("data-drawn"), "no chart of the previous file");
        tab("prepare");
        $("#prepare-btn").click();
        waiting(10).until(d -> $("#prepare-error").isDisplayed());
        assertTrue($("#prepare-error").getText().contains("Choose a data set first"), $("#prepare-error").getText());
        assertEquals("", $("#prepare-info").getText(), "nothing of the previous preparation is left");
        driver.navigate().refresh();
        waiting(10).until(d -> !$("#samples").getText().isEmpty());
        assertEquals(0, all("#preview-table tr").size(), "a reload does not bring the previous file back");
        shot("18-failed-upload-cleared");
    }

    @Test
    @Order(12)
    void theTrainPanelShowsTheLatestRunAndACancelledJobKeepsItsBestEpoch() throws IOException {
        tab("data");
        $("#sample-airline-passengers").click();
        waiting(20).until(d -> $("#data-info").getText().contains("144 rows"));
        tab("models");
        for (String kind : List.of("rnn", "lstm")) {
            if ($("#use-" + kind).isSelected()) {
                $("#use-" + kind).click();
            }
        }
        if (!$("#use-gru").isSelected()) {
            $("#use-gru").click();
        }
        type("#epochs", "5000");
        $("#train-btn").click();
        waiting(10).until(d -> $("#panel-train").isDisplayed());
        waiting(60).until(d -> attr("#loss-chart", "data-points") >= 3);
        assertEquals(1, all("#jobs-table tbody tr").size(), "only the latest run is listed: " + text("#jobs-table"));
        assertTrue(text("#jobs-hidden").contains("hidden"), text("#jobs-hidden"));
        clickNow("#jobs-table tbody .cancel-btn");
        waiting(30).until(d -> text("#jobs-table tbody td.state-cancelled").contains("cancelled at epoch"));
        assertTrue(text("#jobs-table tbody td.state-cancelled").contains("kept"),
                text("#jobs-table tbody td.state-cancelled"));
        shot("19-cancelled-keeps-best");
        new Select($("#jobs-filter")).selectByValue("all");
        waiting(10).until(d -> all("#jobs-table tbody tr").size() > 1);
        new Select($("#jobs-filter")).selectByValue("current");
        tab("export");
        selectJob("#export-job", "cancelled at epoch");
        ((JavascriptExecutor) driver).executeScript("exportJob()");
        waiting(20).until(d -> $("#export-command").getText().contains("--model gru"));
        tab("train");
        clickNow("#clear-jobs");
        waiting(20).until(d -> all("#jobs-table tbody tr").isEmpty() && text("#jobs-hidden").isEmpty());
        shot("20-cleared");
    }

    @Test
    @Order(13)
    void thePageEnforcesLimitsInItsOwnWords() throws IOException {
        int jobs = server.jobs().jobs().size();
        tab("models");
        type("#epochs", "20000");
        $("#train-btn").click();
        waiting(10).until(d -> $("#models-error").isDisplayed());
        assertEquals("Epochs must be a whole number between 1 and 10000, not 20000.", $("#models-error").getText());
        assertEquals(jobs, server.jobs().jobs().size(), "nothing was sent");
        type("#epochs", "5");
        tab("prepare");
        type("#window", "");
        $("#prepare-btn").click();
        waiting(10).until(d -> $("#prepare-error").isDisplayed());
        assertEquals("Window must be a whole number between 1 and 1000; the box is empty.", $("#prepare-error").getText());
        shot("21-limits-in-words");
        type("#window", "12");
    }

    String role(String column) {
        return new Select($("#column-picker select.role[data-column=" + column + "]")).getFirstSelectedOption()
                .getAttribute("value");
    }

    @Test
    @Order(14)
    void theWorkspaceSurvivesAReloadAndTravelsAsAFile() throws IOException {
        tab("data");
        Path csv = files.resolve("seattle-weather.csv");
        upload(csv);
        waiting(20).until(d -> $("#data-info").getText().contains("seattle-weather.csv: 400 rows"));
        new Select($("#column-picker select.role[data-column=temp_max]")).selectByValue("target");
        new Select($("#column-picker select.role[data-column=weather]")).selectByValue("feature");
        new Select($("#missing-select")).selectByValue("interpolate");
        tab("prepare");
        type("#window", "9");
        driver.navigate().refresh();
        waiting(20).until(d -> all("#column-picker select.role[data-column=weather]").size() == 1);
        assertEquals("feature", role("weather"), "the roles survive a reload");
        assertEquals("target", role("temp_max"));
        assertEquals("9", $("#window").getAttribute("value"));
        assertEquals("interpolate", new Select($("#missing-select")).getFirstSelectedOption().getAttribute("value"));
        shot("22-workspace-after-reload");

        Object saved = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "saveWorkspaceFile().then(ws => done(JSON.stringify(ws)), e => done('failed: ' + e));");
        Path file = files.resolve("gated-workspace.json");
        Files.writeString(file, saved.toString(), StandardCharsets.UTF_8);
        assertTrue(saved.toString().contains("\"format\":\"gated-studio-workspace\"") && saved.toString().contains(
                "2012-01-01,"), "the file holds the settings and the data");

        new Select($("#column-picker select.role[data-column=weather]")).selectByValue("ignored");
        tab("prepare");
        type("#window", "3");
        tab("data");
        upload("#workspace-input", file);
        waiting(20).until(d -> $("#workspace-info").getText().startsWith("Opened gated-workspace.json"));
        waiting(20).until(d -> "feature".equals(role("weather")));
        assertEquals("9", $("#window").getAttribute("value"));
        tab("prepare");
        $("#prepare-btn").click();
        waiting(20).until(d -> $("#prepare-info").getText().contains("(T, F) = (9, 6)"));
        shot("23-workspace-opened");
    }

    double right(String css) {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector(arguments[0]).getBoundingClientRect().right", css)).doubleValue();
    }

    @Test
    @Order(15)
    void keyboardScreenReadersAndASmallScreen() throws IOException {
        driver.navigate().refresh();
        waiting(20).until(d -> all("#column-picker select.role[data-column=weather]").size() == 1);
        String focused = "";
        for (int i = 0; i < 20 && !focused.equals("file-input"); i++) {
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            focused = String.valueOf(((JavascriptExecutor) driver).executeScript("return document.activeElement.id"));
        }
        assertEquals("file-input", focused, "the upload control takes keyboard focus");
        shot("24-upload-focused");
        for (String live : List.of("#data-info", "#prepare-info", "#train-status", "#status-line")) {
            assertEquals("polite", $(live).getAttribute("aria-live"), live);
        }
        for (String error : List.of("#data-error", "#prepare-error", "#models-error", "#memory-error")) {
            assertEquals("alert", $(error).getAttribute("role"), error + " is announced at once");
        }
        assertTrue(text("#data-chart-summary").contains("temp_max from"), text("#data-chart-summary"));
        assertEquals(text("#data-chart-summary"), $("#data-chart").getAttribute("aria-label"));

        driver.manage().window().setSize(new org.openqa.selenium.Dimension(800, 600));
        try {
            tab("models");
            for (String kind : List.of("rnn", "lstm")) {
                if ($("#use-" + kind).isSelected()) {
                    $("#use-" + kind).click();
                }
            }
            type("#epochs", "3");
            $("#train-btn").click();
            waiting(10).until(d -> $("#panel-train").isDisplayed());
            waiting(60).until(d -> text("#train-status").contains("done"));
            assertTrue(text("#loss-chart-summary").contains("3 epoch(s), loss"), text("#loss-chart-summary"));
            double width = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.clientWidth")).doubleValue();
            assertTrue(right("#jobs-table th:last-child") <= width, "the jobs table's last column is on screen at 800×600: "
                    + right("#jobs-table th:last-child") + " > " + width);
            shot("25-train-800x600");
            tab("results");
            waiting(30).until(d -> all("#results-table tr[data-model=gru] td.test-rmse").size() == 1);
            assertTrue(right("#results-table tr:first-child th:last-child") <= width,
                    "the results table's last column is on screen at 800×600: "
                            + right("#results-table tr:first-child th:last-child") + " > " + width);
            waiting(20).until(d -> text("#forecast-chart-summary").contains("test rows"));
            shot("26-results-800x600");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }
}
