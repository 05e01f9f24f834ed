package dev.gated.model;

/**
 * Hooks into {@link Sequential#fit}: progress display, early stopping, checkpoints, or anything a user
 * wants to observe. Epochs are 0-based here; progress displays show them 1-based, as Keras does.
 */
public interface TrainingListener {

    default void onTrainBegin(Sequential model, int initialEpoch, int epochs, int batchesPerEpoch) {
    }

    default void onEpochBegin(Sequential model, int epoch) {
    }

    /** After each batch's optimizer step; {@code loss} is that batch's loss. */
    default void onBatchEnd(Sequential model, int epoch, int batch, double loss) {
    }

    /** After the epoch's validation; {@code record} holds loss, val_loss and the learning rate. */
    default void onEpochEnd(Sequential model, EpochRecord record) {
    }

    default void onTrainEnd(Sequential model, History history) {
    }
}
