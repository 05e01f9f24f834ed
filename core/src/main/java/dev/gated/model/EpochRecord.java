package dev.gated.model;

/**
 * What one epoch produced.
 *
 * @param epoch          0-based epoch index
 * @param loss           mean training loss over the epoch's batches (weighted by batch size)
 * @param validationLoss loss on the validation data, NaN when there is none
 * @param learningRate   the rate used during the epoch
 * @param seconds        wall time of the epoch, validation included
 * @param metrics        compiled metrics by name: training values as {@code name}, validation as {@code val_name}
 */
public record EpochRecord(int epoch, double loss, double validationLoss, double learningRate, double seconds,
                          java.util.Map<String, Double> metrics) {

    public EpochRecord {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** An epoch without metrics. */
    public EpochRecord(int epoch, double loss, double validationLoss, double learningRate, double seconds) {
        this(epoch, loss, validationLoss, learningRate, seconds, java.util.Map.of());
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
