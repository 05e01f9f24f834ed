package dev.gated.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outputs that need no model, the floor every model row must beat.
 * <pre>
 * copy:      output = the source sentence itself (English and French share names, numbers, punctuation)
 * frequent:  output = the most frequent training reference (ties: the first seen)
 * retrieval: output = the first reference of the training source with the highest word-set Jaccard similarity
 *            |w(x) ∩ w(x')| / |w(x) ∪ w(x')| (words: lower-cased 13a tokens); ties: the earlier training sentence
 * </pre>
 */
public final class Baselines {

    private Baselines() {
    }

    public static List<String> copy(List<Example> test) {
        return test.stream().map(Example::source).toList();
    }

    public static List<String> mostFrequent(List<Example> train, List<Example> test) {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        for (Example e : train) {
            for (String r : e.references()) {
                int c = counts.merge(r, 1, Integer::sum);
                if (c > bestCount) {
                    best = r;
                    bestCount = c;
                }
            }
        }
        return Collections.nCopies(test.size(), best);
    }

    public static List<String> retrieval(List<Example> train, List<Example> test) {
        List<Set<String>> trainWords = new ArrayList<>();
        Map<String, List<Integer>> postings = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            Set<String> w = words(train.get(i).source());
            trainWords.add(w);
            for (String word : w) {
                postings.computeIfAbsent(word, k -> new ArrayList<>()).add(i);
            }
        }
        List<String> out = new ArrayList<>(test.size());
        for (Example e : test) {
            Set<String> w = words(e.source());
            Map<Integer, Integer> overlap = new HashMap<>();
            for (String word : w) {
                for (int i : postings.getOrDefault(word, List.of())) {
                    overlap.merge(i, 1, Integer::sum);
                }
            }
            int best = 0;
            double bestScore = -1;
            for (Map.Entry<Integer, Integer> o : overlap.entrySet()) {
                int i = o.getKey();
                double score = o.getValue() / (double) (w.size() + trainWords.get(i).size() - o.getValue());
                if (score > bestScore || (score == bestScore && i < best)) {
                    bestScore = score;
                    best = i;
                }
            }
            out.add(train.get(best).reference());
        }
        return out;
    }

    private static Set<String> words(String s) {
        return new HashSet<>(List.of(Tokenizer13a.tokenize(s.toLowerCase(java.util.Locale.ROOT)).split(" ")));
    }
}
