package dev.gated.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.model.Sequential;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model files written by earlier versions keep loading and predicting the same values. */
class CompatibilityTest {

    @Test
    void formatOneFileStillLoadsAndPredicts() throws IOException, URISyntaxException {
        Path model = Path.of(getClass().getResource(CompatibilityFixture.MODEL).toURI());
        List<String> expected = Files.readAllLines(Path.of(getClass().getResource(CompatibilityFixture.EXPECTED).toURI()));
        Sequential loaded = Sequential.load(model);
        float[] predicted = loaded.predict(CompatibilityFixture.probeInputs()).toFloatArray();
        assertEquals(expected.size(), predicted.length);
        for (int i = 0; i < predicted.length; i++) {
            double want = Double.parseDouble(expected.get(i));
            assertEquals(want, predicted[i], 1e-5 * Math.max(1, Math.abs(want)), "prediction " + i);
        }
        assertEquals(3, loaded.epochsCompleted());
    }
}
