package dev.gated.layer.recurrent;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the same input and merges the two:
 *
 * <pre>
 * y_fwd = forward(x)     y_bwd = backward(x)   (the backward copy reads t = T−1 … 0; its outputs stay aligned with t)
 * concat:  y = [y_fwd, y_bwd]   (…, 2H)          — PyTorch's bidirectional=True layout
 * sum:     y = y_fwd + y_bwd    (…, H)
 * average: y = (y_fwd + y_bwd) / 2
 * </pre>
 * Without return-sequences, y_fwd is the state after step T−1 and y_bwd the state after step 0.
 */
public final class Bidirectional implements Layer {

    /** How the two directions' outputs are combined. */
    public enum Merge { CONCAT, SUM, AVERAGE }

    private final Recurrent forward;
    private final Recurrent backward;
    private final Merge merge;
    private int units;

    public Bidirectional(Recurrent layer, Merge merge) {
        this.forward = layer;
        this.backward = mirror(layer);
        this.merge = merge;
    }

    public Bidirectional(Recurrent layer) {
        this(layer, Merge.CONCAT);
    }

    private Bidirectional(Recurrent forward, Recurrent backward, Merge merge, int units) {
        this.forward = forward;
        this.backward = backward;
        this.merge = merge;
        this.units = units;
    }

    @Override
    public Bidirectional replica() {
        return new Bidirectional(forward.replica(), backward.replica(), merge, units);
    }

    private static Recurrent mirror(Recurrent layer) {
        Map<String, String> config = layer.config();
        return new Recurrent(layer.cell().blank())
                .returnSequences(layer.returnsSequences())
                .goBackwards(!layer.goesBackwards())
                .dropout(layer.dropoutRate())
                .recurrentDropout(layer.recurrentDropoutRate())
                .activation(layer.cell().activation())
                .recurrentActivation(layer.cell().recurrentActivation())
                .init(Cell.Init.valueOf(config.get("init").toUpperCase(Locale.ROOT)));
    }

    public Recurrent forwardLayer() {
        return forward;
    }

    public Recurrent backwardLayer() {
        return backward;
    }

    public Merge merge() {
        return merge;
    }

    @Override
    public String type() {
        return "bidirectional";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        int[] out = forward.build(inputShape, context);
        backward.build(inputShape, context);
        units = out[out.length - 1];
        if (merge == Merge.CONCAT) {
            out[out.length - 1] = 2 * units;
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        return merged(forward.forward(x, mask, mode), backward.forward(x, mask, mode));
    }

    /** The two directions' outputs merged as {@link #merge} says. */
    private Tensor merged(Tensor a, Tensor b) {
        int rows = a.size() / units;
        int[] shape = a.shape();
        if (merge == Merge.CONCAT) {
            shape[shape.length - 1] = 2 * units;
            Tensor y = Tensor.zeros(a.precision(), shape);
            for (int r = 0; r < rows; r++) {
                y.copyFrom(a, r * units, 2 * r * units, units);
                y.copyFrom(b, r * units, (2 * r + 1) * units, units);
            }
            return y;
        }
        double scale = merge == Merge.AVERAGE ? 0.5 : 1.0;
        Tensor y = a.zerosLike();
        for (int i = 0; i < y.size(); i++) {
            y.set(i, scale * (a.get(i) + b.get(i)));
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        Tensor[] split = split(dOutput);
        return sum(forward.backward(split[0]), backward.backward(split[1]));
    }

    /** ∂L/∂y split into the two directions' output gradients. */
    private Tensor[] split(Tensor dOutput) {
        int[] shape = dOutput.shape();
        shape[shape.length - 1] = units;
        Tensor da = Tensor.zeros(dOutput.precision(), shape);
        Tensor db = Tensor.zeros(dOutput.precision(), shape);
        int rows = da.size() / units;
        if (merge == Merge.CONCAT) {
            for (int r = 0; r < rows; r++) {
                da.copyFrom(dOutput, 2 * r * units, r * units, units);
                db.copyFrom(dOutput, (2 * r + 1) * units, r * units, units);
            }
        } else {
            double scale = merge == Merge.AVERAGE ? 0.5 : 1.0;
            for (int i = 0; i < da.size(); i++) {
                da.set(i, scale * dOutput.get(i));
                db.set(i, scale * dOutput.get(i));
            }
        }
        return new Tensor[] {da, db};
    }

    private static Tensor sum(Tensor dxA, Tensor dxB) {
        for (int i = 0; i < dxA.size(); i++) {
            dxA.add(i, dxB.get(i));
        }
        return dxA;
    }

    /**
     * With {@code returnState} on the wrapped layer, a graph call gives (y, h_fwd[, c_fwd], h_bwd[, c_bwd]) —
     * Keras's order — so that a bidirectional encoder's final states can start a decoder (after a Concatenate
     * or a Dense that maps 2H to the decoder's units).
     */
    @Override
    public int outputCount(int inputCount) {
        return forward.returnsState() ? 1 + 2 * forward.stateCount() : 1;
    }

    @Override
    public List<int[]> buildAll(List<int[]> inputShapes, BuildContext context) {
        requireInputs(inputShapes.size(), 1);
        int[] out = build(inputShapes.get(0), context);
        List<int[]> shapes = new ArrayList<>();
        shapes.add(out);
        for (int k = 1; k < outputCount(1); k++) {
            shapes.add(new int[] {units});
        }
        return shapes;
    }

    @Override
    public Tensor[] forwardAll(Tensor[] inputs, Tensor[] masks, Mode mode) {
        if (!forward.returnsState()) {
            return new Tensor[] {forward(inputs[0], masks[0], mode)};
        }
        RecurrentState a = forward.call(inputs[0], masks[0], null, null, mode);
        RecurrentState b = backward.call(inputs[0], masks[0], null, null, mode);
        Tensor y = merged(a.output(), b.output());
        return a.finalCell() == null ? new Tensor[] {y, a.finalHidden(), b.finalHidden()}
                : new Tensor[] {y, a.finalHidden(), a.finalCell(), b.finalHidden(), b.finalCell()};
    }

    @Override
    public Tensor[] backwardAll(Tensor[] dOutputs) {
        if (!forward.returnsState()) {
            return new Tensor[] {backward(dOutputs[0])};
        }
        Tensor[] split = split(dOutputs[0]);
        int n = forward.stateCount();
        Tensor dxA = forward.backward(split[0], dOutputs[1], n == 2 ? dOutputs[2] : null);
        Tensor dxB = backward.backward(split[1], dOutputs[1 + n], n == 2 ? dOutputs[2 + n] : null);
        return new Tensor[] {sum(dxA, dxB)};
    }

    @Override
    public Tensor[] outputMasks(Tensor[] inputMasks) {
        Tensor[] masks = new Tensor[outputCount(1)];
        masks[0] = outputMask(inputMasks[0]);
        return masks;
    }

    @Override
    public Tensor outputMask(Tensor inputMask) {
        return forward.outputMask(inputMask);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Parameter p : forward.parameters()) {
            all.add(new Parameter("forward_" + p.name(), p.value(), p.grad()));
        }
        for (Parameter p : backward.parameters()) {
            all.add(new Parameter("backward_" + p.name(), p.value(), p.grad()));
        }
        return all;
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cell", forward.type());
        c.putAll(forward.config());
        c.put("merge", merge.name().toLowerCase(Locale.ROOT));
        return c;
    }
}
