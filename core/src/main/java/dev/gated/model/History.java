package dev.gated.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Per-epoch results of {@link Model#fit}, oldest first (Keras's {@code History}). */
public final class History {

    private final List<EpochRecord> epochs = new ArrayList<>();

    void add(EpochRecord record) {
        epochs.add(record);
    }

    void clear() {
        epochs.clear();
    }

    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public double[] loss() {
        return epochs.stream().mapToDouble(EpochRecord::loss).toArray();
    }

    public double[] validationLoss() {
        return epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray();
    }

    /** A metric per epoch, by the name progress shows ({@code accuracy}, {@code val_accuracy}); NaN where absent. */
    public double[] metric(String name) {
        return epochs.stream().mapToDouble(e -> e.metrics().getOrDefault(name, Double.NaN)).toArray();
    }

    /** The last epoch's training loss; NaN before any epoch. */
    public double finalLoss() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).loss();
    }

    public int size() {
        return epochs.size();
    }
}
