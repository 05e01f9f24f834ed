package dev.gated.tensor;

/**
 * The number format a model computes in. {@link #FLOAT32} is the default and the fast path;
 * {@link #FLOAT64} runs the same code in double precision, which is what finite-difference
 * gradient checks need (a relative error below 1e-6 is out of reach in float32).
 */
public enum Precision {
    FLOAT32(4),
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
