package dev.gated.interop.layer;

import dev.gated.io.LayerFactory;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Masking(mask_value)}: a time step whose features all equal the mask value is padding.
 *
 * <pre>
 * x (B, T, F)    m[b, t] = 1 if some x[b, t, j] ≠ mask_value else 0     mask (B, T) for the layers after
 * y[b, t, :] = x[b, t, :] · m[b, t]                                      (padding steps become 0, as in Keras)
 * ∂L/∂x[b, t, :] = ∂L/∂y[b, t, :] · m[b, t]
 * </pre>
 * An incoming mask is combined with this one (a step is valid only where both say so). Saved in model files
 * as {@code masking}; {@link #register()} lets {@code ModelFile} load it (the interop module registers it
 * before any import).
 */
public final class Masking implements Layer {

    private final double maskValue;
    private Tensor mask; // (B, T) of the last forward

    public Masking(double maskValue) {
        this.maskValue = maskValue;
    }

    /** Makes {@code masking} layers loadable from Gated model files. Idempotent. */
    public static void register() {
        LayerFactory.register("masking", config -> new Masking(Double.parseDouble(config.getOrDefault("mask_value", "0"))));
    }

    public double maskValue() {
        return maskValue;
    }

    @Override
    public String type() {
        return "masking";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException("masking: expected sequences (batch, time, features) but the input has "
                    + (inputShape.length + 1) + " axes");
        }
        return inputShape.clone();
    }

    @Override
    public Masking replica() {
        return new Masking(maskValue);
    }

    @Override
    public Tensor forward(Tensor x, Tensor inputMask, Mode mode) {
        int batch = x.dim(0);
        int steps = x.dim(1);
        int features = x.dim(2);
        mask = Tensor.zeros(x.precision(), batch, steps);
        Tensor y = x.copy();
        for (int r = 0; r < batch * steps; r++) {
            boolean valid = false;
            for (int j = 0; j < features && !valid; j++) {
                valid = x.get(r * features + j) != maskValue;
            }
            if (valid && (inputMask == null || inputMask.get(r) != 0)) {
                mask.set(r, 1);
            } else {
                y.fill(r * features, features, 0);
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        Tensor dx = dOutput.copy();
        int features = dOutput.dim(2);
        for (int r = 0; r < mask.size(); r++) {
            if (mask.get(r) == 0) {
                dx.fill(r * features, features, 0);
            }
        }
        return dx;
    }

    @Override
    public Tensor outputMask(Tensor inputMask) {
        return mask;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("mask_value", Double.toString(maskValue));
        return c;
    }
}
