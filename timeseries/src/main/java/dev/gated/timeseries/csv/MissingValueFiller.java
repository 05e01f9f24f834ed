package dev.gated.timeseries.csv;

/**
 * Fills the missing entries (NaN) of one column in place, for {@link MissingValuePolicy#INTERPOLATE} and
 * {@link MissingValuePolicy#FORWARD_FILL}; the formulas are in {@link MissingValuePolicy}.
 */
final class MissingValueFiller {

    private MissingValueFiller() {
    }

    /**
     * @param v (R) the column with NaN where a cell was missing; filled in place
     * @return false if the column has no valid value at all (nothing to fill from)
     */
    static boolean fill(double[] v, MissingValuePolicy policy) {
        int first = -1;
        for (int t = 0; t < v.length && first < 0; t++) {
            if (!Double.isNaN(v[t])) {
                first = t;
            }
        }
        if (first < 0) {
            return false;
        }
        for (int t = 0; t < first; t++) {
            v[t] = v[first];
        }
        int a = first; // last valid row seen
        for (int t = first + 1; t < v.length; t++) {
            if (!Double.isNaN(v[t])) {
                if (policy == MissingValuePolicy.INTERPOLATE && t - a > 1) {
                    for (int k = a + 1; k < t; k++) {
                        v[k] = v[a] + (v[t] - v[a]) * (k - a) / (t - a);
                    }
                }
                a = t;
            } else if (policy == MissingValuePolicy.FORWARD_FILL) {
                v[t] = v[a];
                a = t;
            }
        }
        for (int t = a + 1; t < v.length; t++) {
            v[t] = v[a]; // trailing gap (INTERPOLATE)
        }
        return true;
    }
}
