package dev.gated.experiments;

import dev.gated.data.Dataset;
import dev.gated.tensor.Tensor;

/**
 * Examples of a memory task.
 *
 * @param x    inputs (N, T', F): T' steps (the task's {@link MemoryTask#steps}), F features
 * @param y    targets: (N, 1) for regression, (N) class indices for classification, (N, T') class indices per step
 * @param cues (N, k) the time steps whose inputs the target depends on (adding: the two marked positions;
 *             copy: the 10 symbols; first symbol: step 0), for plots and tests
 */
public record TaskData(Tensor x, Tensor y, int[][] cues) {

    public int size() {
        return x.dim(0);
    }

    public Dataset dataset() {
        return new Dataset(x, y);
    }

    /** Examples [from, to) as a new TaskData. */
    public TaskData range(int from, int to) {
        Dataset part = dataset().range(from, to);
        int[][] c = new int[to - from][];
        System.arraycopy(cues, from, c, 0, to - from);
        return new TaskData(part.x(), part.y(), c);
    }
}
