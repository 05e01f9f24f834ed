package dev.gated.studio.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/text/runs}: compare recurrent text classifiers on an uploaded file. Limits keep a shared studio
 * responsive; the page enforces the same ones and says them in words.
 *
 * @param dataset       the text file's id ({@code t1})
 * @param header        whether the first line names the columns
 * @param text          the text column, 1-based
 * @param label         the label column, 1-based
 * @param models        any of rnn, lstm, gru (at least one)
 * @param units         recurrent units H, 1 … 256 (default 32)
 * @param embedding     embedding size E, 1 … 256 (default 32)
 * @param epochs        1 … 200 (default 8)
 * @param batch         texts per batch, 1 … 1024 (default 32)
 * @param lr            Adam's learning rate, (0, 1] (default 0.005)
 * @param maxLength     words kept of a longer text (its last ones), 1 … 1000 (default 100)
 * @param testFraction  share of rows held out, stratified, 0.05 … 0.5 (default 0.2)
 * @param seed          split, weights and batches (default 42)
 * @param bidirectional wrap each recurrent layer in Bidirectional (default false)
 */
public record TextRunRequest(String dataset, Boolean header, Integer text, Integer label, List<String> models,
                             Integer units, Integer embedding, Integer epochs, Integer batch, Double lr, Integer maxLength,
                             Double testFraction, Long seed, Boolean bidirectional) {

    public TextRunRequest {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("upload a text file first");
        }
        if (text == null || label == null) {
            throw new IllegalArgumentException("choose the text column and the label column");
        }
        if (text.equals(label)) {
            throw new IllegalArgumentException("the text column and the label column must be different columns");
        }
        header = header != null && header;
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("tick at least one of RNN, LSTM, GRU");
        }
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        for (String m : models) {
            String k = m == null ? "" : m.trim().toLowerCase(Locale.ROOT);
            if (!List.of("rnn", "lstm", "gru").contains(k)) {
                throw new IllegalArgumentException("model \"" + m + "\" is not one of RNN, LSTM, GRU");
            }
            kinds.add(k);
        }
        models = List.copyOf(kinds);
        units = range("units", units, 32, 1, 256);
        embedding = range("embedding size", embedding, 32, 1, 256);
        epochs = range("epochs", epochs, 8, 1, 200);
        batch = range("batch", batch, 32, 1, 1024);
        maxLength = range("words kept per text", maxLength, 100, 1, 1000);
        lr = lr == null ? 0.005 : lr;
        if (!(lr > 0 && lr <= 1)) {
            throw new IllegalArgumentException("learning rate must be more than 0 and at most 1, got " + lr);
        }
        testFraction = testFraction == null ? 0.2 : testFraction;
        if (!(testFraction >= 0.05 && testFraction <= 0.5)) {
            throw new IllegalArgumentException("test share must be between 0.05 and 0.5, got " + testFraction);
        }
        seed = seed == null ? 42L : seed;
        if (seed < 0 || seed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seed must be between 0 and " + Integer.MAX_VALUE + ", got " + seed);
        }
        bidirectional = bidirectional != null && bidirectional;
    }

    private static int range(String name, Integer v, int fallback, int lo, int hi) {
        int x = v == null ? fallback : v;
        if (x < lo || x > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", got " + x);
        }
        return x;
    }
}
