package dev.gated.layer;

import dev.gated.tensor.Precision;
import java.util.SplittableRandom;

/**
 * What a layer needs to create its weights: the precision to store them in and the random generator
 * that initialises them (one generator per model, consumed layer by layer in order, so the same seed
 * gives the same weights).
 */
public record BuildContext(Precision precision, SplittableRandom random) {
}
