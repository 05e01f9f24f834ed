package dev.gated.bench;

import java.util.List;

/**
 * A benchmark shape: batch B, time T, input I, hidden H.
 *
 * @param inferOnly S4 measures streaming latency: inference only
 */
record Shape(String name, int batch, int steps, int input, int hidden, boolean inferOnly) {

    static final List<Shape> ALL = List.of(
            new Shape("S1", 32, 10, 1, 50, false),
            new Shape("S2", 64, 100, 32, 128, false),
            new Shape("S3", 64, 100, 256, 512, false),
            new Shape("S4", 1, 100, 32, 128, true));

    /** Forward FLOPs of the recurrent layer: 2·G·H·(I+H) per step per sample. */
    double forwardFlops(Cell cell) {
        return 2.0 * cell.gates * hidden * (input + hidden) * steps * batch;
    }

    /** Training step ≈ forward + backward (≈ 2× forward). */
    double flops(Cell cell, Mode mode) {
        return mode == Mode.TRAIN ? 3 * forwardFlops(cell) : forwardFlops(cell);
    }

    @Override
    public String toString() {
        return name + " (B=" + batch + " T=" + steps + " I=" + input + " H=" + hidden + ")";
    }

    enum Cell {
        LSTM(4), GRU(3);

        final int gates;

        Cell(int gates) {
            this.gates = gates;
        }
    }

    enum Mode {
        TRAIN, INFER
    }
}
