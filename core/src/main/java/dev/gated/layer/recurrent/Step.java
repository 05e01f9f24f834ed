package dev.gated.layer.recurrent;

import dev.gated.tensor.Tensor;

/**
 * Views of the buffers one time step reads and writes, set by {@link Recurrent} before each call to a
 * {@link Cell}. Every view is a (B, width) block at an offset; blocks are contiguous (time-major buffers).
 * Reused across steps: the time loop allocates nothing. In the forward pass the batch may be split into
 * slices of rows that run on different threads, each with its own Step: a cell's own (T, B, ·) buffers are
 * then addressed at row {@code (t · layerBatch + row)}.
 */
public final class Step {
    /** Time index t of this step in the sequence (not the loop counter: reversed layers count down). */
    public int t;
    /** Rows in this step's blocks: the layer's batch, or a slice of it when the batch is split across threads. */
    public int batch;
    /** The first row of this step's slice within the layer's batch (0 unless the batch is split). */
    public int row;
    /** The layer's whole batch: the row count of a cell's own (T, B, ·) buffers at time t. */
    public int layerBatch;

    /** In forward: the input projection x_t·W + b (B, G·H), overwritten with the gate activations. */
    public Tensor gates;
    public int gatesOff;

    /** Previous hidden state h_{t−1} (B, H): the initial state or the previous step's output. */
    public Tensor hPrev;
    public int hPrevOff;
    /**
     * What the recurrent product reads: h̃_{t−1} = h_{t−1} ⊙ m under recurrent dropout (B, H), otherwise
     * the same view as {@link #hPrev}. Paths that carry h_{t−1} past U (GRU's z ⊙ h_{t−1}) read hPrev.
     */
    public Tensor hPrevDropped;
    public int hPrevDroppedOff;
    /**
     * Recurrent dropout mask m (B, H) at 0: 0 or 1/(1 − rate), the same at every step of a sequence; null
     * when no mask is applied (inference, or rate 0). Backward multiplies the gradient of the recurrent path
     * by it: ∂L/∂h_{t−1} = ∂L/∂h̃_{t−1} ⊙ m + (paths that bypass U).
     */
    public Tensor recurrentMask;
    /** This step's hidden state h_t (B, H). */
    public Tensor h;
    public int hOff;

    /** Previous and current cell state (LSTM only), (B, H). */
    public Tensor cPrev;
    public int cPrevOff;
    public Tensor c;
    public int cOff;

    /** Backward: ∂L/∂(gate pre-activations) written here, (B, G·H). */
    public Tensor dGates;
    public int dGatesOff;
    /** Backward: ∂L/∂h_t and ∂L/∂c_t coming in (B, H); the cell may overwrite them. */
    public Tensor dh;
    public Tensor dc;
    /** Backward: ∂L/∂h_{t−1} and ∂L/∂c_{t−1} going out (B, H), overwritten by the cell. */
    public Tensor dhPrev;
    public Tensor dcPrev;
}
