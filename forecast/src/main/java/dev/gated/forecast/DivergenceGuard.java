package dev.gated.forecast;

import dev.gated.model.Model;
import dev.gated.model.EpochRecord;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingDivergedException;
import dev.gated.model.TrainingListener;

/**
 * Stops a training whose loss explodes while staying finite (the engine itself stops at NaN or infinity): a
 * learning rate that makes the loss grow 1e6 → 1e36 would otherwise be trained to the end, saved, and reported
 * as a success. The loss is that of scaled data, so healthy values are around 1 or below.
 * <pre>
 *   batch:  loss &gt; {@value #BATCH_FACTOR} × the first batch's loss (and &gt; 1)    → diverged
 *   epoch:  loss &gt; {@value #EPOCH_FACTOR} × the lowest epoch loss so far (and &gt; 1) → diverged
 * </pre>
 */
final class DivergenceGuard implements TrainingListener {

    static final double BATCH_FACTOR = 1e4;
    static final double EPOCH_FACTOR = 100;

    private double firstBatchLoss = Double.NaN;
    private double lowestEpochLoss = Double.POSITIVE_INFINITY;
    private int lastBatch;

    @Override
    public void onBatchEnd(Model model, int epoch, int batch, double loss) {
        lastBatch = batch;
        if (Double.isNaN(firstBatchLoss)) {
            firstBatchLoss = loss;
        } else if (loss > 1 && loss > BATCH_FACTOR * firstBatchLoss) {
            throw diverged(model, epoch, batch, loss, "the first batch's loss was " + firstBatchLoss);
        }
    }

    @Override
    public void onEpochEnd(Model model, EpochRecord record) {
        double loss = record.loss();
        if (loss > 1 && loss > EPOCH_FACTOR * lowestEpochLoss) {
            throw diverged(model, record.epoch(), lastBatch, loss, "the lowest epoch loss was " + lowestEpochLoss);
        }
        lowestEpochLoss = Math.min(lowestEpochLoss, loss);
    }

    private static RuntimeException diverged(Model model, int epoch, int batch, double loss, String before) {
        TrainingDivergedException e = new TrainingDivergedException(epoch, batch, loss,
                model.optimizer().learningRate());
        return new IllegalStateException(e.getMessage().replace(" — training diverged", " (" + before
                + ") — training diverged, nothing was saved"), e);
    }
}
