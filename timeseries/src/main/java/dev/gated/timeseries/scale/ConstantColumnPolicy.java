package dev.gated.timeseries.scale;

/**
 * What a scaler does with a column that is constant on the rows it is fitted on (max = min, so σ = 0 and
 * max - min = 0: the scale factor would divide by zero).
 */
public enum ConstantColumnPolicy {
    /** Refuse to fit, naming the column (the default): a constant input usually means a wrong column. */
    REJECT,
    /** Fit with scale factor 0: every value maps to the low end of the range (0 by default); the inverse maps
     *  every value back to the constant. */
    ALLOW
}
