package dev.gated.timeseries.window;

/**
 * Where the inputs of the windows of a part (validation, test …) may come from.
 *
 * <p>For a part of rows [a, b), every window's targets always lie inside [a, b): no window sees past the
 * part's end. The policy decides only where its inputs may start:
 * <pre>
 *   WITHIN_PART        inputs in [a, b) too: first window starts at s_0 = a
 *   FROM_EARLIER_ROWS  inputs may start before a: s_0 = max(0, a - (L-1)·r - 1), so the first window's first
 *                      target is row a (or the first row that has enough history)
 * </pre>
 * FROM_EARLIER_ROWS is the Informer protocol (border1 = start - seq_len): validation windows take their
 * input history from the end of train, test windows from the end of validation, so every row of the part is
 * forecast. It leaks nothing: those input rows are in the past of every target.
 */
public enum InputHistory {
    /** Inputs and targets both inside the part. */
    WITHIN_PART,
    /** Targets inside the part; inputs may reach back into the rows before it. */
    FROM_EARLIER_ROWS
}
