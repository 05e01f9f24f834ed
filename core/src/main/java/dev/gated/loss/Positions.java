package dev.gated.loss;

import dev.gated.tensor.Tensor;

/**
 * The positions a loss averages over: prediction (B, F) has B positions of width F; (B, T, F) has B·T
 * positions, of which a (B, T) mask keeps the valid ones. Also checks that target and prediction fit.
 */
record Positions(int count, int width, Tensor mask, int valid) {

    static Positions of(String loss, Tensor prediction, Tensor target, Tensor mask, boolean sparseTarget) {
        int width = prediction.dim(prediction.rank() - 1);
        int count = prediction.size() / width;
        int expectedTarget = sparseTarget ? count : prediction.size();
        if (target.size() != expectedTarget) {
            throw new IllegalArgumentException(loss + ": the targets have shape " + target.shapeString()
                    + " (" + target.size() + " values) but the predictions have shape " + prediction.shapeString()
                    + (sparseTarget ? ", which needs one class index per position (" + count + ")"
                    : ", which needs " + prediction.size() + " — check the model's output units")
                    );
        }
        if (mask != null && mask.size() != count) {
            throw new IllegalArgumentException(loss + ": mask of shape " + mask.shapeString()
                    + " does not fit predictions of shape " + prediction.shapeString());
        }
        int valid = count;
        if (mask != null) {
            valid = 0;
            for (int i = 0; i < count; i++) {
                valid += mask.get(i) != 0 ? 1 : 0;
            }
        }
        return new Positions(count, width, mask, Math.max(valid, 1));
    }

    boolean isValid(int position) {
        return mask == null || mask.get(position) != 0;
    }
}
