package dev.gated.timeseries.scale;

import dev.gated.timeseries.RowRange;
import java.util.List;
import java.util.Locale;

/** The scalers by name, for command-line options and saved settings: {@code minmax}, {@code standard}. */
public enum ScalerKind {
    /** {@link MinMaxScaler} to [0, 1]. */
    MINMAX,
    /** {@link StandardScaler} (z-score). */
    STANDARD;

    /** Fits this kind of scaler on {@code fitRows}, with default settings (range [0, 1] for min-max). */
    public Scaler fit(double[][] columns, List<String> names, RowRange fitRows, ConstantColumnPolicy constants) {
        return switch (this) {
            case MINMAX -> MinMaxScaler.fit(columns, names, fitRows, 0, 1, constants);
            case STANDARD -> StandardScaler.fit(columns, names, fitRows, constants);
        };
    }

    /** Parses "minmax" / "min-max" / "standard" / "zscore" (any case). */
    public static ScalerKind parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "minmax" -> MINMAX;
            case "standard", "zscore", "std" -> STANDARD;
            default -> throw new IllegalArgumentException("unknown scaler \"" + s
                    + "\"; expected \"minmax\" or \"standard\"");
        };
    }
}
