package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gated tune: a leaderboard ranked on validation RMSE, the winner saved and usable, a split without validation refused. */
class TuneCommandTest {

    @TempDir
    Path dir;

    @Test
    void leaderboardIsRankedAndTheWinnerSaved() throws Exception {
        Path data = SharedData.airline();
        Path out = dir.resolve("best.gated");
        JsonNode doc = Cli.run("tune", "--data", data.toString(), "--target", "Passengers", "--search-cells", "gru",
                "--search-windows", "6,12", "--search-units", "4", "--search-lr", "0.01", "--search-layers", "1",
                "--search-dropout", "0", "--trials", "5", "--epochs", "3", "--out", out.toString(), "--json").ok().json();
        JsonNode board = doc.get("leaderboard");
        assertEquals(2, board.size(), "the whole 2-candidate grid (fewer than --trials)");
        assertTrue(board.get(0).get("val_rmse").asDouble() <= board.get(1).get("val_rmse").asDouble());
        assertEquals(board.get(0).get("window").asInt(), doc.at("/best_hyper_parameters/window").asInt());
        assertTrue(Files.size(out) > 0);
        JsonNode e = Cli.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(doc.at("/rows/0/test_rmse").asDouble(), e.at("/rows/0/test_rmse").asDouble(), 1e-9,
                "the saved model is the winner scored after the search");

        Cli.run("tune", "--data", data.toString(), "--target", "Passengers", "--preset", "keras-tutorial",
                "--trials", "1", "--out", dir.resolve("x.gated").toString()).failsWith(2).says("validation part");
    }

    @Test
    void halvingRunsItsRungsWithinTheBudgetAndDrawsTheLeaderboard() throws Exception {
        Path data = SharedData.airline();
        Path out = dir.resolve("halved.gated");
        Path png = dir.resolve("board.png");
        JsonNode doc = Cli.run("tune", "--data", data.toString(), "--target", "Passengers", "--search-cells", "gru",
                "--search-windows", "6,12", "--search-units", "4,8", "--search-lr", "0.01", "--search-layers", "1",
                "--search-dropout", "0,0.2", "--trials", "4", "--halving", "2", "--epochs", "4", "--patience", "0",
                "--budget", "5m", "--out", out.toString(), "--plot", png.toString(), "--json").ok().json();
        JsonNode rungs = doc.get("rungs");
        assertEquals(3, rungs.size(), rungs.toString());
        int[] epochs = {1, 2, 4};
        int[] trained = {4, 2, 1};
        for (int r = 0; r < 3; r++) {
            assertEquals(epochs[r], rungs.get(r).get("epochs").asInt());
            assertEquals(trained[r], rungs.get(r).get("trials").size());
        }
        assertEquals(rungs.get(0).get("kept"), rungs.get(1).get("trials"), "the kept trials go on, best first");
        JsonNode winner = doc.get("leaderboard").get(0);
        assertEquals(2, winner.get("rung").asInt());
        assertEquals(4, winner.get("epochs").asInt());
        assertEquals(rungs.get(2).get("trials").get(0).asInt(), winner.get("trial").asInt());
        assertEquals(winner.get("dropout").asDouble(), doc.at("/best_hyper_parameters/dropout").asDouble());
        assertTrue(Files.size(png) > 1000, "the leaderboard PNG is written");

        Cli.run("tune", "--data", data.toString(), "--target", "Passengers", "--budget", "ten", "--out",
                dir.resolve("y.gated").toString()).failsWith(2).says("--budget").says("20m");
        Cli.run("tune", "--data", data.toString(), "--target", "Passengers", "--budget", "1m", "--minutes", "1",
                "--out", dir.resolve("y.gated").toString()).failsWith(2).says("one of them");
        Cli.run("tune", "--data", data.toString(), "--target", "Passengers", "--halving", "1", "--out",
                dir.resolve("y.gated").toString()).failsWith(2).says("--halving");
    }
}
