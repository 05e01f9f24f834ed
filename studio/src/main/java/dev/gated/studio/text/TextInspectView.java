package dev.gated.studio.text;

import dev.gated.inspect.LayerTrace;
import dev.gated.inspect.StepState;
import dev.gated.model.Model;
import dev.gated.studio.inspect.Probe;
import dev.gated.text.Vocabulary;
import dev.gated.text.classify.ClassificationMetrics;
import dev.gated.text.classify.TextClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One sentence through a trained text classifier, as the Text tab's Inspect shows it: per word, every gate's
 * activations and the hidden (and cell) state of the first {@link Probe#MAX_UNITS} units, the predicted class
 * probabilities, and a summary in words for screen readers.
 * <pre>
 *   gates[g]  (T, U) activations of gate g at word t, unit u      U = min(H, 64)
 *   hidden    (T, U) h_t;  cell (T, U) c_t (LSTM only)
 *   gateMeans[g][t] = mean_u over all H units;  hiddenNorm[t] = ‖h_t‖ over all H units
 * </pre>
 */
public final class TextInspectView {

    private TextInspectView() {
    }

    public static Map<String, Object> of(String label, TextClassifier classifier, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("type a sentence to inspect");
        }
        if (text.length() > 5000) {
            throw new IllegalArgumentException("the sentence has " + text.length() + " characters; inspect at most 5000");
        }
        Model model = classifier.model();
        TextClassifier.WordTrace trace;
        double[] p;
        synchronized (model) {
            trace = classifier.inspect(text, null);
            p = classifier.predictProbabilities(List.of(text))[0];
        }
        LayerTrace layer = trace.inspection().trace();
        int steps = layer.steps().size();
        int shown = Math.min(layer.units(), Probe.MAX_UNITS);
        Map<String, double[][]> gates = new LinkedHashMap<>();
        Map<String, double[]> means = new LinkedHashMap<>();
        for (String g : layer.gateNames()) {
            double[][] all = layer.gate(g);
            gates.put(g, firstUnits(all, shown));
            means.put(g, Arrays.stream(all).mapToDouble(v -> Arrays.stream(v).average().orElse(0)).toArray());
        }
        double[] norms = new double[steps];
        List<Boolean> known = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            StepState s = layer.steps().get(t);
            norms[t] = Math.sqrt(Arrays.stream(s.hidden()).map(v -> v * v).sum());
            known.add(trace.indices()[t] != Vocabulary.UNKNOWN);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int k = 0; k < p.length; k++) {
            probabilities.put(classifier.labels().name(k), p[k]);
        }
        String predicted = classifier.labels().name(ClassificationMetrics.argmax(p));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("label", label);
        v.put("cell", layer.cell());
        v.put("units", layer.units());
        v.put("unitsShown", shown);
        v.put("gateNames", layer.gateNames());
        v.put("words", trace.words());
        v.put("known", known);
        v.put("gates", gates);
        v.put("gateMeans", means);
        v.put("hidden", firstUnits(layer.hiddenStates(), shown));
        v.put("cellStates", layer.cellStates() == null ? null : firstUnits(layer.cellStates(), shown));
        v.put("hiddenNorm", norms);
        v.put("probabilities", probabilities);
        v.put("predicted", predicted);
        v.put("summary", summary(label, trace.words(), known, means, norms, predicted, probabilities.get(predicted)));
        return v;
    }

    private static double[][] firstUnits(double[][] byStep, int shown) {
        double[][] out = new double[byStep.length][];
        for (int t = 0; t < byStep.length; t++) {
            out[t] = Arrays.copyOf(byStep[t], shown);
        }
        return out;
    }

    /** The view in words: prediction, unknown words, and for each gate the words where its mean is highest and lowest. */
    static String summary(String label, List<String> words, List<Boolean> known, Map<String, double[]> means,
                          double[] norms, String predicted, double p) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s reads %d word%s", label, words.size(),
                words.size() == 1 ? "" : "s"));
        long unknown = known.stream().filter(k -> !k).count();
        s.append(unknown == 0 ? ", all in its vocabulary" : String.format(Locale.ROOT, " (%d not in its vocabulary)", unknown));
        s.append(String.format(Locale.ROOT, " and predicts class \"%s\" with probability %.3f.", predicted, p));
        for (Map.Entry<String, double[]> e : means.entrySet()) {
            double[] m = e.getValue();
            int hi = 0;
            int lo = 0;
            for (int t = 1; t < m.length; t++) {
                hi = m[t] > m[hi] ? t : hi;
                lo = m[t] < m[lo] ? t : lo;
            }
            s.append(String.format(Locale.ROOT, " Gate %s (mean over units): highest at \"%s\" (%.3f), lowest at \"%s\" (%.3f).",
                    e.getKey(), words.get(hi), m[hi], words.get(lo), m[lo]));
        }
        int jump = 0;
        double biggest = -1;
        for (int t = 0; t < norms.length; t++) {
            double change = Math.abs(norms[t] - (t == 0 ? 0 : norms[t - 1]));
            if (change > biggest) {
                biggest = change;
                jump = t;
            }
        }
        s.append(String.format(Locale.ROOT, " The hidden state's length ‖h‖ changes most at \"%s\" (to %.3f).",
                words.get(jump), norms[jump]));
        return s.toString();
    }
}
