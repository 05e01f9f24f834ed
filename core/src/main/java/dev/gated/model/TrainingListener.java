package dev.gated.model;

/**
 * Hooks into {@link Model#fit}: progress display, early stopping, checkpoints, or anything a user
 * wants to observe. Epochs are 0-based here; progress displays show them 1-based, as Keras does.
 */
public interface TrainingListener {

    default void onTrainBegin(Model model, int initialEpoch, int epochs, int batchesPerEpoch) {
    }

    default void onEpochBegin(Model model, int epoch) {
    }

    /** After each batch's optimizer step; {@code loss} is that batch's loss. */
    default void onBatchEnd(Model model, int epoch, int batch, double loss) {
    }

    /** After the epoch's validation; {@code record} holds loss, val_loss and the learning rate. */
    default void onEpochEnd(Model model, EpochRecord record) {
    }

    default void onTrainEnd(Model model, History history) {
    }
}
