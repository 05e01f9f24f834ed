package dev.gated.model;

import dev.gated.layer.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves the whole model (weights, optimizer state, epochs completed) every {@code everyEpochs} epochs and
 * after the last one. Writes are atomic, so the file on disk is always a complete checkpoint; resume with
 * {@code Sequential.load(file).fit(x, y, sameOptions.resume())}.
 */
public final class Checkpoint implements TrainingListener {

    private final Path file;
    private final int everyEpochs;
    private int epochs;

    public Checkpoint(Path file, int everyEpochs) {
        this.file = file;
        this.everyEpochs = Checks.positive("checkpoint interval (epochs)", everyEpochs);
    }

    @Override
    public void onTrainBegin(Model model, int initialEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(Model model, EpochRecord record) {
        int completed = record.epoch() + 1;
        if (completed % everyEpochs == 0 || completed == epochs) {
            try {
                model.save(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write checkpoint " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public Path file() {
        return file;
    }
}
