package dev.gated.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word → index, built from the training texts only. Index 0 is padding ({@link #PADDING}) and 1 stands for
 * every word not in the vocabulary ({@link #UNKNOWN}); words follow from 2 on, most frequent first (ties in
 * alphabetical order, so the indices do not depend on the order of the texts).
 * <pre>
 *   size = 2 + min(maxSize − 2, #{words with count ≥ minCount})
 * </pre>
 * Index 0 never stands for a word, so an {@code Embedding(size, E, maskZero = true)} can treat it as padding.
 */
public final class Vocabulary {

    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;
    public static final String PADDING_TOKEN = "<pad>";
    public static final String UNKNOWN_TOKEN = "<unk>";

    private final List<String> words;          // index → word, 0 and 1 reserved
    private final Map<String, Integer> index;  // word → index

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.index = new HashMap<>();
        for (int i = 2; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
    }

    /**
     * Counts the tokens of {@code tokenizedTexts} and keeps words seen at least {@code minCount} times, at most
     * {@code maxSize} entries in all (the two reserved ones included).
     */
    public static Vocabulary build(Collection<List<String>> tokenizedTexts, int maxSize, int minCount) {
        if (maxSize < 3) {
            throw new IllegalArgumentException("Vocabulary maxSize must be >= 3 (padding, unknown and one word) but is " + maxSize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("Vocabulary minCount must be >= 1 but is " + minCount);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> text : tokenizedTexts) {
            for (String token : text) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount);
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Collections.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> words = new ArrayList<>(List.of(PADDING_TOKEN, UNKNOWN_TOKEN));
        for (int i = 0; i < entries.size() && words.size() < maxSize; i++) {
            words.add(entries.get(i).getKey());
        }
        return new Vocabulary(words);
    }

    /** Every word kept, no limits. */
    public static Vocabulary build(Collection<List<String>> tokenizedTexts) {
        return build(tokenizedTexts, Integer.MAX_VALUE, 1);
    }

    /**
     * A vocabulary from its entries in index order (as {@link #words()} returns them, e.g. read back from a model
     * file's metadata): entry 0 must be {@code <pad>}, entry 1 {@code <unk>}, the rest distinct words.
     */
    public static Vocabulary of(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals(PADDING_TOKEN) || !words.get(1).equals(UNKNOWN_TOKEN)) {
            throw new IllegalArgumentException("a vocabulary's entries must start with " + PADDING_TOKEN + " and "
                    + UNKNOWN_TOKEN + " but start with " + words.subList(0, Math.min(2, words.size())));
        }
        Vocabulary v = new Vocabulary(words);
        if (v.index.size() != words.size() - 2) {
            throw new IllegalArgumentException("a vocabulary's words must be distinct, but " + (words.size() - 2
                    - v.index.size()) + " repeat");
        }
        return v;
    }

    /** Every entry in index order, padding and unknown included. */
    public List<String> words() {
        return words;
    }

    /** Entries including padding and unknown: the {@code vocabularySize} for an Embedding. */
    public int size() {
        return words.size();
    }

    /** The index of {@code word}, or {@link #UNKNOWN}. */
    public int indexOf(String word) {
        return index.getOrDefault(word, UNKNOWN);
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** The word at {@code i}: {@code <pad>} for 0, {@code <unk>} for 1. */
    public String word(int i) {
        if (i < 0 || i >= words.size()) {
            throw new IllegalArgumentException("vocabulary index " + i + " is outside [0, " + words.size() + ")");
        }
        return words.get(i);
    }

    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(tokens.get(i));
        }
        return out;
    }

    /** Tokenizes with {@link Tokenizer} and encodes. */
    public int[] encode(String text) {
        return encode(Tokenizer.tokenize(text));
    }
}
