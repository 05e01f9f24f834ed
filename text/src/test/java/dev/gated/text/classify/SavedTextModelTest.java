package dev.gated.text.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text classifier saved by the first version of the workflow (written by {@link #main}, committed as
 * {@code weather-text-v1.gated}) must keep loading, with its vocabulary, class names and predictions.
 */
class SavedTextModelTest {

    static final List<String> TEXTS = List.of("today snow and ice", "rain rain storm", "", "the sunny the warm");

    /** The probabilities {@link #main} printed when the file was written. */
    static final double[][] EXPECTED = {
        {0.0031947989482432604, 0.022278286516666412, 0.9745269417762756},
        {0.02057684026658535, 0.956049382686615, 0.023373782634735107},
        {0.21841034293174744, 0.43507450819015503, 0.34651514887809753},
        {0.9849761724472046, 0.012935205362737179, 0.0020886389538645744},
    };

    @TempDir
    Path dir;

    @Test
    void theCommittedModelStillLoadsAndPredictsTheSame() throws IOException {
        Path file = dir.resolve("weather-text-v1.gated");
        try (InputStream in = SavedTextModelTest.class.getResourceAsStream("weather-text-v1.gated")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        TextClassifier c = TextClassifier.load(file);
        assertEquals(List.of("fair", "wet", "winter"), c.labels().names());
        assertEquals("LSTM(4)", c.model().metadata().get("text.model"));
        double[][] p = c.predictProbabilities(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(EXPECTED[i], p[i], 1e-6, "text " + i + ": " + TEXTS.get(i));
        }
    }

    static List<LabelledTexts.Row> rows() {
        Random random = new Random(1);
        String[][] words = {{"sunny", "bright", "warm"}, {"rain", "wet", "storm"}, {"snow", "cold", "ice"}};
        String[] names = {"fair", "wet", "winter"};
        List<LabelledTexts.Row> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int k = i % 3;
            StringBuilder sb = new StringBuilder("today");
            for (int w = 0, n = 1 + random.nextInt(5); w < n; w++) {
                sb.append(' ').append(random.nextInt(4) == 0 ? "the" : words[k][random.nextInt(3)]);
            }
            rows.add(new LabelledTexts.Row(sb.toString(), names[k], i + 1));
        }
        return rows;
    }

    /** Writes the fixture: {@code main(path)}; keep this code as it was when the file was committed. */
    public static void main(String[] args) throws IOException {
        TextClassifier.Config config = new TextClassifier.Config("lstm", false, 4, 4, 5, 16, 0.03, 20, 100, 1, 11);
        TextExperiment.Report report = TextExperiment.run(rows(), 0.25, true, List.of(config), null);
        TextClassifier c = report.results().get(2).classifier();
        c.save(Path.of(args[0]));
        for (double[] row : c.predictProbabilities(TEXTS)) {
            System.out.println(java.util.Arrays.toString(row));
        }
    }
}
