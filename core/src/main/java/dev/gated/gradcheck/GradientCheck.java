package dev.gated.gradcheck;

import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Finite-difference gradient check: compares analytic gradients (from a layer's or loss's backward pass)
 * with central differences of the scalar loss, element by element, in double precision.
 *
 * <pre>
 * three-point: n_i = (L(θ + ε e_i) − L(θ − ε e_i)) / 2ε                                       error O(ε²)
 * five-point:  n_i = (8 (L(θ + ε e_i) − L(θ − ε e_i)) − (L(θ + 2ε e_i) − L(θ − 2ε e_i))) / 12ε  error O(ε⁴)
 * relErr_i  = |a_i − n_i| / max(|a_i| + |n_i|, floor)          floor: absolute, for tiny gradients
 * pass      ⇔ relErr_i &lt; maxRelativeError for every checked element i
 * </pre>
 *
 * Use: run forward and backward once, wrap each checked tensor with its analytic gradient in a {@link Wrt}
 * (which copies the gradient, so later forward passes cannot overwrite it), then call {@link #run} with a
 * function that recomputes the loss from scratch; {@link Result#assertPassed()} prints one line with the
 * largest error and fails with the worst elements listed.
 *
 * <p>Default: five-point, ε = 1e-4, tolerance 1e-6, floor 1e-5. Why not the textbook three-point ε = 1e-6:
 * a loss of order 1 carries rounding noise of about 1e-16, so the three-point difference has an absolute
 * error near 1e-16 / 1e-6 = 1e-10, i.e. a relative error above 1e-6 for every gradient element below
 * about 1e-4 — measured on this engine: LSTM return-sequences, ∂L/∂U = 5.06e-6 with a difference of
 * 4.5e-11 (rel err 4.5e-6), and similar on GRU, with correct code. The five-point difference at ε = 1e-4
 * has rounding error ~1e-12 and truncation error ~ε⁴ = 1e-16, which brings the worst relative error of the
 * same cases to ~1e-8 — a real margin under the 1e-6 tolerance. Kinks (ReLU at 0, |ŷ − y| at 0, Huber at
 * |d| = δ) must then lie more than 2ε = 2e-4 away from the checked point.
 *
 * <p>Floor: the five-point difference still carries up to ~1e-12 of absolute rounding noise (measured: a GRU
 * model under masked BCE, ∂L/∂U element 2.90872e-8 analytic vs 2.90860e-8 numeric at ε = 1e-4, while at
 * ε = 1e-2 the two agree to 1e-14), so a relative test is only meaningful for gradients above
 * noise / tolerance ≈ 1e-6; the floor 1e-5 keeps a 10× margin. With floor f and tolerance τ an element
 * passes iff |a − n| &lt; τ · max(|a| + |n|, f): a relative test above f, an absolute one (1e-11) below it —
 * still far below the error a wrong formula makes in an element of that size. (Measured alternatives over
 * this package: ε = 1e-3 is limited by truncation, 2e-7 on CCE; ε = 3e-4 with floor 1e-6 and ε = 1e-4 with
 * floor 1e-6 leave the GRU/BCE element at 3.5e-7 and 1.2e-6.)
 *
 * <p>Like Deeplearning4j's {@code GradientCheckUtil}, settings that cannot give a meaningful answer are
 * refused with a message saying how to fix them: float32 tensors, an ε outside [1e-10, 1e-2], a
 * tolerance outside (0, 1e-2], a floor outside (0, 1e-3], a loss that is not finite or not deterministic
 * (dropout without a fixed seed), a gradient whose shape differs from its tensor, a subset of fewer than
 * 50 elements, and a check where every gradient is zero (it would pass whatever backward computes).
 * A failing element is also tested for a kink (one-sided slopes that disagree) and the message says so.
 */
public final class GradientCheck {

    /** Smallest subset worth calling a check (Deeplearning4j's subset checks use similar counts). */
    public static final int MIN_SUBSET = 50;

    private final double epsilon;
    private final double maxRelativeError;
    private final double absoluteFloor;
    private final int maxElementsPerTensor;
    private final long subsetSeed;
    private final boolean fivePoint;

    private GradientCheck(Builder b) {
        this.fivePoint = b.fivePoint;
        this.epsilon = b.epsilon;
        this.maxRelativeError = b.maxRelativeError;
        this.absoluteFloor = b.absoluteFloor;
        this.maxElementsPerTensor = b.maxElementsPerTensor;
        this.subsetSeed = b.subsetSeed;
    }

    /** Five-point, ε = 1e-4, tolerance 1e-6, floor 1e-5, every element of every tensor. */
    public static GradientCheck defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public double epsilon() {
        return epsilon;
    }

    public double maxRelativeError() {
        return maxRelativeError;
    }

    public double absoluteFloor() {
        return absoluteFloor;
    }

    /** Settings; {@link #build()} refuses values that make the check meaningless. */
    public static final class Builder {
        private double epsilon = 1e-4;
        private double maxRelativeError = 1e-6;
        private double absoluteFloor = 1e-5;
        private int maxElementsPerTensor = Integer.MAX_VALUE;
        private long subsetSeed = 12345;
        private boolean fivePoint = true;

        /** Five-point central difference with step ε (the default, ε = 1e-4): see the class javadoc. */
        public Builder fivePoint(double epsilon) {
            this.fivePoint = true;
            this.epsilon = epsilon;
            return this;
        }

        /** Three-point central difference with step ε (1e-6 suits double precision; noisier, see the class javadoc). */
        public Builder threePoint(double epsilon) {
            this.fivePoint = false;
            this.epsilon = epsilon;
            return this;
        }

        /** Largest relative error accepted for any element. */
        public Builder maxRelativeError(double value) {
            maxRelativeError = value;
            return this;
        }

        /** Denominator floor of the relative error (see the class javadoc). */
        public Builder absoluteFloor(double value) {
            absoluteFloor = value;
            return this;
        }

        /** Checks a random subset of {@code count} (≥ 50) elements of each larger tensor, drawn from {@code seed}. */
        public Builder subset(int count, long seed) {
            maxElementsPerTensor = count;
            subsetSeed = seed;
            return this;
        }

        public GradientCheck build() {
            if (!(epsilon >= 1e-10 && epsilon <= 1e-2)) {
                throw new IllegalArgumentException("gradient check epsilon: expected a value in [1e-10, 1e-2] but found "
                        + epsilon + " — below 1e-10 rounding noise swamps the difference, above 1e-2 truncation "
                        + "error does; use threePoint(1e-6) or fivePoint(1e-4) in double precision");
            }
            if (!(maxRelativeError > 0 && maxRelativeError <= 1e-2)) {
                throw new IllegalArgumentException("gradient check maxRelativeError: expected a value in (0, 1e-2] but found "
                        + maxRelativeError + " — a looser tolerance lets wrong gradients (e.g. a missing factor 1.01) pass; "
                        + "use 1e-6 in double precision");
            }
            if (!(absoluteFloor > 0 && absoluteFloor <= 1e-3)) {
                throw new IllegalArgumentException("gradient check absoluteFloor: expected a value in (0, 1e-3] but found "
                        + absoluteFloor + " — 0 lets rounding noise fail near-zero gradients, a large floor hides real "
                        + "errors; 1e-5 suits a loss of order 1 with the five-point difference");
            }
            if (maxElementsPerTensor < MIN_SUBSET) {
                throw new IllegalArgumentException("gradient check subset: expected at least " + MIN_SUBSET
                        + " elements per tensor but found " + maxElementsPerTensor
                        + " — so few elements can miss a wrong row or gate block; raise the count or check every element");
            }
            return new GradientCheck(this);
        }
    }

    /**
     * A tensor the loss is differentiated with respect to, and its analytic gradient (copied on creation).
     *
     * @param name     label for messages, e.g. {@code input} or {@code lstm/recurrent_kernel}
     * @param value    the tensor the check perturbs in place (and restores)
     * @param analytic ∂L/∂value from the backward pass, same shape
     */
    public record Wrt(String name, Tensor value, Tensor analytic) {

        public static Wrt of(String name, Tensor value, Tensor analytic) {
            if (analytic == null) {
                throw new IllegalArgumentException("gradient check: no analytic gradient for \"" + name
                        + "\" — backward returned null; only differentiable inputs can be checked (not token indices)");
            }
            if (!value.sameShape(analytic)) {
                throw new IllegalArgumentException("gradient check: the gradient of \"" + name + "\" has shape "
                        + analytic.shapeString() + " but the tensor has shape " + value.shapeString()
                        + " — backward must return one value per element");
            }
            return new Wrt(name, value, analytic.copy());
        }

        /** Every parameter of a layer or network, with the gradient its backward pass accumulated. */
        public static List<Wrt> parameters(String prefix, List<Parameter> parameters) {
            List<Wrt> list = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                int n = seen.merge(p.name(), 1, Integer::sum);
                String name = prefix + "/" + p.name() + (n > 1 ? "#" + n : "");
                list.add(of(name, p.value(), p.grad()));
            }
            return list;
        }
    }

    /**
     * Compares each {@link Wrt}'s analytic gradient with central differences of {@code loss}, which must
     * recompute the loss from the current values of the tensors (forward pass included).
     */
    public Result run(String label, DoubleSupplier loss, List<Wrt> wrt) {
        if (wrt.isEmpty()) {
            throw new IllegalArgumentException(label + ": nothing to check — pass at least one tensor with its gradient");
        }
        for (Wrt w : wrt) {
            if (w.value().precision() != Precision.FLOAT64) {
                throw new IllegalArgumentException(label + ": \"" + w.name() + "\" is " + w.value().precision()
                        + " but a gradient check needs FLOAT64 — build layers with new BuildContext(Precision.FLOAT64, …) "
                        + "and create inputs with Tensor.zeros(Precision.FLOAT64, …); float32 rounding (1e-7) is larger "
                        + "than the errors the check must see");
            }
        }
        double base = loss.getAsDouble();
        if (!Double.isFinite(base)) {
            throw new IllegalArgumentException(label + ": the loss is " + base + " at the unperturbed point — "
                    + "fix the inputs (e.g. probabilities strictly inside (0, 1) for cross-entropy) before checking gradients");
        }
        double again = loss.getAsDouble();
        if (again != base) {
            throw new IllegalArgumentException(label + ": the loss is not deterministic (" + base + " then " + again
                    + ") — run dropout with a fixed Mode.training(seed) or Mode.INFERENCE, and reset any state carried "
                    + "between calls");
        }
        List<String> failures = new ArrayList<>();
        Map<String, Tensor> numericByName = new LinkedHashMap<>();
        double worst = 0;
        String worstAt = "none";
        double largestGradient = 0;
        int checked = 0;
        for (Wrt w : wrt) {
            Tensor numeric = Tensor.zeros(Precision.FLOAT64, w.value().shape());
            numericByName.put(w.name(), numeric);
            for (int i : elements(w.value().size())) {
                double n = centralDifference(loss, w.value(), i);
                numeric.set(i, n);
                double a = w.analytic().get(i);
                double err = relativeError(a, n);
                checked++;
                largestGradient = Math.max(largestGradient, Math.max(Math.abs(a), Math.abs(n)));
                if (checked == 1 || err > worst) {
                    worst = err;
                    worstAt = w.name() + w.value().indexOf(i);
                }
                if (!(err < maxRelativeError)) {
                    failures.add(String.format(Locale.ROOT, "%s%s: analytic %.10e numeric %.10e rel err %.2e%s",
                            w.name(), w.value().indexOf(i), a, n, err, kinkHint(loss, w.value(), i, base)));
                }
            }
        }
        if (largestGradient == 0) {
            throw new IllegalArgumentException(label + ": every analytic and numeric gradient is exactly zero, so the "
                    + "check would pass whatever backward computes — make the loss depend on the checked tensors "
                    + "(a non-zero random projection R, unmasked steps, inputs away from saturation)");
        }
        Map<String, Tensor> analyticByName = new LinkedHashMap<>();
        for (Wrt w : wrt) {
            analyticByName.put(w.name(), w.analytic());
        }
        return new Result(label, worst, worstAt, checked, failures, analyticByName, numericByName, maxRelativeError);
    }

    /** |a − n| / max(|a| + |n|, floor). */
    public double relativeError(double analytic, double numeric) {
        double diff = Math.abs(analytic - numeric);
        if (diff == 0) {
            return 0;
        }
        return diff / Math.max(Math.abs(analytic) + Math.abs(numeric), absoluteFloor);
    }

    private double centralDifference(DoubleSupplier loss, Tensor t, int i) {
        double original = t.get(i);
        double plus = at(loss, t, i, original + epsilon);
        double minus = at(loss, t, i, original - epsilon);
        if (!fivePoint) {
            t.set(i, original);
            return (plus - minus) / (2 * epsilon);
        }
        double plus2 = at(loss, t, i, original + 2 * epsilon);
        double minus2 = at(loss, t, i, original - 2 * epsilon);
        t.set(i, original);
        return (8 * (plus - minus) - (plus2 - minus2)) / (12 * epsilon);
    }

    private static double at(DoubleSupplier loss, Tensor t, int i, double value) {
        t.set(i, value);
        return loss.getAsDouble();
    }

    /**
     * For a failing element, looks for a kink within the stencil. The jump between the right and left
     * one-sided slopes at step h, divided by h, tends to the curvature L'' for a smooth loss (the same at
     * every h); across a kink at distance δ it is J·(h − δ)/h² (J the jump in slope): it changes with h and
     * vanishes once h &lt; δ. So a curvature estimate that varies by more than 3× over five halvings of h means
     * the loss is not smooth within the stencil.
     */
    private String kinkHint(DoubleSupplier loss, Tensor t, int i, double base) {
        double reach = fivePoint ? 2 * epsilon : epsilon;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        boolean signChange = false;
        double first = 0;
        for (int k = 0; k < 6; k++) {
            double h = reach / (1 << k);
            double original = t.get(i);
            double plus = at(loss, t, i, original + h);
            double minus = at(loss, t, i, original - h);
            t.set(i, original);
            double curvature = ((plus - base) - (base - minus)) / (h * h);
            if (k == 0) {
                first = curvature;
            } else if (curvature * first < 0) {
                signChange = true;
            }
            min = Math.min(min, Math.abs(curvature));
            max = Math.max(max, Math.abs(curvature));
        }
        if (max * reach > 1e-8 && (signChange || max > 3 * min)) {
            return String.format(Locale.ROOT, " — probably a kink within ±%.0e of the checked point (curvature "
                    + "estimates %.2e … %.2e change with the step): ReLU at 0, |ŷ − y| at 0, Huber at |d| = δ, "
                    + "clipping; move the checked point further than that from it", reach, min, max);
        }
        return "";
    }

    private int[] elements(int size) {
        if (size <= maxElementsPerTensor) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(subsetSeed ^ size);
        for (int i = 0; i < maxElementsPerTensor; i++) {
            int j = i + random.nextInt(size - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return java.util.Arrays.copyOf(order, maxElementsPerTensor);
    }

    /** The outcome of one check: the largest error, where it was, and every failing element. */
    public static final class Result {
        private final String label;
        private final double maxRelativeError;
        private final String worstAt;
        private final int elements;
        private final List<String> failures;
        private final Map<String, Tensor> analytic;
        private final Map<String, Tensor> numeric;
        private final double tolerance;

        Result(String label, double maxRelativeError, String worstAt, int elements, List<String> failures,
               Map<String, Tensor> analytic, Map<String, Tensor> numeric, double tolerance) {
            this.label = label;
            this.maxRelativeError = maxRelativeError;
            this.worstAt = worstAt;
            this.elements = elements;
            this.failures = List.copyOf(failures);
            this.analytic = analytic;
            this.numeric = numeric;
            this.tolerance = tolerance;
        }

        public double maxRelativeError() {
            return maxRelativeError;
        }

        public int elements() {
            return elements;
        }

        public boolean passed() {
            return failures.isEmpty();
        }

        public List<String> failures() {
            return failures;
        }

        /** The analytic gradient of the tensor named {@code name}, as given to the check. */
        public Tensor analytic(String name) {
            return analytic.get(name);
        }

        /** The numeric gradient of the tensor named {@code name} (unchecked elements are 0). */
        public Tensor numeric(String name) {
            return numeric.get(name);
        }

        /** {@code gradcheck LSTM reverse+mask: max rel err 3.2e-09 over 412 elements}. */
        public String line() {
            return String.format(Locale.ROOT, "gradcheck %s: max rel err %.1e over %d elements (worst at %s)%s",
                    label, maxRelativeError, elements, worstAt, passed() ? "" : " — FAILED " + failures.size());
        }

        /** Prints {@link #line()} and fails, listing up to 20 failing elements, if any element failed. */
        public Result assertPassed() {
            System.out.println(line());
            if (!passed()) {
                StringBuilder sb = new StringBuilder(label).append(": ").append(failures.size()).append(" of ")
                        .append(elements).append(" elements exceed relative error ").append(tolerance).append(":");
                failures.stream().limit(20).forEach(f -> sb.append("\n  ").append(f));
                if (failures.size() > 20) {
                    sb.append("\n  … and ").append(failures.size() - 20).append(" more");
                }
                throw new AssertionError(sb.toString());
            }
            return this;
        }
    }
}
