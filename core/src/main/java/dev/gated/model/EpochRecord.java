package dev.gated.model;

/**
 * What one epoch produced.
 *
 * @param epoch          0-based epoch index
 * @param loss           mean training loss over the epoch's batches (weighted by batch size)
 * @param validationLoss loss on the validation data, NaN when there is none
 * @param learningRate   the rate used during the epoch
 * @param seconds        wall time of the epoch, validation included
 */
public record EpochRecord(int epoch, double loss, double validationLoss, double learningRate, double seconds) {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
