package dev.gated.io;

import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingFixtures;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The code that wrote the committed format-1 model file {@code v1-lstm-gru-dense.gated} and its expected
 * predictions. Kept so the fixture can be understood and, for a new format version, a new fixture written
 * beside the old one (never replace the old one: it proves old files keep loading).
 * Run: {@code java -cp core/target/classes:core/target/test-classes dev.gated.io.CompatibilityFixture core/src/test/resources/dev/gated/io}
 */
public final class CompatibilityFixture {

    static final String MODEL = "v1-lstm-gru-dense.gated";
    static final String EXPECTED = "v1-lstm-gru-dense.expected.txt";

    static Tensor probeInputs() {
        return TrainingFixtures.sineData(6, 8).x();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Sequential model = Sequential.input(8, 1).seed(11)
                .add(Recurrent.lstm(6).returnSequences(true))
                .add(Recurrent.gru(4))
                .add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        model.fit(TrainingFixtures.sineData(64, 8), Fit.epochs(3).quiet());
        model.save(dir.resolve(MODEL));
        StringBuilder sb = new StringBuilder();
        for (float v : model.predict(probeInputs()).toFloatArray()) {
            sb.append(String.format(Locale.ROOT, "%.9g%n", v));
        }
        Files.writeString(dir.resolve(EXPECTED), sb.toString());
    }
}
