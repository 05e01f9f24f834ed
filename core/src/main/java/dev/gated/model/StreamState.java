package dev.gated.model;

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
 * and, for LSTM, its cell state c (B, H). The caller holds it; the model holds none, so one model serves
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

    private static final int MAGIC = 0x47535431; // "GST1"

    private final int batch;
    private final Precision precision;
    private final int[] ops;       // op index (position in the model's call order) of each recurrent layer
    private final int[] units;     // H of each
    private final Tensor[][] slots;

    StreamState(int batch, Precision precision, int[] ops, int[] units, boolean[] hasCell) {
        this.batch = batch;
        this.precision = precision;
        this.ops = ops.clone();
        this.units = units.clone();
        this.slots = new Tensor[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            slots[i] = hasCell[i]
                    ? new Tensor[] {Tensor.zeros(precision, batch, units[i]), Tensor.zeros(precision, batch, units[i])}
                    : new Tensor[] {Tensor.zeros(precision, batch, units[i])};
        }
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

    /** Back to zeros: the start of a new sequence for every row. */
    public void reset() {
        for (Tensor[] slot : slots) {
            for (Tensor t : slot) {
                t.fill(0);
            }
        }
    }

    /** Back to zeros for one row (one stream) only. */
    public void reset(int row) {
        if (row < 0 || row >= batch) {
            throw new IndexOutOfBoundsException("row " + row + " of a state with " + batch + " rows");
        }
        for (int k = 0; k < slots.length; k++) {
            for (Tensor t : slots[k]) {
                t.fill(row * units[k], units[k], 0);
            }
        }
    }

    /** An independent copy. */
    public StreamState copy() {
        StreamState c = new StreamState(batch, precision, ops, units, hasCells());
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
                && java.util.Arrays.equals(hasCells(), other.hasCells()) && precision == other.precision;
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
            out.writeInt(MAGIC);
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
                        if (precision == Precision.FLOAT32) {
                            out.writeFloat((float) t.get(i));
                        } else {
                            out.writeDouble(t.get(i));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes}'s form; throws IllegalArgumentException naming what is wrong with other bytes. */
    public static StreamState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (data.length < 13 || in.readInt() != MAGIC) {
                throw new IllegalArgumentException("these bytes are not a Gated stream state (no GST1 header)");
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
            if (values * width != in.available()) {
                throw new IllegalArgumentException("stream state holds " + in.available() + " bytes of values but its header "
                        + "describes " + values * width);
            }
            StreamState state = new StreamState(batch, width == 4 ? Precision.FLOAT32 : Precision.FLOAT64, ops, units, cells);
            for (Tensor[] slot : state.slots) {
                for (Tensor t : slot) {
                    for (int i = 0; i < t.size(); i++) {
                        t.set(i, width == 4 ? in.readFloat() : in.readDouble());
                    }
                }
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("stream state is truncated: " + e.getMessage(), e);
        }
    }
}
