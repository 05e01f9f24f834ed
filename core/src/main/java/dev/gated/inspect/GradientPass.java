package dev.gated.inspect;

import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One forward and one backward pass through a model's layers, in inference mode (no dropout), without an
 * optimizer step: what {@code fit} does for a batch, minus the update. Afterwards every layer holds the
 * caches of this pass (a {@link dev.gated.layer.recurrent.Recurrent} its gate activations, states and, when
 * recording, ‖∂L/∂h_t‖), and the parameters' gradients are restored to what they were before, so a pass
 * between two training batches leaves training exactly as it was.
 *
 * <pre>
 * forward:   h_0 = x, h_{k+1} = layer_k(h_k, mask_k)            mask_{k+1} = layer_k.outputMask(mask_k)
 * loss:      L = loss(h_K, y, mask_K),  ∂L/∂h_K written by the loss
 * backward:  ∂L/∂h_k = layer_k.backward(∂L/∂h_{k+1}),  k = K−1 … 0 (stops at a layer with no input gradient)
 * </pre>
 */
public final class GradientPass {

    /**
     * What the pass produced.
     *
     * @param loss   the loss of the batch (mean over its positions, as in training)
     * @param output the model's output (B, …)
     */
    public record Result(double loss, Tensor output) {
    }

    private GradientPass() {
    }

    /**
     * Runs the pass on a batch {@code x} (B, …) with targets {@code y} and an optional {@code mask} (B, T).
     * The model must be built (compile, fit or predict build it; {@link Sequential#build()} does too).
     */
    public static Result run(Sequential model, Loss loss, Tensor x, Tensor y, Tensor mask) {
        if (loss == null) {
            throw new IllegalArgumentException("loss: the gradient pass needs a loss — compile the model or pass one");
        }
        model.build();
        List<Layer> layers = model.layers();
        List<Tensor> savedGradients = saveGradients(model.parameters());
        try {
            Tensor h = x.to(model.precision());
            Tensor m = mask == null ? null : mask.to(model.precision());
            for (Layer layer : layers) {
                h = layer.forward(h, m, Mode.INFERENCE);
                m = layer.outputMask(m);
            }
            Tensor gradient = h.zerosLike();
            double value = loss.compute(h, y.to(model.precision()), m, gradient);
            Tensor d = gradient;
            for (int i = layers.size() - 1; i >= 0 && d != null; i--) {
                d = layers.get(i).backward(d);
            }
            return new Result(value, h);
        } finally {
            restoreGradients(model.parameters(), savedGradients);
        }
    }

    private static List<Tensor> saveGradients(List<Parameter> parameters) {
        List<Tensor> saved = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            saved.add(p.grad().copy());
        }
        return saved;
    }

    private static void restoreGradients(List<Parameter> parameters, List<Tensor> saved) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).grad().copyFrom(saved.get(i));
        }
    }
}
