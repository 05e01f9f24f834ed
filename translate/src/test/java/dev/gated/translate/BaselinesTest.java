package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    static final List<Example> TRAIN = List.of(
            new Example("I am cold.", List.of("J'ai froid.")),
            new Example("Go.", List.of("Va !", "Bouge !")),
            new Example("Run.", List.of("Va !")),
            new Example("You are cold.", List.of("Tu as froid.")));

    @Test
    void copyMostFrequentAndRetrieval() {
        List<Example> test = List.of(new Example("I am very cold.", List.of("J'ai très froid.")), new Example("Go!", List.of("Va !")));
        assertEquals(List.of("I am very cold.", "Go!"), Baselines.copy(test));
        assertEquals(List.of("Va !", "Va !"), Baselines.mostFrequent(TRAIN, test));   // "Va !" twice in the training references
        // words of "I am very cold.": {i, am, very, cold, .}; "I am cold." shares 4 of 5 (Jaccard 4/5), "You are cold." 2 of 7
        // "Go!": {go, !} shares "go" with "Go." {go, .}: Jaccard 1/3, the only overlap
        assertEquals(List.of("J'ai froid.", "Va !"), Baselines.retrieval(TRAIN, test));
    }
}
