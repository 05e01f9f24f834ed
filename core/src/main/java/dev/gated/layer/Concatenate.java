package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Joins two or more inputs along the last (feature) axis, as Keras's {@code Concatenate()}: inputs
 * (B, …, F_k) with the same leading axes → (B, …, Σ F_k). The gradient splits back the same way. The first
 * input's mask is passed on.
 */
public final class Concatenate extends Merge {

    private int[] widths;

    @Override
    protected String verb() {
        return "joins";
    }

    @Override
    public String type() {
        return "concatenate";
    }

    @Override
    public List<int[]> buildAll(List<int[]> inputShapes, BuildContext context) {
        requireSeveral(inputShapes);
        int[] first = inputShapes.get(0);
        int[] w = new int[inputShapes.size()];
        int total = 0;
        for (int k = 0; k < w.length; k++) {
            int[] s = inputShapes.get(k);
            if (s.length != first.length || !Shape.fits(lead(first), lead(s)) && !Shape.fits(lead(s), lead(first))) {
                throw new IllegalArgumentException("concatenate: input " + k + " has shape " + Shape.withBatch(s)
                        + " but input 0 has " + Shape.withBatch(first) + " — all axes but the last must agree");
            }
            w[k] = s[s.length - 1];
            total += w[k];
        }
        widths = w;
        int[] out = first.clone();
        out[out.length - 1] = total;
        return List.of(out);
    }

    private static int[] lead(int[] shape) {
        return java.util.Arrays.copyOf(shape, shape.length - 1);
    }

    @Override
    public Tensor[] forwardAll(Tensor[] inputs, Tensor[] masks, Mode mode) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        int rows = inputs[0].size() / widths[0];
        int[] shape = inputs[0].shape();
        shape[shape.length - 1] = total;
        Tensor y = Tensor.zeros(inputs[0].precision(), shape);
        for (int k = 0, col = 0; k < inputs.length; col += widths[k], k++) {
            if (inputs[k].size() / widths[k] != rows) {
                throw new IllegalArgumentException("concatenate: input " + k + " has shape " + inputs[k].shapeString()
                        + " but input 0 has " + inputs[0].shapeString());
            }
            for (int r = 0; r < rows; r++) {
                y.copyFrom(inputs[k], r * widths[k], r * total + col, widths[k]);
            }
        }
        return new Tensor[] {y};
    }

    @Override
    public Tensor[] backwardAll(Tensor[] dOutputs) {
        Tensor d = dOutputs[0];
        int total = d.dim(d.rank() - 1);
        int rows = d.size() / total;
        Tensor[] dx = new Tensor[widths.length];
        for (int k = 0, col = 0; k < widths.length; col += widths[k], k++) {
            int[] shape = d.shape();
            shape[shape.length - 1] = widths[k];
            dx[k] = Tensor.zeros(d.precision(), shape);
            for (int r = 0; r < rows; r++) {
                dx[k].copyFrom(d, r * total + col, r * widths[k], widths[k]);
            }
        }
        return dx;
    }

    @Override
    public Concatenate replica() {
        Concatenate r = new Concatenate();
        r.widths = widths == null ? null : widths.clone();
        return r;
    }
}
