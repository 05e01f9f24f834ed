package dev.gated.model;

import dev.gated.data.Dataset;
import dev.gated.layer.Checks;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link Model#fit}, Keras's names and defaults: {@code Fit.epochs(20)} trains 20 epochs with
 * batches of 32, shuffled, printing Keras-style progress to standard output.
 */
public final class Fit {

    private final int epochs;
    private int batchSize = 32;
    private boolean shuffle = true;
    private double validationSplit;
    private Dataset validationData;
    private dev.gated.data.MultiDataset validationMulti;
    private int truncatedBptt;
    private boolean resume;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private PrintStream progress = System.out;

    private Fit(int epochs) {
        this.epochs = Checks.positive("epochs", epochs);
    }

    /** Train until the model has completed {@code epochs} epochs in all. */
    public static Fit epochs(int epochs) {
        return new Fit(epochs);
    }

    public Fit batchSize(int value) {
        batchSize = Checks.positive("batch size", value);
        return this;
    }

    public Fit shuffle(boolean value) {
        shuffle = value;
        return this;
    }

    /** Hold out the last {@code fraction} of the examples (before shuffling) for validation. */
    public Fit validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split: expected a fraction in (0, 1) but found " + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    public Fit validationData(Dataset data) {
        validationData = data;
        return this;
    }

    /** Validation data for a model with several inputs or outputs. */
    public Fit validationData(dev.gated.data.MultiDataset data) {
        validationMulti = data;
        return this;
    }

    /**
     * Truncated backpropagation through time over long sequences (Keras's {@code stateful=True} over
     * consecutive chunks; char-rnn's training): each batch of sequences is cut along time into chunks of
     * {@code steps}; chunk k+1 starts from the state chunk k ended in (carried, not differentiated through),
     * and the optimizer steps after every chunk. Inputs and targets need a time axis (B, T, …) of one length;
     * the state starts from zeros for each batch of sequences.
     */
    public Fit truncatedBptt(int steps) {
        truncatedBptt = Checks.positive("truncated BPTT steps", steps);
        return this;
    }

    /** Continue from the epochs the model has already completed (a model loaded from a checkpoint). */
    public Fit resume() {
        resume = true;
        return this;
    }

    public Fit listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** No progress output. */
    public Fit quiet() {
        progress = null;
        return this;
    }

    /** Progress to this stream (a terminal gets an updating bar). */
    public Fit progress(PrintStream out) {
        progress = out;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public Dataset validationData() {
        return validationData;
    }

    public dev.gated.data.MultiDataset validationMulti() {
        return validationMulti;
    }

    /** Chunk length of truncated BPTT; 0 when off (whole sequences). */
    public int truncatedBpttSteps() {
        return truncatedBptt;
    }

    public boolean resumes() {
        return resume;
    }

    public List<TrainingListener> listeners() {
        List<TrainingListener> all = new ArrayList<>();
        if (progress != null) {
            all.add(new ProgressBar(progress, System.console() != null && progress == System.out));
        }
        all.addAll(listeners);
        return all;
    }
}
