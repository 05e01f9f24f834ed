package dev.gated.forecast;

/**
 * The training settings a user gave, each null when left to the {@link Preset}: what {@link AutoSettings} starts
 * from. Names and meanings are those of {@link HyperParameters}, plus {@code validationSplit} ({@code --val-split}).
 */
public record TrainingChoices(Integer units, Integer layers, Integer window, Integer horizon, Integer stride,
                              Integer epochs, Integer batch, Double learningRate, Long seed, Integer patience,
                              Double dropout, Double clip, Boolean relative, String optimizer, Integer plateau,
                              Double validationSplit) {

    /** Nothing given: every setting from the preset. */
    public static TrainingChoices none() {
        return new TrainingChoices(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** These choices with {@code --window} given. */
    public TrainingChoices withWindow(int value) {
        return new TrainingChoices(units, layers, value, horizon, stride, epochs, batch, learningRate, seed, patience,
                dropout, clip, relative, optimizer, plateau, validationSplit);
    }

    /** These choices with {@code --epochs} given. */
    public TrainingChoices withEpochs(int value) {
        return new TrainingChoices(units, layers, window, horizon, stride, value, batch, learningRate, seed, patience,
                dropout, clip, relative, optimizer, plateau, validationSplit);
    }

    /**
     * These choices with early stopping and the plateau rule off unless given: for runs that save checkpoints,
     * which do not hold those rules' state.
     */
    public TrainingChoices withoutStoppingState() {
        return new TrainingChoices(units, layers, window, horizon, stride, epochs, batch, learningRate, seed,
                patience != null ? patience : 0, dropout, clip, relative, optimizer, plateau != null ? plateau : 0,
                validationSplit);
    }
}
