package dev.gated.layer.recurrent;

import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.Kernels;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Checks;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Runs a {@link Cell} over a sequence: the layer users put in a model ({@code Recurrent.lstm(50)}).
 *
 * <pre>
 * input  x (B, T, I), optional mask (B, T) of 1 = valid step, 0 = padding
 * Z = x·W + b            input projections, time-major (T, B, G·H), a chunk of steps at a time
 * for t = 0 … T−1 (T−1 … 0 when reversed):
 *     h_t, c_t = cell(Z_t, h_{t−1}, c_{t−1})      h_{−1}, c_{−1} = initial state (zeros by default)
 *     where mask[b, t] = 0: h_t = h_{t−1}, c_t = c_{t−1}       (state carried through padding unchanged)
 * output (B, T, H) with returnSequences, else the final state h (B, H)
 * </pre>
 * Because padding carries the state unchanged, left- and right-padded sequences give the same final
 * state and the same outputs at valid steps.
 *
 * <p>Caches: Z for the whole sequence is T·B·G·H values (13 MB at B = 64, T = 100, H = 128 for an LSTM),
 * more than a core's L2 and a large share of an L3 that other processes also use. It is therefore formed a
 * chunk of steps at a time, just before those steps read it ({@link #projectionChunk}): each chunk is
 * still in L2 when its steps add h·U to it and apply the gates, instead of the whole of Z being written out
 * to memory and read back twice. Every element is the same sum in the same order as one product over all
 * rows (the matrix multiply's results do not depend on how its rows are grouped), so chunking changes no
 * bit. Backward runs through time in reverse (BPTT): the gradient
 * reaching a masked step passes straight to the step before; then ∂L/∂W = Xᵀ·∂Z and ∂L/∂U = Σ_t h_{t−1}ᵀ·∂Z_t
 * are each formed with one matrix multiply over all steps.
 *
 * <p>Any length: whatever T the layer was built for (or {@link Shape#ANY}), each call may bring its own
 * T ≥ 1. Buffers are sized for the (B, T) of a call and reused while calls keep that size; the time loop
 * allocates nothing.
 *
 * <p>State: {@link #call} takes an initial state and returns the final one, which is how a model is
 * stepped one chunk at a time ({@code dev.gated.model.StreamState}) and how an encoder's final (h, c)
 * starts a decoder in a graph model ({@link #returnState}: outputs y, h_T and, for LSTM, c_T; extra inputs
 * h_0 and c_0).
 *
 * <p>Dropout for recurrent networks (Gal &amp; Ghahramani 2016, "A Theoretically Grounded Application of
 * Dropout in Recurrent Neural Networks"; Keras's {@code dropout} and {@code recurrent_dropout}): in training
 * only, one mask per sequence, drawn once per call and the same at every time step, inverted (kept values
 * scaled by 1/(1 − rate), so inference needs no rescaling):
 * <pre>
 * input dropout      x̃_t = x_t ⊙ m_x,    m_x (B, I)    Z = X̃·W + b
 * recurrent dropout  h̃_{t−1} = h_{t−1} ⊙ m_h,  m_h (B, H)    every product with U reads h̃_{t−1}
 * m[b, j] = 1/(1 − rate) with probability 1 − rate, else 0
 * backward: ∂L/∂x_t = ∂L/∂x̃_t ⊙ m_x;  ∂L/∂h_{t−1} = ∂L/∂h̃_{t−1} ⊙ m_h + (paths that bypass U);
 *           ∂L/∂W = X̃ᵀ·∂Z;  ∂L/∂U = Σ_t h̃_{t−1}ᵀ·∂Z_t
 * </pre>
 * One recurrent mask is shared by all gates (Gal &amp; Ghahramani's tied variant; Keras's
 * {@code implementation=1} draws one per gate instead). Paths that bypass U keep the unmasked state: the LSTM
 * cell state, GRU's carry z ⊙ h_{t−1}, the state carried through padded steps and the state returned. The
 * masks derive from the batch's {@link Mode#seed()} (and the direction, so the two halves of a
 * {@link Bidirectional} draw different masks): the same seed gives the same masks. A mask lives for one
 * call: under truncated BPTT each chunk is a call with its own seed, so each chunk draws a new mask. Without
 * dropout (rate 0 or inference) the layer does exactly what it does without the options, with no extra work.
 */
public final class Recurrent implements Layer {

    private final Cell cell;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private Cell.Init init = Cell.Init.KERAS;
    private double dropout;           // input dropout rate, Keras dropout
    private double recurrentDropout;  // rate on h_{t−1} before U, Keras recurrent_dropout
    private boolean built;

    private int declaredSteps; // T it was built for, or Shape.ANY
    private int steps;         // T of the current buffers
    private int inputSize;     // I
    private int batch = -1;   // B of the current buffers
    private int sequenceRows;  // capacity of the (T, B, ·) buffers, in rows of T·B
    private Precision precision;
    private final Step step = new Step();
    /**
     * Slices of a split batch start at multiples of this many rows: 16 ≥ the widest float vector (AVX-512),
     * so a slice's flat loops over (rows · H) values start on the same lane as the unsplit loop, for any H.
     */
    private static final int SLICE_ROWS = 16;
    /** Fewest multiply-adds per step and slice for which a second thread pays for its wake-up. */
    private static final long MIN_SLICE_MACS = 16_384;
    /**
     * Input projections formed ahead of the steps that read them: a quarter of a 1 MiB L2, in bytes. Not final
     * only so that a test can compare one chunk per sequence with one per step (the same bits).
     */
    static int projectionChunkBytes = 256 * 1024;
    private Step[] sliceSteps;      // one per thread when the batch is split
    private int sliceCount;         // slices of the current forward pass
    private final IntConsumer forwardSlice = this::runSlice;
    private final IntConsumer backwardSlice = this::runBackwardSlice;
    private Tensor backwardOutput;      // the arguments of the backward pass in progress, read by its slices
    private Tensor backwardFinalHidden;
    private Tensor backwardFinalCell;

    private Tensor inputTimeMajor;  // (T, B, I)
    private Tensor gates;           // (T, B, G·H): projections, then gate activations
    private Tensor hidden;          // (T, B, H): h_t
    private Tensor cellState;       // (T, B, H): c_t, LSTM only
    private Tensor h0;              // (B, H)
    private Tensor c0;              // (B, H)
    private Tensor dGates;          // (T, B, G·H)
    private Tensor dh;              // (B, H)
    private Tensor dc;              // (B, H)
    private Tensor dhPrev;          // (B, H)
    private Tensor dcPrev;          // (B, H)
    private Tensor mask;            // (B, T) or null, from the last forward
    private Tensor dInitialHidden;  // (B, H) after backward
    private Tensor dInitialCell;    // (B, H) after backward, LSTM only
    private boolean dropping;       // recurrent dropout mask applied in the last forward
    private boolean droppingInputs; // input dropout mask applied in the last forward
    private Tensor recurrentMask;   // (B, H): m_h, 0 or 1/(1 − rate), when recurrentDropout > 0
    private Tensor h0Dropped;       // (B, H): h_0 ⊙ m_h
    private Tensor hiddenDropped;   // (T, B, H): h_t ⊙ m_h, what step t+1 (t−1 reversed) multiplies by U
    private Tensor inputMask;       // (B, I): m_x, when dropout > 0
    private boolean recordNorms;
    private double[] hiddenGradientNorms; // (T): ‖∂L/∂h_t‖ over the batch, when recording

    public Recurrent(Cell cell) {
        this.cell = cell;
    }

    /** A long short-term memory layer of {@code units} hidden units. */
    public static Recurrent lstm(int units) {
        return new Recurrent(new LstmCell(Checks.positive("LSTM units", units)));
    }

    /** A GRU layer (reset gate applied after the recurrent product, as PyTorch and Keras do). */
    public static Recurrent gru(int units) {
        return new Recurrent(new GruCell(Checks.positive("GRU units", units), true));
    }

    /** A GRU layer in the original paper's form (reset gate applied before the recurrent product). */
    public static Recurrent gruResetBefore(int units) {
        return new Recurrent(new GruCell(Checks.positive("GRU units", units), false));
    }

    /** A plain tanh recurrent layer. */
    public static Recurrent simpleRnn(int units) {
        return new Recurrent(new SimpleRnnCell(Checks.positive("SimpleRNN units", units)));
    }

    /** Output every step (B, T, H), e.g. to stack another recurrent layer on top; default: last only. */
    public Recurrent returnSequences(boolean value) {
        requireUnbuilt("returnSequences");
        returnSequences = value;
        return this;
    }

    /**
     * In a graph model, also output the final state: outputs (y, h_T) or, for LSTM, (y, h_T, c_T) — Keras's
     * {@code return_state}. Calling the layer on (x, h_0[, c_0]) sets its initial state.
     */
    public Recurrent returnState(boolean value) {
        requireUnbuilt("returnState");
        returnState = value;
        return this;
    }

    public boolean returnsState() {
        return returnState;
    }

    /** Number of state tensors: 2 (h, c) for LSTM, 1 (h) otherwise. */
    public int stateCount() {
        return cell.hasCellState() ? 2 : 1;
    }

    /** Process the sequence from its last step to its first. */
    public Recurrent goBackwards(boolean value) {
        requireUnbuilt("goBackwards");
        goBackwards = value;
        return this;
    }

    /**
     * Input dropout (Keras {@code dropout}): in training, drops each input feature of a sequence with
     * probability {@code rate}, the same features at every step (see the class comment). Default 0.
     */
    public Recurrent dropout(double rate) {
        requireUnbuilt("dropout");
        dropout = Checks.fraction(cell.type() + " dropout", rate);
        return this;
    }

    /**
     * Recurrent dropout (Keras {@code recurrent_dropout}, Gal &amp; Ghahramani 2016): in training, drops each
     * unit of h_{t−1} before the recurrent product with probability {@code rate}, the same units at every step
     * of a sequence (see the class comment). Default 0.
     */
    public Recurrent recurrentDropout(double rate) {
        requireUnbuilt("recurrentDropout");
        Checks.fraction(cell.type() + " recurrentDropout", rate);
        if (rate > 0 && !cell.supportsRecurrentDropout()) {
            throw new IllegalArgumentException(cell.getClass().getSimpleName() + " does not support recurrent dropout: "
                    + "its step must read Step.hPrevDropped and apply Step.recurrentMask (see Cell) — use rate 0");
        }
        recurrentDropout = rate;
        return this;
    }

    /**
     * Keras's {@code activation}: the nonlinearity of the candidate (SimpleRNN's h, LSTM's g and the tanh of
     * h = o ⊙ tanh(c), GRU's n); {@link CellActivation#TANH} by default. Others run a plainer step than the
     * fused tanh/sigmoid kernels (see the cell).
     */
    public Recurrent activation(CellActivation value) {
        requireUnbuilt("activation");
        checkActivationsSupported(value);
        cell.setActivations(value, cell.recurrentActivation());
        return this;
    }

    /**
     * Keras's {@code recurrent_activation}: the gates' nonlinearity (LSTM's i, f, o; GRU's r, z);
     * {@link CellActivation#SIGMOID} by default. SimpleRNN has no gates and accepts only the default.
     */
    public Recurrent recurrentActivation(CellActivation value) {
        requireUnbuilt("recurrentActivation");
        checkActivationsSupported(value);
        if (!cell.hasGates() && value != CellActivation.SIGMOID) {
            throw new IllegalArgumentException(cell.type() + " has no gates, so no recurrent activation: got "
                    + value + " — set activation(...) instead");
        }
        cell.setActivations(cell.activation(), value);
        return this;
    }

    private void checkActivationsSupported(CellActivation value) {
        if (!cell.supportsActivations() && value != CellActivation.TANH && value != CellActivation.SIGMOID) {
            throw new IllegalArgumentException(cell.getClass().getSimpleName() + " does not support other activations "
                    + "than tanh and sigmoid: its step must read Cell.activation() and Cell.recurrentActivation()");
        }
    }

    public double dropoutRate() {
        return dropout;
    }

    public double recurrentDropoutRate() {
        return recurrentDropout;
    }

    /** Weight initialisation scheme; {@link Cell.Init#KERAS} by default. */
    public Recurrent init(Cell.Init value) {
        requireUnbuilt("init");
        init = value;
        return this;
    }

    private void requireUnbuilt(String option) {
        if (built) {
            throw new IllegalStateException(option + " must be set before the layer is added to a built model");
        }
    }

    public Cell cell() {
        return cell;
    }

    public boolean returnsSequences() {
        return returnSequences;
    }

    public boolean goesBackwards() {
        return goBackwards;
    }

    public int units() {
        return cell.units();
    }

    @Override
    public String type() {
        return cell.type();
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException(cell.type() + ": expected input of shape (batch, time, features) but "
                    + "the layer receives " + (inputShape.length + 1) + " axes"
                    + (inputShape.length == 1 ? " — a univariate series needs a features axis of size 1" : "")
                    + (inputShape.length == 1 && context != null ? "; if the previous layer is recurrent, give it returnSequences(true)" : ""));
        }
        if (built) {
            if (inputShape[1] != inputSize) {
                throw new IllegalArgumentException(cell.type() + "(" + cell.units() + ") was built for " + inputSize
                        + " features per step but is now called on " + inputShape[1]);
            }
            return returnSequences ? new int[] {inputShape[0], cell.units()} : new int[] {cell.units()};
        }
        declaredSteps = inputShape[0];
        inputSize = inputShape[1];
        precision = context.precision();
        cell.build(inputSize, context, init);
        built = true;
        return returnSequences ? new int[] {declaredSteps, cell.units()} : new int[] {cell.units()};
    }

    @Override
    public Recurrent replica() {
        Recurrent r = new Recurrent(cell.replica());
        r.returnSequences = returnSequences;
        r.returnState = returnState;
        r.goBackwards = goBackwards;
        r.init = init;
        r.dropout = dropout;
        r.recurrentDropout = recurrentDropout;
        r.declaredSteps = declaredSteps;
        r.inputSize = inputSize;
        r.precision = precision;
        r.built = built;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        return call(x, mask, null, null, mode).output();
    }

    /** {@link #call(Tensor, Tensor, Tensor, Tensor, Mode)} in inference mode (no dropout). */
    public RecurrentState call(Tensor x, Tensor mask, Tensor initialHidden, Tensor initialCell) {
        return call(x, mask, initialHidden, initialCell, Mode.INFERENCE);
    }

    /**
     * Runs the layer and returns its output with the final state. {@code initialHidden} and
     * {@code initialCell} (B, H) may be null for zeros; {@code initialCell} only for LSTM. In training
     * {@code mode} the dropout masks, if any, derive from its seed.
     */
    public RecurrentState call(Tensor x, Tensor mask, Tensor initialHidden, Tensor initialCell, Mode mode) {
        checkInput(x, mask);
        ensureBuffers(x.dim(0), x.dim(1));
        this.mask = mask;
        setInitialState(initialHidden, initialCell);
        drawMasks(mode);
        toTimeMajor(x);
        Kernels kernels = KernelProvider.get();
        int slices = forwardSlices(kernels);
        if (slices == 1) {
            runSteps(kernels, step, 0, batch);
        } else {
            sliceCount = slices;
            kernels.runParts(slices, forwardSlice);
        }
        return new RecurrentState(output(), finalOf(hidden), cell.hasCellState() ? finalOf(cellState) : null);
    }

    /**
     * How many threads share this forward pass. Rows of a batch never meet in a recurrent layer (each row's
     * h_t depends on its own h_{t−1} only), so the batch is split into slices that each run the whole
     * sequence on their own thread: one fork and join per pass instead of one per step. Slices start at
     * multiples of {@link #SLICE_ROWS} rows, so every row is computed by the same operations as unsplit.
     */
    private int forwardSlices(Kernels kernels) {
        if (!cell.supportsBatchSlices()) {
            return 1;
        }
        int slices = Math.min(kernels.parallelism(), batch / SLICE_ROWS);
        long macsPerStep = (long) batch * cell.gateCount() * cell.units() * (cell.units() + inputSize);
        while (slices > 1 && macsPerStep / slices < MIN_SLICE_MACS) {
            slices--;
        }
        if (slices > 1 && (sliceSteps == null || sliceSteps.length < slices)) {
            sliceSteps = new Step[slices];
            for (int i = 0; i < slices; i++) {
                sliceSteps[i] = new Step();
            }
        }
        return Math.max(1, slices);
    }

    /** First row of slice {@code part} of {@code sliceCount}; slice boundaries fall on multiples of SLICE_ROWS. */
    private int sliceStart(int part) {
        return part == sliceCount ? batch : (int) ((long) batch * part / sliceCount) / SLICE_ROWS * SLICE_ROWS;
    }

    private void runSlice(int part) {
        runSteps(KernelProvider.get(), sliceSteps[part], sliceStart(part), sliceStart(part + 1));
    }

    /** The time loop for batch rows [r0, r1), on the calling thread. */
    private void runSteps(Kernels kernels, Step st, int r0, int r1) {
        // U is fixed for the whole pass: pack it once — unless it is used once (one step, as when a stream is
        // stepped a character at a time), where packing costs more than the product read in place
        boolean reuse = steps > 1;
        if (reuse) {
            kernels.beginReuse(cell.recurrentKernel().value());
        }
        try {
            int chunk = projectionChunk(r1 - r0);
            for (int s = 0; s < steps; s++) {
                if (s % chunk == 0) {
                    projectInputs(kernels, s, Math.min(chunk, steps - s), r0, r1);
                }
                int t = goBackwards ? steps - 1 - s : s;
                pointStep(st, t, s, r0, r1);
                cell.forwardStep(st);
                if (mask != null) {
                    carryMaskedRows(st, t);
                }
                if (dropping && s < steps - 1) {
                    dropState(t, r0, r1);
                }
            }
        } finally {
            if (reuse) {
                kernels.endReuse(cell.recurrentKernel().value());
            }
        }
    }

    private void checkInput(Tensor x, Tensor mask) {
        if (!built) {
            throw new IllegalStateException(cell.type() + ": the layer is not built yet — add it to a model first");
        }
        Checks.inputShape(cell.type() + "(" + cell.units() + ")", new int[] {Shape.ANY, inputSize}, x.shape());
        if (x.dim(1) < 1) {
            throw new IllegalArgumentException(cell.type() + ": a sequence needs at least 1 time step but the input has 0");
        }
        if (mask != null && (mask.rank() != 2 || mask.dim(0) != x.dim(0) || mask.dim(1) != x.dim(1))) {
            throw new IllegalArgumentException(cell.type() + ": mask must have shape (" + x.dim(0) + ", " + x.dim(1)
                    + ") — one 1/0 per batch row and time step — but has shape " + mask.shapeString());
        }
    }

    /**
     * Sizes the buffers for a call on (B, T). The (T, B, ·) buffers grow to the largest T·B seen and are reused
     * by every smaller call (time-major views at offsets); the (B, ·) ones follow B. A stream of calls of
     * varying length therefore allocates only when it meets a new maximum.
     */
    private void ensureBuffers(int batchSize, int stepCount) {
        if (batchSize == batch && stepCount == steps) {
            return;
        }
        boolean newBatch = batchSize != batch;
        batch = batchSize;
        steps = stepCount;
        int units = cell.units();
        boolean grew = steps * batch > sequenceRows;
        if (grew) {
            sequenceRows = steps * batch;
            int width = cell.gateCount() * units;
            inputTimeMajor = Tensor.zeros(precision, sequenceRows, inputSize);
            gates = Tensor.zeros(precision, sequenceRows, width);
            dGates = Tensor.zeros(precision, sequenceRows, width);
            hidden = Tensor.zeros(precision, sequenceRows, units);
            cellState = cell.hasCellState() ? Tensor.zeros(precision, sequenceRows, units) : null;
            hiddenDropped = recurrentDropout > 0 ? Tensor.zeros(precision, sequenceRows, units) : null;
        }
        if (newBatch || grew) {
            allocateBatchBuffers(units);
            // the cell's (T, B, ·) caches must hold sequenceRows rows and its (B, ·) ones exactly B
            cell.allocate((sequenceRows + batch - 1) / batch, batch, precision);
        }
    }

    /** The (B, ·) buffers: initial state, the gradients flowing between steps, dropout masks. */
    private void allocateBatchBuffers(int units) {
        h0 = Tensor.zeros(precision, batch, units);
        c0 = Tensor.zeros(precision, batch, units);
        dh = Tensor.zeros(precision, batch, units);
        dc = Tensor.zeros(precision, batch, units);
        dhPrev = Tensor.zeros(precision, batch, units);
        dcPrev = Tensor.zeros(precision, batch, units);
        if (recurrentDropout > 0) {
            recurrentMask = Tensor.zeros(precision, batch, units);
            h0Dropped = Tensor.zeros(precision, batch, units);
        }
        if (dropout > 0) {
            inputMask = Tensor.zeros(precision, batch, inputSize);
        }
    }

    private void setInitialState(Tensor initialHidden, Tensor initialCell) {
        checkState("initial hidden state", initialHidden);
        checkState("initial cell state", initialCell);
        if (initialCell != null && !cell.hasCellState()) {
            throw new IllegalArgumentException(cell.type() + " has no cell state; pass only an initial hidden state");
        }
        if (initialHidden == null) {
            h0.fill(0);
        } else {
            h0.copyFrom(initialHidden);
        }
        if (initialCell == null) {
            c0.fill(0);
        } else {
            c0.copyFrom(initialCell);
        }
    }

    /**
     * Draws this call's dropout masks from the training seed: m[b, j] = 1/(1 − rate) with probability
     * 1 − rate, else 0, row by row, so every sequence gets its own mask. Also forms h̃_0 = h_0 ⊙ m_h.
     */
    private void drawMasks(Mode mode) {
        long direction = goBackwards ? 0x2545F4914F6CDD1DL : 0x9E3779B97F4A7C15L;
        dropping = mode.training() && recurrentDropout > 0;
        if (dropping) {
            fillMask(recurrentMask, recurrentDropout, new SplittableRandom(mode.seed() ^ direction));
            for (int i = 0; i < h0.size(); i++) {
                h0Dropped.set(i, h0.get(i) * recurrentMask.get(i));
            }
        }
        droppingInputs = mode.training() && dropout > 0;
        if (droppingInputs) {
            fillMask(inputMask, dropout, new SplittableRandom(mode.seed() ^ Long.rotateLeft(direction, 17)));
        }
    }

    private static void fillMask(Tensor m, double rate, SplittableRandom random) {
        double keep = 1 - rate;
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextDouble() < keep ? 1 / keep : 0);
        }
    }

    /** h̃_t = h_t ⊙ m_h for batch rows [r0, r1): what the next step's recurrent product reads. */
    private void dropState(int t, int r0, int r1) {
        int units = cell.units();
        int off = t * batch * units;
        for (int i = r0 * units; i < r1 * units; i++) {
            hiddenDropped.set(off + i, hidden.get(off + i) * recurrentMask.get(i));
        }
    }

    private void checkState(String what, Tensor state) {
        if (state != null && (state.rank() != 2 || state.dim(0) != batch || state.dim(1) != cell.units())) {
            throw new IllegalArgumentException(cell.type() + ": " + what + " must have shape (" + batch + ", "
                    + cell.units() + ") but has shape " + state.shapeString()
                    + " — the state's batch must match the input's batch");
        }
    }

    /** x (B, T, I) → (T, B, I), times m_x under input dropout. */
    private void toTimeMajor(Tensor x) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int dst = (t * batch + b) * inputSize;
                inputTimeMajor.copyFrom(x, (b * steps + t) * inputSize, dst, inputSize);
                if (droppingInputs) {
                    for (int i = 0; i < inputSize; i++) {
                        inputTimeMajor.set(dst + i, inputTimeMajor.get(dst + i) * inputMask.get(b * inputSize + i));
                    }
                }
            }
        }
    }

    /**
     * Steps per input-projection chunk for a slice of {@code rows} rows: enough that the chunk's Z fills
     * {@link #projectionChunkBytes}, and at least I / rows steps, so that each pass over W (I × G·H) serves at
     * least as many rows as W has — a wide input then keeps its chunks in L3 rather than re-reading W per step.
     */
    private int projectionChunk(int rows) {
        long stepBytes = (long) rows * cell.gateCount() * cell.units() * precision.bytes();
        long bySize = projectionChunkBytes / Math.max(1, stepBytes);
        long byInput = (inputSize + rows - 1) / rows;
        return (int) Math.max(1, Math.min(steps, Math.max(bySize, byInput)));
    }

    /**
     * Z = X·W + b for batch rows [r0, r1) of the {@code count} steps processed from {@code s0} on (time
     * indices counting down when reversed). The whole batch's rows of consecutive steps are one block of
     * time-major rows and take one product; a slice's rows take one product per step.
     */
    private void projectInputs(Kernels kernels, int s0, int count, int r0, int r1) {
        int first = goBackwards ? steps - s0 - count : s0;   // lowest time index of the chunk
        if (r0 == 0 && r1 == batch) {
            projectRows(kernels, first * batch, count * batch);
        } else {
            for (int t = first; t < first + count; t++) {
                projectRows(kernels, t * batch + r0, r1 - r0);
            }
        }
    }

    /** Z = X·W + b for {@code rows} consecutive time-major rows from {@code row}. */
    private void projectRows(Kernels kernels, int row, int rows) {
        int width = cell.gateCount() * cell.units();
        Tensor bias = cell.bias().value();
        for (int r = row; r < row + rows; r++) {
            gates.copyFrom(bias, 0, r * width, width);
        }
        kernels.gemm(false, false, rows, width, inputSize,
                inputTimeMajor, row * inputSize, inputSize, cell.kernel().value(), 0, width,
                gates, row * width, width, true);
    }

    /** Points the step views at time t for the whole batch; {@code s} counts processed steps (0 = first). */
    private void pointStep(int t, int s) {
        pointStep(step, t, s, 0, batch);
    }

    /** Points {@code st} at time t for batch rows [r0, r1). */
    private void pointStep(Step st, int t, int s, int r0, int r1) {
        int units = cell.units();
        int width = cell.gateCount() * units;
        int block = batch * units;
        int rowOff = r0 * units;
        st.t = t;
        st.batch = r1 - r0;
        st.row = r0;
        st.layerBatch = batch;
        st.gates = gates;
        st.gatesOff = (t * batch + r0) * width;
        st.h = hidden;
        st.hOff = t * block + rowOff;
        int prevT = goBackwards ? t + 1 : t - 1;
        if (s == 0) {
            st.hPrev = h0;
            st.hPrevOff = rowOff;
            st.cPrev = c0;
            st.cPrevOff = rowOff;
        } else {
            st.hPrev = hidden;
            st.hPrevOff = prevT * block + rowOff;
            st.cPrev = cellState;
            st.cPrevOff = prevT * block + rowOff;
        }
        if (dropping) {
            st.hPrevDropped = s == 0 ? h0Dropped : hiddenDropped;
            st.hPrevDroppedOff = (s == 0 ? 0 : prevT * block) + rowOff;
            st.recurrentMask = recurrentMask;
        } else {
            st.hPrevDropped = st.hPrev;
            st.hPrevDroppedOff = st.hPrevOff;
            st.recurrentMask = null;
        }
        st.c = cellState;
        st.cOff = t * block + rowOff;
        st.dGates = dGates;
        st.dGatesOff = (t * batch + r0) * width;
        st.dh = dh;
        st.dc = dc;
        st.dhPrev = dhPrev;
        st.dcPrev = dcPrev;
    }

    /** Rows masked at step t keep their previous state: h_t = h_{t−1} (and c_t = c_{t−1}). */
    private void carryMaskedRows(Step st, int t) {
        int units = cell.units();
        for (int b = 0; b < st.batch; b++) {
            if (mask.get((st.row + b) * steps + t) == 0) {
                int row = b * units;
                st.h.copyFrom(st.hPrev, st.hPrevOff + row, st.hOff + row, units);
                if (cell.hasCellState()) {
                    st.c.copyFrom(st.cPrev, st.cPrevOff + row, st.cOff + row, units);
                }
            }
        }
    }

    private Tensor output() {
        int units = cell.units();
        if (!returnSequences) {
            return finalOf(hidden);
        }
        Tensor out = Tensor.zeros(precision, batch, steps, units);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                out.copyFrom(hidden, (t * batch + b) * units, (b * steps + t) * units, units);
            }
        }
        return out;
    }

    private Tensor finalOf(Tensor timeMajor) {
        int block = batch * cell.units();
        int lastT = goBackwards ? 0 : steps - 1;
        Tensor out = Tensor.zeros(precision, batch, cell.units());   // returned to the caller: not a buffer
        out.copyFrom(timeMajor, lastT * block, 0, block);
        return out;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        return backward(dOutput, null, null);
    }

    /**
     * Backpropagation through time. {@code dOutput} matches the output; {@code dFinalHidden} and
     * {@code dFinalCell} (B, H) are gradients reaching the final state from elsewhere (may be null).
     * Returns ∂L/∂x (B, T, I); ∂L/∂(initial state) is then available from {@link #initialStateGradients()}.
     */
    public Tensor backward(Tensor dOutput, Tensor dFinalHidden, Tensor dFinalCell) {
        int units = cell.units();
        hiddenGradientNorms = recordNorms ? new double[steps] : null;
        dInitialHidden = Tensor.zeros(precision, batch, units);
        dInitialCell = cell.hasCellState() ? Tensor.zeros(precision, batch, units) : null;
        backwardOutput = dOutput;
        backwardFinalHidden = dFinalHidden;
        backwardFinalCell = dFinalCell;
        Kernels kernels = KernelProvider.get();
        // the norms of ∂L/∂h_t are taken over the whole batch at each step: one lane then
        int slices = hiddenGradientNorms == null ? forwardSlices(kernels) : 1;
        try {
            if (slices == 1) {
                backwardRows(kernels, step, 0, batch, dh, dc, dhPrev, dcPrev);
            } else {
                sliceCount = slices;
                kernels.runParts(slices, backwardSlice);
            }
        } finally {
            backwardOutput = null;
            backwardFinalHidden = null;
            backwardFinalCell = null;
        }
        return weightGradientsAndInputGradient();
    }

    private void runBackwardSlice(int part) {
        int r0 = sliceStart(part);
        int rows = sliceStart(part + 1) - r0;
        int units = cell.units();
        backwardRows(KernelProvider.get(), sliceSteps[part], r0, r0 + rows,
                Tensor.zeros(precision, rows, units), Tensor.zeros(precision, rows, units),
                Tensor.zeros(precision, rows, units), Tensor.zeros(precision, rows, units));
    }

    /**
     * The backward time loop for batch rows [r0, r1) with their own (rows, H) gradient buffers; writes those
     * rows of ∂L/∂Z and of the initial-state gradients.
     */
    private void backwardRows(Kernels kernels, Step st, int r0, int r1, Tensor dhRows, Tensor dcRows,
                              Tensor dhPrevRows, Tensor dcPrevRows) {
        int units = cell.units();
        int rows = r1 - r0;
        dhRows.fill(0);
        dcRows.fill(0);
        Tensor dNext = Tensor.zeros(precision, rows, units);   // ∂L/∂h_t arriving from step t+1
        Tensor dcNext = Tensor.zeros(precision, rows, units);  // ∂L/∂c_t arriving from step t+1
        if (backwardFinalHidden != null) {
            dNext.copyFrom(backwardFinalHidden, r0 * units, 0, rows * units);
        }
        if (backwardFinalCell != null) {
            dcNext.copyFrom(backwardFinalCell, r0 * units, 0, rows * units);
        }
        if (!returnSequences) {
            for (int i = 0; i < rows * units; i++) {
                dNext.add(i, backwardOutput.get(r0 * units + i));
            }
        }
        Tensor passH = Tensor.zeros(precision, rows, units);
        Tensor passC = Tensor.zeros(precision, rows, units);
        kernels.beginReuse(cell.recurrentKernel().value());   // Uᵀ for every step's ∂L/∂h_{t−1}: pack it once
        try {
            for (int s = steps - 1; s >= 0; s--) {
                int t = goBackwards ? steps - 1 - s : s;
                pointStep(st, t, s, r0, r1);
                st.dh = dhRows;
                st.dc = dcRows;
                st.dhPrev = dhPrevRows;
                st.dcPrev = dcPrevRows;
                gatherStepGradient(st, t, dNext, dcNext);
                if (hiddenGradientNorms != null) {
                    hiddenGradientNorms[t] = norm(dhRows);
                }
                if (mask != null) {
                    divertMaskedRows(st, t, passH, passC);
                }
                cell.backwardStep(st);
                dNext.copyFrom(dhPrevRows);
                if (cell.hasCellState()) {
                    dcNext.copyFrom(dcPrevRows);
                }
                if (mask != null) {
                    addMaskedPassThrough(st, t, passH, passC, dNext, dcNext);
                }
            }
        } finally {
            kernels.endReuse(cell.recurrentKernel().value());
        }
        dInitialHidden.copyFrom(dNext, 0, r0 * units, rows * units);
        if (dInitialCell != null) {
            dInitialCell.copyFrom(dcNext, 0, r0 * units, rows * units);
        }
    }

    /** dh = ∂L/∂output_t + ∂L/∂h_t from step t+1; dc = ∂L/∂c_t from step t+1 (the step's rows). */
    private void gatherStepGradient(Step st, int t, Tensor dNext, Tensor dcNext) {
        int units = cell.units();
        st.dh.copyFrom(dNext);
        if (returnSequences) {
            for (int b = 0; b < st.batch; b++) {
                int src = ((st.row + b) * steps + t) * units;
                int dst = b * units;
                for (int j = 0; j < units; j++) {
                    st.dh.add(dst + j, backwardOutput.get(src + j));
                }
            }
        }
        if (cell.hasCellState()) {
            st.dc.copyFrom(dcNext);
        }
    }

    /** At a masked step the state was copied, so its gradient bypasses the cell: set it aside, zero it. */
    private void divertMaskedRows(Step st, int t, Tensor passH, Tensor passC) {
        int units = cell.units();
        for (int b = 0; b < st.batch; b++) {
            int row = b * units;
            if (mask.get((st.row + b) * steps + t) == 0) {
                passH.copyFrom(st.dh, row, row, units);
                st.dh.fill(row, units, 0);
                if (cell.hasCellState()) {
                    passC.copyFrom(st.dc, row, row, units);
                    st.dc.fill(row, units, 0);
                }
            }
        }
    }

    private void addMaskedPassThrough(Step st, int t, Tensor passH, Tensor passC, Tensor dNext, Tensor dcNext) {
        int units = cell.units();
        for (int b = 0; b < st.batch; b++) {
            if (mask.get((st.row + b) * steps + t) == 0) {
                int row = b * units;
                dNext.copyFrom(passH, row, row, units);
                if (cell.hasCellState()) {
                    dcNext.copyFrom(passC, row, row, units);
                }
            }
        }
    }

    /** ∂L/∂W += Xᵀ·∂Z, ∂L/∂b += Σ ∂Z, ∂L/∂U via the cell; returns ∂L/∂x = ∂Z·Wᵀ as (B, T, I). */
    private Tensor weightGradientsAndInputGradient() {
        Kernels k = KernelProvider.get();
        int units = cell.units();
        int width = cell.gateCount() * units;
        int rows = steps * batch;
        k.gemm(true, false, inputSize, width, rows, inputTimeMajor, 0, inputSize, dGates, 0, width,
                cell.kernel().grad(), 0, width, true);
        k.addColumnSums(rows, width, dGates, 0, width, cell.bias().grad(), 0);
        cell.accumulateRecurrentGradients(new RecurrentGradients(k, steps, batch, units, goBackwards,
                dropping ? hiddenDropped : hidden, dropping ? h0Dropped : h0, dGates));
        Tensor dxTimeMajor = Tensor.zeros(precision, steps, batch, inputSize);
        k.gemm(false, true, rows, inputSize, width, dGates, 0, width, cell.kernel().value(), 0, width,
                dxTimeMajor, 0, inputSize, false);
        Tensor dx = Tensor.zeros(precision, batch, steps, inputSize);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int dst = (b * steps + t) * inputSize;
                dx.copyFrom(dxTimeMajor, (t * batch + b) * inputSize, dst, inputSize);
                if (droppingInputs) {
                    for (int i = 0; i < inputSize; i++) {
                        dx.set(dst + i, dx.get(dst + i) * inputMask.get(b * inputSize + i));
                    }
                }
            }
        }
        return dx;
    }

    /** ∂L/∂(initial hidden state) and, for LSTM, ∂L/∂(initial cell state), from the last backward. */
    public Tensor[] initialStateGradients() {
        return cell.hasCellState() ? new Tensor[] {dInitialHidden, dInitialCell} : new Tensor[] {dInitialHidden};
    }

    /** Gate activations of the last forward pass, time-major (T, B, G·H) in the cell's gate order. */
    public Tensor gateActivations() {
        return exact(gates, cell.gateCount() * cell.units());
    }

    /** The first T·B rows of a time-major buffer as a (T, B, width) tensor (shared when exact, else copied). */
    private Tensor exact(Tensor buffer, int width) {
        if (buffer == null) {
            return null;
        }
        int size = steps * batch * width;
        if (buffer.size() == size) {
            return buffer.reshape(steps, batch, width);
        }
        Tensor t = Tensor.zeros(precision, steps, batch, width);
        t.copyFrom(buffer, 0, 0, size);
        return t;
    }

    /** Hidden states of the last forward pass, time-major (T, B, H). */
    public Tensor hiddenStates() {
        return exact(hidden, cell.units());
    }

    /**
     * Records ‖∂L/∂h_t‖ (Frobenius norm over the batch) for every step during backward: how much of the loss's
     * gradient reaches each step — the measure of vanishing gradients. Off by default.
     */
    public void recordHiddenGradientNorms(boolean record) {
        recordNorms = record;
        hiddenGradientNorms = null;
    }

    /** ‖∂L/∂h_t‖ for t = 0 … T−1 from the last backward pass, indexed by time; null unless recording. */
    public double[] hiddenGradientNorms() {
        return !recordNorms || hiddenGradientNorms == null ? null : hiddenGradientNorms.clone();
    }

    private static double norm(Tensor t) {
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            sum += t.get(i) * t.get(i);
        }
        return Math.sqrt(sum);
    }

    /** The recurrent dropout mask m_h (B, H) of the last forward pass (a copy); null when none was applied. */
    public Tensor recurrentDropoutMask() {
        return dropping ? recurrentMask.copy() : null;
    }

    /** The input dropout mask m_x (B, I) of the last forward pass (a copy); null when none was applied. */
    public Tensor inputDropoutMask() {
        return droppingInputs ? inputMask.copy() : null;
    }

    /** Cell states of the last forward pass, time-major (T, B, H); null unless LSTM. */
    public Tensor cellStates() {
        return exact(cellState, cell.units());
    }

    @Override
    public Tensor outputMask(Tensor inputMask) {
        return returnSequences ? inputMask : null;
    }

    @Override
    public List<Parameter> parameters() {
        return cell.parameters();
    }

    @Override
    public int outputCount(int inputCount) {
        return returnState ? 1 + stateCount() : 1;
    }

    /** Graph form: inputs (x[, h_0[, c_0]]) → outputs (y) or, with returnState, (y, h_T[, c_T]). */
    @Override
    public List<int[]> buildAll(List<int[]> inputShapes, BuildContext context) {
        if (inputShapes.size() < 1 || inputShapes.size() > 1 + stateCount()) {
            throw new IllegalArgumentException(cell.type() + " takes the sequence and at most " + stateCount()
                    + " initial state tensor" + (stateCount() == 1 ? " (h)" : "s (h, c)") + " but is called on "
                    + inputShapes.size() + " inputs");
        }
        int[] out = build(inputShapes.get(0), context);
        for (int i = 1; i < inputShapes.size(); i++) {
            int[] state = inputShapes.get(i);
            if (state.length != 1 || state[0] != cell.units()) {
                throw new IllegalArgumentException(cell.type() + "(" + cell.units() + "): initial "
                        + (i == 1 ? "hidden" : "cell") + " state must have shape (batch, " + cell.units()
                        + ") but the tensor it is given has shape " + Shape.withBatch(state)
                        + " — an encoder's state must have as many units as the decoder it starts");
            }
        }
        if (!returnState) {
            return List.of(out);
        }
        int[] state = {cell.units()};
        return cell.hasCellState() ? List.of(out, state, state) : List.of(out, state);
    }

    @Override
    public Tensor[] forwardAll(Tensor[] inputs, Tensor[] masks, Mode mode) {
        RecurrentState r = call(inputs[0], masks[0], inputs.length > 1 ? inputs[1] : null,
                inputs.length > 2 ? inputs[2] : null, mode);
        if (!returnState) {
            return new Tensor[] {r.output()};
        }
        return cell.hasCellState() ? new Tensor[] {r.output(), r.finalHidden(), r.finalCell()} : new Tensor[] {r.output(), r.finalHidden()};
    }

    @Override
    public Tensor[] backwardAll(Tensor[] dOutputs) {
        Tensor dx = backward(dOutputs[0], dOutputs.length > 1 ? dOutputs[1] : null, dOutputs.length > 2 ? dOutputs[2] : null);
        Tensor[] dInputs = new Tensor[1 + stateCount()];
        dInputs[0] = dx;
        Tensor[] dState = initialStateGradients();
        System.arraycopy(dState, 0, dInputs, 1, dState.length);
        return dInputs;
    }

    @Override
    public Tensor[] outputMasks(Tensor[] inputMasks) {
        Tensor y = outputMask(inputMasks[0]);
        return returnState ? (cell.hasCellState() ? new Tensor[] {y, null, null} : new Tensor[] {y, null}) : new Tensor[] {y};
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("units", Integer.toString(cell.units()));
        c.put("return_sequences", Boolean.toString(returnSequences));
        if (returnState) {
            c.put("return_state", "true");
        }
        c.put("go_backwards", Boolean.toString(goBackwards));
        c.put("init", init.name().toLowerCase(Locale.ROOT));
        if (dropout > 0) {
            c.put("dropout", Double.toString(dropout));
        }
        if (recurrentDropout > 0) {
            c.put("recurrent_dropout", Double.toString(recurrentDropout));
        }
        if (cell instanceof GruCell g) {
            c.put("reset_after", Boolean.toString(g.resetAfter()));
        }
        if (cell.activation() != CellActivation.TANH) {
            c.put("activation", cell.activation().id());
        }
        if (cell.recurrentActivation() != CellActivation.SIGMOID) {
            c.put("recurrent_activation", cell.recurrentActivation().id());
        }
        return c;
    }
}
