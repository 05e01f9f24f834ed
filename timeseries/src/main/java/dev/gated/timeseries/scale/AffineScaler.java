package dev.gated.timeseries.scale;

import java.util.List;

/**
 * The common form of both scalers, per column c:
 * <pre>
 *   transform:  v' = (v - center[c]) · factor[c] + low
 *   inverse:    v  = (v' - low) / factor[c] + center[c]        (factor[c] = 0: v = center[c])
 * </pre>
 * factor[c] = 0 only for a constant column fitted under {@link ConstantColumnPolicy#ALLOW}.
 */
abstract class AffineScaler implements Scaler {

    private final List<String> names;
    private final double[] center;   // (C)
    private final double[] factor;   // (C)
    private final double low;

    AffineScaler(List<String> names, double[] center, double[] factor, double low) {
        this.names = List.copyOf(names);
        this.center = center.clone();
        this.factor = factor.clone();
        this.low = low;
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public int columnIndex(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(kind() + " scaler has no column \"" + name
                    + "\"; it was fitted on " + names);
        }
        return i;
    }

    @Override
    public double transform(int column, double value) {
        return (value - center[column]) * factor[column] + low;
    }

    @Override
    public double inverse(int column, double value) {
        return factor[column] == 0 ? center[column] : (value - low) / factor[column] + center[column];
    }
}
