package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gated.data.Dataset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {

    @Test
    void sameSeedGivesBitIdenticalWeightsAndLosses() {
        Dataset data = TrainingFixtures.sineData(200, 12);
        Sequential a = TrainingFixtures.stackedModel(3, 12);
        Sequential b = TrainingFixtures.stackedModel(3, 12);
        a.fit(data, Fit.epochs(3).quiet());
        b.fit(data, Fit.epochs(3).quiet());
        assertArrayEquals(TrainingFixtures.flatWeights(a), TrainingFixtures.flatWeights(b));
        assertArrayEquals(a.history().loss(), b.history().loss());
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        Dataset data = TrainingFixtures.sineData(100, 12);
        Sequential a = TrainingFixtures.stackedModel(3, 12);
        Sequential b = TrainingFixtures.stackedModel(4, 12);
        a.fit(data, Fit.epochs(1).quiet());
        b.fit(data, Fit.epochs(1).quiet());
        assertFalse(Arrays.equals(TrainingFixtures.flatWeights(a), TrainingFixtures.flatWeights(b)));
    }
}
