package dev.gated.model;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras-style progress: {@code Epoch 3/20} then {@code 16/16 [==============================] - 0s 4ms/step
 * - loss: 0.0123 - val_loss: 0.0150}. On a terminal the bar redraws in place with an ETA; otherwise one line
 * per epoch.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private int epochs;
    private int batches;
    private long epochStart;
    private double lossSum;
    private int seen;

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onTrainBegin(Model model, int initialEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        epochStart = System.nanoTime();
        lossSum = 0;
        seen = 0;
    }

    @Override
    public void onBatchEnd(Model model, int epoch, int batch, double loss) {
        lossSum += loss;
        seen++;
        if (interactive) {
            double elapsed = (System.nanoTime() - epochStart) / 1e9;
            double eta = elapsed / seen * (batches - seen);
            out.print("\r" + bar(seen) + String.format(Locale.ROOT, " - ETA: %.0fs - loss: %.4f", eta, lossSum / seen));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(Model model, EpochRecord r) {
        double perStep = r.seconds() / Math.max(batches, 1);
        String line = bar(batches) + String.format(Locale.ROOT, " - %.0fs %s/step - loss: %.4f",
                r.seconds(), perStep >= 1 ? String.format(Locale.ROOT, "%.0fs", perStep)
                        : String.format(Locale.ROOT, "%.0fms", perStep * 1000), r.loss());
        for (var m : r.metrics().entrySet()) {
            if (!m.getKey().startsWith("val_")) {
                line += String.format(Locale.ROOT, " - %s: %.4f", m.getKey(), m.getValue());
            }
        }
        if (r.hasValidation()) {
            line += String.format(Locale.ROOT, " - val_loss: %.4f", r.validationLoss());
        }
        for (var m : r.metrics().entrySet()) {
            if (m.getKey().startsWith("val_")) {
                line += String.format(Locale.ROOT, " - %s: %.4f", m.getKey(), m.getValue());
            }
        }
        out.println((interactive ? "\r" : "") + line);
    }

    private String bar(int done) {
        int filled = batches == 0 ? WIDTH : done * WIDTH / batches;
        StringBuilder sb = new StringBuilder();
        String count = Integer.toString(batches);
        sb.append(" ".repeat(count.length() - Integer.toString(done).length())).append(done).append('/').append(count).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled - 1 || (i == filled - 1 && done == batches) ? '=' : i == filled - 1 ? '>' : '.');
        }
        return sb.append(']').toString();
    }
}
