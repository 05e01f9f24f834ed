package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Adds two or more inputs of one shape element by element, as Keras's {@code Add()} (e.g. a residual
 * connection): y = Σ_k x_k, ∂L/∂x_k = ∂L/∂y. The first input's mask is passed on.
 */
public final class Add extends Merge {

    private int inputs;

    @Override
    protected String verb() {
        return "sums";
    }

    @Override
    public String type() {
        return "add";
    }

    @Override
    public List<int[]> buildAll(List<int[]> inputShapes, BuildContext context) {
        requireSeveral(inputShapes);
        for (int k = 1; k < inputShapes.size(); k++) {
            int[] a = inputShapes.get(0);
            int[] b = inputShapes.get(k);
            if (!Shape.fits(a, b) && !Shape.fits(b, a)) {
                throw new IllegalArgumentException("add: input " + k + " has shape " + Shape.withBatch(b)
                        + " but input 0 has " + Shape.withBatch(a) + " — added tensors must have one shape");
            }
        }
        inputs = inputShapes.size();
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    public Tensor[] forwardAll(Tensor[] xs, Tensor[] masks, Mode mode) {
        Tensor y = xs[0].copy();
        for (int k = 1; k < xs.length; k++) {
            if (!xs[k].sameShape(y)) {
                throw new IllegalArgumentException("add: input " + k + " has shape " + xs[k].shapeString()
                        + " but input 0 has " + y.shapeString());
            }
            for (int i = 0; i < y.size(); i++) {
                y.add(i, xs[k].get(i));
            }
        }
        return new Tensor[] {y};
    }

    @Override
    public Tensor[] backwardAll(Tensor[] dOutputs) {
        Tensor[] dx = new Tensor[inputs];
        for (int k = 0; k < inputs; k++) {
            dx[k] = dOutputs[0].copy();
        }
        return dx;
    }

    @Override
    public Add replica() {
        Add r = new Add();
        r.inputs = inputs;
        return r;
    }
}
