package dev.gated.model;

/** The loss became NaN or infinite during {@link Sequential#fit}; the message says where and what to try. */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate) {
        super("the loss became " + loss + " at epoch " + (epoch + 1) + ", batch " + (batch + 1)
                + " — training diverged; try a lower learning rate (now " + learningRate
                + "), gradient clipping (e.g. clip by global norm 1.0), or scaling the inputs and targets");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 0-based epoch. */
    public int epoch() {
        return epoch;
    }

    /** 0-based batch within the epoch. */
    public int batch() {
        return batch;
    }
}
