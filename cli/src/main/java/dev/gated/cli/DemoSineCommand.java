package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.History;
import dev.gated.model.ProgressBar;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated demo sine}: the Keras tutorial program, in Java.
 * <pre>
 *   x = linspace(0, 100, 500)
 *   X[i] = sin(x[i .. i+9]),  Y[i] = sin(x[i+10])        i = 0 .. 489: 490 windows of 10 steps, 1 feature
 *   LSTM(50) ─► Dense(1);  Adam(0.001), MSE;  20 epochs, batch 32
 * </pre>
 * Per-epoch progress always (the live bar on a terminal, one line per epoch when piped), then the final loss
 * and the wall time.
 */
@Command(name = "sine", mixinStandardHelpOptions = true, description = "Train LSTM(50) on 490 windows of a sine wave, as the Keras tutorial does.")
final class DemoSineCommand extends BaseCommand {

    static final int SAMPLES = 500;
    static final int WINDOW = 10;
    static final int WINDOWS = 490;

    @Option(names = "--epochs", defaultValue = "20", hidden = true, description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw usage("--epochs must be >= 1, got " + epochs);
        }
        float[] x = new float[WINDOWS * WINDOW];
        float[] y = new float[WINDOWS];
        for (int i = 0; i < WINDOWS; i++) {
            for (int j = 0; j < WINDOW; j++) {
                x[i * WINDOW + j] = (float) Math.sin(linspace(i + j));
            }
            y[i] = (float) Math.sin(linspace(i + WINDOW));
        }
        Sequential model = Sequential.input(WINDOW, 1)
                .add(Recurrent.lstm(50))
                .add(new Dense(1));
        model.compile(new Adam(0.001), Loss.mse());
        Fit fit = Fit.epochs(epochs).batchSize(32).quiet();
        if (!json) {
            io().out().print(model.summary());
            fit.listener(new ProgressBar(io().out(), io().interactive()));
        }
        long start = System.nanoTime();
        History history = model.fit(Tensor.of(x, WINDOWS, WINDOW, 1), Tensor.of(y, WINDOWS, 1), fit);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "demo sine");
            doc.put("params", model.parameterCount());
            doc.put("epochs", history.size());
            doc.put("final_loss", history.finalLoss());
            doc.put("loss", history.loss());
            doc.put("seconds", seconds);
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "final loss: %.6f after %d epochs, wall time %.1f s%n",
                    history.finalLoss(), history.size(), seconds);
        }
        return 0;
    }

    /** x_k of numpy's linspace(0, 100, 500): 100 · k / 499. */
    static double linspace(int k) {
        return 100.0 * k / (SAMPLES - 1);
    }
}
