package dev.gated.layer;

import dev.gated.init.Initializer;
import dev.gated.kernel.KernelProvider;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully connected layer on the last axis; on (B, T, F) input it acts on every step (time-distributed).
 *
 * <pre>
 * y = act(x·W + b)        x (N, F), W (F, U), b (U), y (N, U), N = all leading axes flattened
 * ∂L/∂z = act'(z) ⊙ ∂L/∂y
 * ∂L/∂W += xᵀ·∂L/∂z       ∂L/∂b += Σ_rows ∂L/∂z       ∂L/∂x = ∂L/∂z·Wᵀ
 * </pre>
 * W is Glorot-uniform initialised, b zeros.
 */
public final class Dense implements Layer {

    private final int units;
    private final Activation activation;
    private final String prefix;   // parameter names: prefix + "kernel", prefix + "bias"
    private int inputWidth;
    private int[] inputShape;
    private Parameter kernel;   // W (F, U)
    private Parameter bias;     // b (U)
    private Tensor x;           // last input (N, F)
    private Tensor y;           // last output (N, U)

    public Dense(int units, Activation activation) {
        this(units, activation, "");
    }

    /** A projection inside another layer: its weights are named {@code prefix + "kernel"} and {@code prefix + "bias"}. */
    Dense(int units, Activation activation, String prefix) {
        this.units = Checks.positive("Dense units", units);
        this.activation = activation;
        this.prefix = prefix;
    }

    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    public static Dense of(int units, String activation) {
        return new Dense(units, Activation.parse(activation));
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException("Dense: expected an input with a feature axis but found a scalar");
        }
        if (kernel != null) {
            if (inputShape[inputShape.length - 1] != inputWidth) {
                throw new IllegalArgumentException("Dense(" + units + ") was built for inputs of width " + inputWidth
                        + " but is now called on width " + inputShape[inputShape.length - 1]);
            }
            int[] out = inputShape.clone();
            out[out.length - 1] = units;
            return out;
        }
        this.inputShape = inputShape.clone();
        inputWidth = inputShape[inputShape.length - 1];
        kernel = Parameter.zeros(prefix + "kernel", context.precision(), inputWidth, units);
        bias = Parameter.zeros(prefix + "bias", context.precision(), units);
        Initializer.glorotUniform().fill(kernel.value(), 0, inputWidth, units, context.random());
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    public Dense replica() {
        Dense r = new Dense(units, activation, prefix);
        r.inputWidth = inputWidth;
        r.inputShape = inputShape;
        r.kernel = kernel;
        r.bias = bias;
        return r;
    }

    @Override
    public Tensor forward(Tensor input, Tensor mask, Mode mode) {
        Checks.inputShape("Dense(" + units + ")", Checks.freeTime(inputShape), input.shape());
        int rows = input.size() / inputWidth;
        x = input;
        int[] outShape = input.shape();
        outShape[outShape.length - 1] = units;
        y = Tensor.zeros(input.precision(), outShape);
        for (int r = 0; r < rows; r++) {
            y.copyFrom(bias.value(), 0, r * units, units);
        }
        KernelProvider.get().gemm(false, false, rows, units, inputWidth,
                x, 0, inputWidth, kernel.value(), 0, units, y, 0, units, true);
        activation.forward(y, rows, units);
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        int rows = x.size() / inputWidth;
        Tensor dz = dOutput.copy();
        activation.backward(y, dz, rows, units);
        var k = KernelProvider.get();
        k.gemm(true, false, inputWidth, units, rows, x, 0, inputWidth, dz, 0, units,
                kernel.grad(), 0, units, true);
        k.addColumnSums(rows, units, dz, 0, units, bias.grad(), 0);
        Tensor dx = Tensor.zeros(x.precision(), x.shape());
        k.gemm(false, true, rows, inputWidth, units, dz, 0, units, kernel.value(), 0, units,
                dx, 0, inputWidth, false);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(kernel, bias);
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("units", Integer.toString(units));
        c.put("activation", activation.label());
        return c;
    }
}
