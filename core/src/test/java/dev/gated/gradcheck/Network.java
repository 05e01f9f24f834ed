package dev.gated.gradcheck;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stack of layers built in FLOAT64 and driven as {@code Sequential} drives them (whose forward/backward are
 * package-private): forward in order, each layer's {@link Layer#outputMask} feeding the next; backward in
 * reverse. Also forms the projection objective L = Σ output ⊙ R that the layer checks use.
 */
final class Network {

    private final List<Layer> layers;
    private final int[] outputShape;

    private Network(int[] inputShape, long seed, List<Layer> layers) {
        this.layers = layers;
        BuildContext context = new BuildContext(Precision.FLOAT64, new SplittableRandom(seed));
        int[] shape = inputShape;
        for (Layer layer : layers) {
            shape = layer.build(shape, context);
        }
        this.outputShape = shape;
    }

    /** Builds {@code layers} for examples of {@code inputShape} (no batch axis), weights from {@code seed}. */
    static Network of(int[] inputShape, long seed, Layer... layers) {
        return new Network(inputShape, seed, List.of(layers));
    }

    /** Output shape without the batch axis. */
    int[] outputShape() {
        return outputShape.clone();
    }

    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** Every parameter with its gradient, named {@code <index>:<type>/<parameter>}. */
    List<GradientCheck.Wrt> parameterGradients() {
        List<GradientCheck.Wrt> wrt = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            wrt.addAll(GradientCheck.Wrt.parameters(i + ":" + layers.get(i).type(), layers.get(i).parameters()));
        }
        return wrt;
    }

    void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /**
     * Moves every weight by U(−scale, scale) so that no parameter keeps a special value from its initialiser
     * (zero biases, the LSTM forget bias of exactly 1) that could hide a wrong gradient term.
     */
    Network jitter(long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().add(i, scale * (2 * random.nextDouble() - 1));
            }
        }
        return this;
    }

    Tensor forward(Tensor x, Tensor mask, Mode mode) {
        Tensor h = x;
        Tensor m = mask;
        for (Layer layer : layers) {
            h = layer.forward(h, m, mode);
            m = layer.outputMask(m);
        }
        return h;
    }

    /** Backward through every layer; returns ∂L/∂x, or null when the first layer takes indices. */
    Tensor backward(Tensor dOutput) {
        Tensor d = dOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d);
        }
        return d;
    }

    /**
     * Checks the gradient of L = Σ forward(x) ⊙ R (R uniform in (−1, 1) from {@code rSeed}, so every output
     * gets its own gradient) with respect to every parameter and, if {@code inputDifferentiable}, x.
     */
    GradientCheck.Result checkProjection(GradientCheck check, String label, Tensor x, Tensor mask, Mode mode,
                                         long rSeed, boolean inputDifferentiable) {
        Tensor y = forward(x, mask, mode);
        Tensor r = Tensors.uniform(new SplittableRandom(rSeed), -1, 1, y.shape());
        zeroGrad();
        Tensor dx = backward(r);
        List<GradientCheck.Wrt> wrt = new ArrayList<>(parameterGradients());
        if (inputDifferentiable) {
            wrt.add(GradientCheck.Wrt.of("input", x, dx));
        }
        return check.run(label, () -> Tensors.dot(forward(x, mask, mode), r), wrt);
    }
}
