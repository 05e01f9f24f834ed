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
        Tensor a = forward.forward(x, mask, mode);
        Tensor b = backward.forward(x, mask, mode);
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
        Tensor dxA = forward.backward(da);
        Tensor dxB = backward.backward(db);
        for (int i = 0; i < dxA.size(); i++) {
            dxA.add(i, dxB.get(i));
        }
        return dxA;
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
