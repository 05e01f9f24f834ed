package dev.gated.text.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class names of a classification task and their indices 0 … K−1. Names that all read as numbers are
 * ordered numerically ({@code 2 < 10}), others alphabetically, so the indices do not depend on row order.
 * With two classes, index 1 is the "positive" class a sigmoid output and ROC AUC refer to.
 */
public final class ClassLabels {

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    private ClassLabels(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            if (index.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("class name '" + names.get(i) + "' appears twice");
            }
        }
    }

    /** The distinct labels seen, in a fixed order; at least two are needed. */
    public static ClassLabels of(List<String> labels) {
        boolean numeric = labels.stream().allMatch(ClassLabels::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order.thenComparing(Comparator.naturalOrder()));
        distinct.addAll(labels);
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("the label column holds one class only (" + distinct
                    + ") — a classifier needs at least two");
        }
        return new ClassLabels(new ArrayList<>(distinct));
    }

    /** Names in index order, as saved in a model file. */
    public static ClassLabels ofNames(List<String> names) {
        return new ClassLabels(names);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    public String name(int i) {
        return names.get(i);
    }

    /** The index of {@code label}, or an error naming the classes the model knows. */
    public int indexOf(String label) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("unknown label '" + label + "' — the classes are " + names);
        }
        return i;
    }

    public boolean contains(String label) {
        return index.containsKey(label);
    }

    public int[] encode(List<String> labels) {
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(labels.get(i));
        }
        return out;
    }
}
