package dev.gated.model;

import dev.gated.layer.AttentionCache;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The memory of a model between chunks of a stream: for every recurrent layer, its hidden state h (B, H)
 * and, for LSTM, its cell state c (B, H); for every causal self-attention layer, the keys and values of the
 * steps so far ({@link AttentionCache}); for every positional encoding, how many steps it has seen. The caller holds it; the model holds none, so one model serves
 * any number of streams (one state each), from any number of threads.
 *
 * <pre>{@code
 * StreamState state = model.newState(1);        // zeros: the start of a sequence
 * for (float reading : sensor) {
 *     Tensor y = model.step(state, Tensor.of(new float[] {reading}, 1, 1));   // (B, F): one step
 * }
 * StreamState saved = state.copy();             // branch (e.g. beam search), or
 * byte[] bytes = state.toBytes();               // park it and resume later: StreamState.fromBytes(bytes)
 * state.reset();                                // a new sequence
 * }</pre>
 * Stepping T times one step at a time gives what one call on all T steps gives (to float rounding).
 * A state belongs to one model: {@link Model#step} checks that its layers and sizes match.
 */
public final class StreamState {

    private static final int MAGIC = 0x47535431;            // "GST1": recurrent layers only
    private static final int MAGIC_ATTENTION = 0x47535432;  // "GST2": then attention caches and positions

    private final int batch;
    private final Precision precision;
    private final int[] ops;       // op index (position in the model's call order) of each recurrent layer
    private final int[] units;     // H of each
    private final Tensor[][] slots;
    private final int[] attentionOps;      // op index of each causal self-attention layer
    private final AttentionCache[] caches;
    private final int[] positionOps;       // op index of each positional encoding
    private final int[] positions;         // steps each has seen

    StreamState(int batch, Precision precision, int[] ops, int[] units, boolean[] hasCell) {
        this(batch, precision, ops, units, hasCell, new int[0], new int[0], new int[0], new int[0]);
    }

    StreamState(int batch, Precision precision, int[] ops, int[] units, boolean[] hasCell,
                int[] attentionOps, int[] keyWidths, int[] valueWidths, int[] positionOps) {
        this(batch, precision, ops, units, hasCell, attentionOps, freshCaches(batch, keyWidths, valueWidths), positionOps,
                new int[positionOps.length]);
    }

    private StreamState(int batch, Precision precision, int[] ops, int[] units, boolean[] hasCell,
                        int[] attentionOps, AttentionCache[] caches, int[] positionOps, int[] positions) {
        this.batch = batch;
        this.precision = precision;
        this.ops = ops.clone();
        this.units = units.clone();
        this.attentionOps = attentionOps.clone();
        this.caches = caches;
        this.positionOps = positionOps.clone();
        this.positions = positions.clone();
        this.slots = new Tensor[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            slots[i] = hasCell[i]
                    ? new Tensor[] {Tensor.zeros(precision, batch, units[i]), Tensor.zeros(precision, batch, units[i])}
                    : new Tensor[] {Tensor.zeros(precision, batch, units[i])};
        }
    }

    private static AttentionCache[] freshCaches(int batch, int[] keyWidths, int[] valueWidths) {
        AttentionCache[] caches = new AttentionCache[keyWidths.length];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new AttentionCache(batch, keyWidths[i], valueWidths[i]);
        }
        return caches;
    }

    /** Rows: how many streams this state carries side by side. */
    public int batch() {
        return batch;
    }

    public Precision precision() {
        return precision;
    }

    /** Number of recurrent layers whose state is held. */
    public int layers() {
        return ops.length;
    }

    /** The hidden state h (B, H) of the {@code k}-th recurrent layer (a copy). */
    public Tensor hidden(int k) {
        return slots[k][0].copy();
    }

    /** The cell state c (B, H) of the {@code k}-th recurrent layer (a copy); null unless LSTM. */
    public Tensor cell(int k) {
        return slots[k].length > 1 ? slots[k][1].copy() : null;
    }

    /** Steps remembered by the attention caches (0 for a model without attention). */
    public int attentionSteps() {
        return caches.length == 0 ? 0 : caches[0].steps();
    }

    /** Back to zeros: the start of a new sequence for every row. */
    public void reset() {
        for (Tensor[] slot : slots) {
            for (Tensor t : slot) {
                t.fill(0);
            }
        }
        for (AttentionCache cache : caches) {
            cache.clear();
        }
        java.util.Arrays.fill(positions, 0);
    }

    /** Back to zeros for one row (one stream) only; not for models with attention, whose rows share one time axis. */
    public void reset(int row) {
        if (row < 0 || row >= batch) {
            throw new IndexOutOfBoundsException("row " + row + " of a state with " + batch + " rows");
        }
        if (caches.length > 0 || positions.length > 0) {
            throw new IllegalStateException("the rows of an attention model's stream state share one time axis, so one row "
                    + "cannot start again alone: reset() the whole state, or keep one state per stream");
        }
        for (int k = 0; k < slots.length; k++) {
            for (Tensor t : slots[k]) {
                t.fill(row * units[k], units[k], 0);
            }
        }
    }

    /** An independent copy. */
    public StreamState copy() {
        AttentionCache[] cacheCopies = new AttentionCache[caches.length];
        for (int k = 0; k < caches.length; k++) {
            cacheCopies[k] = caches[k].copy();
        }
        StreamState c = new StreamState(batch, precision, ops, units, hasCells(), attentionOps, cacheCopies, positionOps, positions);
        for (int k = 0; k < slots.length; k++) {
            for (int s = 0; s < slots[k].length; s++) {
                c.slots[k][s].copyFrom(slots[k][s]);
            }
        }
        return c;
    }

    private boolean[] hasCells() {
        boolean[] cells = new boolean[slots.length];
        for (int k = 0; k < slots.length; k++) {
            cells[k] = slots[k].length > 1;
        }
        return cells;
    }

    /** True when {@code other} belongs to a model of the same recurrent structure. */
    boolean sameStructure(StreamState other) {
        return java.util.Arrays.equals(ops, other.ops) && java.util.Arrays.equals(units, other.units)
                && java.util.Arrays.equals(hasCells(), other.hasCells()) && precision == other.precision
                && java.util.Arrays.equals(attentionOps, other.attentionOps) && java.util.Arrays.equals(positionOps, other.positionOps)
                && java.util.Arrays.equals(widths(), other.widths());
    }

    private int[] widths() {
        int[] w = new int[2 * caches.length];
        for (int k = 0; k < caches.length; k++) {
            w[2 * k] = caches[k].keyWidth();
            w[2 * k + 1] = caches[k].valueWidth();
        }
        return w;
    }

    /** The attention cache of op {@code op}, or null when that op keeps none. */
    AttentionCache cache(int op) {
        for (int k = 0; k < attentionOps.length; k++) {
            if (attentionOps[k] == op) {
                return caches[k];
            }
        }
        return null;
    }

    boolean hasAttention() {
        return caches.length > 0 || positions.length > 0;
    }

    /** Steps seen by positional encoding op {@code op}, or −1 when it is not one. */
    int position(int op) {
        for (int k = 0; k < positionOps.length; k++) {
            if (positionOps[k] == op) {
                return positions[k];
            }
        }
        return -1;
    }

    void advancePosition(int op, int steps) {
        for (int k = 0; k < positionOps.length; k++) {
            if (positionOps[k] == op) {
                positions[k] += steps;
            }
        }
    }

    boolean hasSlot(int op) {
        return indexOf(op) >= 0;
    }

    Tensor[] slot(int op) {
        return slots[indexOf(op)];
    }

    void update(int op, Tensor hidden, Tensor cell) {
        Tensor[] slot = slots[indexOf(op)];
        slot[0].copyFrom(hidden);
        if (cell != null) {
            slot[1].copyFrom(cell);
        }
    }

    private int indexOf(int op) {
        for (int k = 0; k < ops.length; k++) {
            if (ops[k] == op) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The state as bytes: a header (magic, batch, precision, layer structure) and the values, big-endian.
     * {@link #fromBytes} reads it back exactly.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(hasAttention() ? MAGIC_ATTENTION : MAGIC);
            out.writeInt(batch);
            out.writeByte(precision == Precision.FLOAT32 ? 4 : 8);
            out.writeInt(ops.length);
            for (int k = 0; k < ops.length; k++) {
                out.writeInt(ops[k]);
                out.writeInt(units[k]);
                out.writeByte(slots[k].length);
            }
            for (Tensor[] slot : slots) {
                for (Tensor t : slot) {
                    for (int i = 0; i < t.size(); i++) {
                        writeValue(out, t.get(i));
                    }
                }
            }
            if (hasAttention()) {
                writeAttention(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void writeValue(DataOutputStream out, double value) throws IOException {
        if (precision == Precision.FLOAT32) {
            out.writeFloat((float) value);
        } else {
            out.writeDouble(value);
        }
    }

    /** GST2's tail: per attention layer (op, key width, value width, steps, keys, values, valid), per encoding (op, steps). */
    private void writeAttention(DataOutputStream out) throws IOException {
        out.writeInt(caches.length);
        for (int k = 0; k < caches.length; k++) {
            out.writeInt(attentionOps[k]);
            out.writeInt(caches[k].keyWidth());
            out.writeInt(caches[k].valueWidth());
            out.writeInt(caches[k].steps());
            for (double[] part : caches[k].snapshot()) {
                for (double value : part) {
                    writeValue(out, value);
                }
            }
        }
        out.writeInt(positionOps.length);
        for (int k = 0; k < positionOps.length; k++) {
            out.writeInt(positionOps[k]);
            out.writeInt(positions[k]);
        }
    }

    private static StreamState readAttention(DataInputStream in, int batch, Precision precision, int[] ops, int[] units,
                                             boolean[] cells) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 10_000) {
            throw new IllegalArgumentException("stream state is corrupted (" + count + " attention layers)");
        }
        int[] attentionOps = new int[count];
        AttentionCache[] read = new AttentionCache[count];
        for (int k = 0; k < count; k++) {
            attentionOps[k] = in.readInt();
            int keyWidth = in.readInt();
            int valueWidth = in.readInt();
            int steps = in.readInt();
            long needed = (long) batch * steps * (keyWidth + valueWidth + 1) * (precision == Precision.FLOAT32 ? 4 : 8);
            if (keyWidth < 1 || valueWidth < 1 || steps < 0 || needed > in.available()) {
                throw new IllegalArgumentException("stream state attention layer " + k + " is corrupted (widths " + keyWidth
                        + " and " + valueWidth + ", " + steps + " steps, " + in.available() + " bytes left)");
            }
            double[][] parts = {new double[batch * steps * keyWidth], new double[batch * steps * valueWidth], new double[batch * steps]};
            for (double[] part : parts) {
                for (int i = 0; i < part.length; i++) {
                    part[i] = precision == Precision.FLOAT32 ? in.readFloat() : in.readDouble();
                }
            }
            read[k] = new AttentionCache(batch, keyWidth, valueWidth);
            read[k].append(parts[0], parts[1], parts[2], steps);
        }
        int positionCount = in.readInt();
        if (positionCount < 0 || positionCount > 10_000) {
            throw new IllegalArgumentException("stream state is corrupted (" + positionCount + " positional encodings)");
        }
        int[] positionOps = new int[positionCount];
        int[] steps = new int[positionCount];
        for (int k = 0; k < positionCount; k++) {
            positionOps[k] = in.readInt();
            steps[k] = in.readInt();
        }
        return new StreamState(batch, precision, ops, units, cells, attentionOps, read, positionOps, steps);
    }

    /** Reads {@link #toBytes}'s form; throws IllegalArgumentException naming what is wrong with other bytes. */
    public static StreamState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int magic = data.length < 13 ? 0 : in.readInt();
            if (magic != MAGIC && magic != MAGIC_ATTENTION) {
                throw new IllegalArgumentException("these bytes are not a Gated stream state (no GST1 or GST2 header)");
            }
            int batch = in.readInt();
            int width = in.readByte();
            int layers = in.readInt();
            if (batch < 1 || (width != 4 && width != 8) || layers < 0 || layers > 10_000) {
                throw new IllegalArgumentException("stream state header is corrupted (batch " + batch + ", "
                        + width + "-byte values, " + layers + " layers)");
            }
            int[] ops = new int[layers];
            int[] units = new int[layers];
            boolean[] cells = new boolean[layers];
            long values = 0;
            for (int k = 0; k < layers; k++) {
                ops[k] = in.readInt();
                units[k] = in.readInt();
                int count = in.readByte();
                if (units[k] < 1 || (count != 1 && count != 2)) {
                    throw new IllegalArgumentException("stream state layer " + k + " is corrupted (" + units[k] + " units, "
                            + count + " state tensors)");
                }
                cells[k] = count == 2;
                values += (long) count * batch * units[k];
            }
            if (magic == MAGIC && values * width != in.available()) {
                throw new IllegalArgumentException("stream state holds " + in.available() + " bytes of values but its header "
                        + "describes " + values * width);
            }
            Precision precision = width == 4 ? Precision.FLOAT32 : Precision.FLOAT64;
            double[] recurrentValues = new double[(int) values];
            for (int i = 0; i < recurrentValues.length; i++) {
                recurrentValues[i] = width == 4 ? in.readFloat() : in.readDouble();
            }
            StreamState state = magic == MAGIC ? new StreamState(batch, precision, ops, units, cells)
                    : readAttention(in, batch, precision, ops, units, cells);
            int at = 0;
            for (Tensor[] slot : state.slots) {
                for (Tensor t : slot) {
                    for (int i = 0; i < t.size(); i++) {
                        t.set(i, recurrentValues[at++]);
                    }
                }
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("stream state has " + in.available() + " bytes after its last value");
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("stream state is truncated: " + e.getMessage(), e);
        }
    }
}
