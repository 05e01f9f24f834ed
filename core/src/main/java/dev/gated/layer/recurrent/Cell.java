package dev.gated.layer.recurrent;

import dev.gated.init.Initializer;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One time step of a recurrent network: the gates and the state update. {@link Recurrent} runs the time
 * loop, projects the inputs of all steps at once ({@code x·W + b}, one matrix multiply) and hands each step
 * to the cell; the cell adds the recurrent part, applies the gate nonlinearities and updates the state.
 *
 * <p>Parameter layout, shared by all cells (G gates, gate blocks side by side along the last axis):
 * <pre>
 * kernel            W (I, G·H)
 * recurrent_kernel  U (H, G·H)
 * bias              b (G·H)
 * </pre>
 * The mapping to PyTorch's {@code torch.nn.RNN/LSTM/GRU} is {@code weight_ih = Wᵀ}, {@code weight_hh = Uᵀ}
 * and, for RNN and LSTM, {@code bias_ih + bias_hh = b} (PyTorch's two biases only ever appear summed);
 * the gate order is PyTorch's (LSTM i, f, g, o; GRU r, z, n).
 *
 * <p><b>Writing your own cell.</b> Extend this class: give the gate count and names, {@link #blank()},
 * and the step: {@link #forwardStep} receives x_t·W + b in {@code s.gates} and must add the recurrent
 * part, apply the nonlinearities in place (the activations are what {@link #backwardStep} and inspection
 * read) and write h_t; {@link #backwardStep} turns ∂L/∂h_t into ∂L/∂(pre-activations) and ∂L/∂h_{t−1};
 * {@link #accumulateRecurrentGradients} adds ∂L/∂U over all steps. {@code new Recurrent(new MyCell(32))}
 * then runs it over time with masks, reversal, state and BPTT, and {@code dev.gated.gradcheck.GradientCheck}
 * checks its gradients against finite differences.
 *
 * <p><b>Recurrent dropout.</b> A cell that supports it ({@link #supportsRecurrentDropout}) reads
 * {@link Step#hPrevDropped} (h_{t−1} ⊙ m) wherever h_{t−1} meets U, keeps {@link Step#hPrev} for paths that
 * bypass U, and multiplies the recurrent path's ∂L/∂h̃_{t−1} by m in backward
 * ({@link #dropRecurrentGradient}); {@link Recurrent} draws m and hands ∂L/∂U the masked states.
 */
public abstract class Cell {

    /** How the weights are initialised. */
    public enum Init {
        /** Keras: Glorot-uniform W, orthogonal U, zero bias, LSTM forget-gate bias 1. */
        KERAS,
        /** PyTorch: every weight and bias ~ U(−1/√H, 1/√H). */
        PYTORCH
    }

    protected final int units;
    protected int inputSize;
    protected Parameter kernel;          // W (I, G·H)
    protected Parameter recurrentKernel; // U (H, G·H)
    protected Parameter bias;            // b (G·H)
    protected CellActivation activation = CellActivation.TANH;              // candidate and output
    protected CellActivation recurrentActivation = CellActivation.SIGMOID;  // the gates

    protected Cell(int units) {
        this.units = units;
    }

    /** G: 1 for SimpleRNN, 3 for GRU, 4 for LSTM. */
    public abstract int gateCount();

    /** Gate names in packing order, e.g. {@code i, f, g, o}. */
    public abstract List<String> gateNames();

    /** The cell's type as written in model files: {@code simple_rnn}, {@code lstm}, {@code gru}. */
    public abstract String type();

    public boolean hasCellState() {
        return false;
    }

    public int units() {
        return units;
    }

    public int inputSize() {
        return inputSize;
    }

    /** Keras's {@code activation}: the candidate's (and LSTM's output's) nonlinearity; tanh by default. */
    public CellActivation activation() {
        return activation;
    }

    /** Keras's {@code recurrent_activation}: the gates' nonlinearity; sigmoid by default. */
    public CellActivation recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the cell runs its default nonlinearities (tanh, sigmoid): the fused kernels' path. */
    protected boolean defaultActivations() {
        return activation == CellActivation.TANH && recurrentActivation == CellActivation.SIGMOID;
    }

    /**
     * Whether {@link #forwardStep} and {@link #backwardStep} honour {@link #activation()} and
     * {@link #recurrentActivation()}; a cell that does not keeps tanh and sigmoid
     * ({@link Recurrent#activation} refuses others).
     */
    protected boolean supportsActivations() {
        return false;
    }

    /** Whether {@link #recurrentActivation()} is used at all (not by SimpleRNN, which has no gates). */
    protected boolean hasGates() {
        return true;
    }

    void setActivations(CellActivation activation, CellActivation recurrentActivation) {
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter recurrentKernel() {
        return recurrentKernel;
    }

    public Parameter bias() {
        return bias;
    }

    void build(int inputSize, BuildContext context, Init init) {
        this.inputSize = inputSize;
        int width = gateCount() * units;
        Precision p = context.precision();
        kernel = Parameter.zeros("kernel", p, inputSize, width);
        recurrentKernel = Parameter.zeros("recurrent_kernel", p, units, width);
        bias = Parameter.zeros("bias", p, width);
        buildExtra(p);
        SplittableRandom random = context.random();
        if (init == Init.PYTORCH) {
            Initializer uniform = Initializer.uniform(1.0 / Math.sqrt(units));
            for (Parameter param : parameters()) {
                Tensor v = param.value();
                uniform.fill(v, 0, 1, v.size(), random);
            }
        } else {
            Initializer.glorotUniform().fill(kernel.value(), 0, inputSize, width, random);
            Initializer.orthogonal().fill(recurrentKernel.value(), 0, units, width, random);
            initKerasBias();
        }
    }

    /** Extra parameters beyond W, U, b (GRU's recurrent bias). */
    protected void buildExtra(Precision precision) {
    }

    /** Keras-style bias initialisation; zeros unless the cell says otherwise. */
    protected void initKerasBias() {
    }

    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>(List.of(kernel, recurrentKernel, bias));
        list.addAll(extraParameters());
        return list;
    }

    protected List<Parameter> extraParameters() {
        return List.of();
    }

    /**
     * A new, unbuilt cell of the same kind and size ({@code new MyCell(units)}): what {@link #replica} and
     * {@link Bidirectional} start from.
     */
    protected abstract Cell blank();

    /**
     * A cell of the same kind sharing this one's parameters (the same objects): the cell of a
     * {@link Recurrent#replica()}. Cells with parameters beyond W, U, b share them in
     * {@link #shareExtraParameters}.
     */
    public Cell replica() {
        Cell r = blank();
        r.inputSize = inputSize;
        r.kernel = kernel;
        r.recurrentKernel = recurrentKernel;
        r.bias = bias;
        r.activation = activation;
        r.recurrentActivation = recurrentActivation;
        r.shareExtraParameters(this);
        return r;
    }

    /** Copies references to the parameters beyond W, U, b from {@code source} (same class). */
    protected void shareExtraParameters(Cell source) {
    }

    /** Sizes the per-sequence caches the backward pass needs, for T steps of B rows. */
    protected abstract void allocate(int steps, int batch, Precision precision);

    /** One step forward: see {@link Step} for what is read and written. */
    protected abstract void forwardStep(Step s);

    /** One step backward: writes s.dGates, s.dhPrev (and s.dcPrev). */
    protected abstract void backwardStep(Step s);

    /**
     * After the backward time loop: adds ∂L/∂U (and any recurrent bias gradient) using the gate gradients of
     * all steps, with one matrix multiply over all steps where the layout allows.
     */
    protected abstract void accumulateRecurrentGradients(RecurrentGradients g);

    /**
     * Whether {@link #forwardStep} reads {@link Step#hPrevDropped} for every product with U and
     * {@link #backwardStep} applies {@link Step#recurrentMask} to the recurrent path's gradient (see
     * {@link #dropRecurrentGradient}). A cell that does not is refused by {@link Recurrent#recurrentDropout}.
     */
    protected boolean supportsRecurrentDropout() {
        return false;
    }

    /**
     * Whether {@link #forwardStep} may be given a slice of the batch ({@link Step#row}, {@link Step#batch} rows
     * of {@link Step#layerBatch}) from several threads at once: true when it addresses its own (T, B, ·)
     * buffers at row {@code t·layerBatch + row} and keeps no other per-batch scratch. Off by default, so a
     * user's cell written for whole batches always gets them.
     */
    protected boolean supportsBatchSlices() {
        return false;
    }

    /**
     * {@code d ⊙= m} on the (B, H) block at {@code off} (the mask's rows of this step's slice) when a recurrent dropout mask is applied: turns
     * ∂L/∂h̃_{t−1} into the recurrent path's share of ∂L/∂h_{t−1}. Does nothing without a mask.
     */
    protected static void dropRecurrentGradient(Step s, Tensor d, int off) {
        Tensor m = s.recurrentMask;
        if (m == null) {
            return;
        }
        int n = s.batch * m.dim(1);
        int rows = s.row * m.dim(1);
        for (int i = 0; i < n; i++) {
            d.set(off + i, d.get(off + i) * m.get(rows + i));
        }
    }

    /** The gate activations of step t for inspection: (B, G·H) at {@code offset}, or null if not kept. */
    Tensor gateActivations() {
        return null;
    }
}
