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
                "--search-windows", "6,12", "--search-units", "4", "--search-lr", "0.01", "--trials", "5",
                "--epochs", "3", "--out", out.toString(), "--json").ok().json();
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
}
