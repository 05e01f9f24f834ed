package dev.gated.translate;

import dev.gated.model.GraphModel;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * The attention weights of one teacher-forced run, as a matrix for a heatmap: which source steps each output
 * step read. Decoding is causal, so feeding the decoded output back gives the weights decoding itself used.
 *
 * <pre>
 * model: (source (1, S), decoder input (1, T+1) = START y_1 … y_T) → weights (1, T+1, S), or (1, h, T+1, S) per head
 * map[t][s] = weights[0, t, s], or the mean over the h heads             (T+1, S); each row sums to 1
 * </pre>
 */
final class AttentionMap {

    private AttentionMap() {
    }

    static double[][] of(GraphModel model, int[] source, int[] output) {
        float[] x = new float[source.length];
        for (int s = 0; s < source.length; s++) {
            x[s] = source[s];
        }
        float[] y = new float[output.length + 1];
        y[0] = SymbolTokenizer.START;
        for (int t = 0; t < output.length; t++) {
            y[t + 1] = output[t];
        }
        Tensor w = model.predict(List.of(Tensor.of(x, 1, x.length), Tensor.of(y, 1, y.length)), null).get(0);
        int heads = w.rank() == 4 ? w.dim(1) : 1;
        int steps = y.length;
        double[][] map = new double[steps][source.length];
        for (int n = 0; n < heads; n++) {
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < source.length; s++) {
                    map[t][s] += w.get((n * steps + t) * source.length + s) / heads;
                }
            }
        }
        return map;
    }
}
