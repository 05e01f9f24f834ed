package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer normalisation over the last axis (Ba, Kiros &amp; Hinton 2016), as Keras's {@code LayerNormalization()}
 * and PyTorch's {@code nn.LayerNorm(F)}: each row of F features is normalised on its own, so it works the
 * same at every step, batch size and sequence length.
 *
 * <pre>
 * x (N, F), N = all leading axes flattened (B or B·T)     γ (F) init 1, β (F) init 0
 * μ_n = (1/F) Σ_f x[n,f]      σ²_n = (1/F) Σ_f (x[n,f] − μ_n)²      (biased variance, both frameworks)
 * r_n = 1 / √(σ²_n + ε)       x̂[n,f] = (x[n,f] − μ_n) · r_n        y[n,f] = γ_f · x̂[n,f] + β_f
 *
 * ∂L/∂γ_f += Σ_n ∂L/∂y[n,f] · x̂[n,f]        ∂L/∂β_f += Σ_n ∂L/∂y[n,f]
 * g[n,f] = ∂L/∂y[n,f] · γ_f
 * ∂L/∂x[n,f] = r_n · (g[n,f] − mean_f(g[n,:]) − x̂[n,f] · mean_f(g[n,:] ⊙ x̂[n,:]))
 * </pre>
 * <b>ε convention:</b> Keras's default is ε = 1e-3, PyTorch's 1e-5; Gated follows Keras ({@link #DEFAULT_EPSILON})
 * and takes any ε &gt; 0 — use {@code new LayerNormalization(1e-5)} to match a PyTorch model. The mask, if any,
 * is passed on unchanged (rows are independent, so padded steps affect nothing else).
 */
public final class LayerNormalization implements Layer {

    /** Keras's default ε; PyTorch's is 1e-5. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private final double epsilon;
    private int width;          // F; 0 until built
    private int[] inputShape;
    private Parameter gamma;    // γ (F)
    private Parameter beta;     // β (F)
    private Tensor x;           // last input (…, F)
    private double[] normalized; // x̂ (N, F)
    private double[] inverseStd; // r (N)

    public LayerNormalization() {
        this(DEFAULT_EPSILON);
    }

    /** With ε added to the variance: 1e-3 matches Keras, 1e-5 PyTorch. */
    public LayerNormalization(double epsilon) {
        this.epsilon = Checks.positive("LayerNormalization epsilon", epsilon);
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public String type() {
        return "layer_normalization";
    }

    @Override
    public int[] build(int[] shape, BuildContext context) {
        if (shape.length < 1 || shape[shape.length - 1] == Shape.ANY) {
            throw new IllegalArgumentException("LayerNormalization: expected an input with a fixed feature axis but found "
                    + Shape.withBatch(shape));
        }
        int f = shape[shape.length - 1];
        if (gamma != null) {
            if (f != width) {
                throw new IllegalArgumentException("LayerNormalization was built for inputs of width " + width
                        + " but is now called on " + Shape.withBatch(shape));
            }
            return shape.clone();
        }
        inputShape = shape.clone();
        width = f;
        gamma = Parameter.zeros("gamma", context.precision(), width);
        gamma.value().fill(1);
        beta = Parameter.zeros("beta", context.precision(), width);
        return shape.clone();
    }

    @Override
    public LayerNormalization replica() {
        LayerNormalization r = new LayerNormalization(epsilon);
        r.width = width;
        r.inputShape = inputShape;
        r.gamma = gamma;
        r.beta = beta;
        return r;
    }

    @Override
    public Tensor forward(Tensor input, Tensor mask, Mode mode) {
        Checks.inputShape("LayerNormalization", Checks.freeTime(inputShape), input.shape());
        x = input;
        int rows = input.size() / width;
        normalized = new double[input.size()];
        inverseStd = new double[rows];
        Tensor y = input.zerosLike();
        for (int n = 0; n < rows; n++) {
            int at = n * width;
            double mean = 0;
            for (int f = 0; f < width; f++) {
                mean += input.get(at + f);
            }
            mean /= width;
            double variance = 0;
            for (int f = 0; f < width; f++) {
                double d = input.get(at + f) - mean;
                variance += d * d;
            }
            variance /= width;
            double r = 1 / Math.sqrt(variance + epsilon);
            inverseStd[n] = r;
            for (int f = 0; f < width; f++) {
                double h = (input.get(at + f) - mean) * r;
                normalized[at + f] = h;
                y.set(at + f, gamma.value().get(f) * h + beta.value().get(f));
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        int rows = x.size() / width;
        Tensor dx = x.zerosLike();
        double[] g = new double[width];
        for (int n = 0; n < rows; n++) {
            int at = n * width;
            double meanG = 0;
            double meanGx = 0;
            for (int f = 0; f < width; f++) {
                double dy = dOutput.get(at + f);
                gamma.grad().add(f, dy * normalized[at + f]);
                beta.grad().add(f, dy);
                g[f] = dy * gamma.value().get(f);
                meanG += g[f];
                meanGx += g[f] * normalized[at + f];
            }
            meanG /= width;
            meanGx /= width;
            for (int f = 0; f < width; f++) {
                dx.set(at + f, inverseStd[n] * (g[f] - meanG - normalized[at + f] * meanGx));
            }
        }
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("epsilon", Double.toString(epsilon));
        return c;
    }
}
