package dev.gated.translate;

import java.util.List;

/**
 * Sentences per second of the three decoders on the same sentences (wall clock, one thread, after one warm-up
 * sentence each): greedy with the step model (the Transformer: its key/value caches), greedy by re-running the
 * training graph on the prefix, and beam search.
 */
public record DecodingSpeed(double greedyStep, double greedyPrefix, double beam, int beamWidth, boolean sameGreedyOutputs) {

    public static DecodingSpeed measure(Translator t, List<String> sentences, int beamWidth) {
        List<int[]> ids = sentences.stream().map(t.sourceTokens()::encode).toList();
        TranslationModel m = t.model();
        GreedyDecoder.decode(m, ids.subList(0, 1), Translator.MAX_OUTPUT);
        PrefixGreedyDecoder.decode(m, ids.subList(0, 1), Translator.MAX_OUTPUT);
        long a = System.nanoTime();
        List<int[]> step = GreedyDecoder.decode(m, ids, Translator.MAX_OUTPUT);
        long b = System.nanoTime();
        List<int[]> prefix = PrefixGreedyDecoder.decode(m, ids, Translator.MAX_OUTPUT);
        long c = System.nanoTime();
        for (int[] x : ids) {
            BeamSearchDecoder.decode(m, x, beamWidth, 1.0, Translator.MAX_OUTPUT);
        }
        long d = System.nanoTime();
        boolean same = true;
        for (int i = 0; i < ids.size(); i++) {
            same &= java.util.Arrays.equals(step.get(i), prefix.get(i));
        }
        double n = ids.size();
        return new DecodingSpeed(n / ((b - a) / 1e9), n / ((c - b) / 1e9), n / ((d - c) / 1e9), beamWidth, same);
    }
}
