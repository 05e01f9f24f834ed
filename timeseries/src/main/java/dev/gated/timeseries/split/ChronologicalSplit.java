package dev.gated.timeseries.split;

import dev.gated.timeseries.RowRange;

/**
 * A train / validation / test split in time order: three adjacent or gapped row ranges with
 * train.end &le; validation.start and validation.end &le; test.start. Rows after test.end are unused
 * (the Informer ETTh1 protocol leaves rows 14400..17419 out).
 *
 * <p>Fit scalers on {@link #train()} only, then cut windows per part with
 * {@link dev.gated.timeseries.window.WindowMaker#make(double[][], double[], dev.gated.timeseries.window.WindowSpec,
 * RowRange, dev.gated.timeseries.window.InputHistory)}: the targets of a part's windows stay inside the part,
 * and with {@code FROM_EARLIER_ROWS} the inputs may reach back into the part before.
 *
 * @param train      training rows, starting at 0 normally
 * @param validation validation rows (may be empty)
 * @param test       test rows (may be empty)
 */
public record ChronologicalSplit(RowRange train, RowRange validation, RowRange test) {

    /** The ETTh1 / ETTm-hour benchmark split of the Informer code: [0, 8640), [8640, 11520), [11520, 14400). */
    public static final ChronologicalSplit INFORMER_ETT_HOUR =
            new ChronologicalSplit(new RowRange(0, 8640), new RowRange(8640, 11520), new RowRange(11520, 14400));

    public ChronologicalSplit {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training part " + train + " is empty");
        }
        if (validation.start() < train.end()) {
            throw new IllegalArgumentException("validation " + validation + " starts before train " + train
                    + " ends; parts must be in time order");
        }
        if (test.start() < validation.end()) {
            throw new IllegalArgumentException("test " + test + " starts before validation " + validation
                    + " ends; parts must be in time order");
        }
    }

    /**
     * Splits n rows by fractions, rounding boundaries down:
     * <pre>
     *   train = [0, ⌊n·f_train⌋)   validation = [⌊n·f_train⌋, ⌊n·(f_train + f_val)⌋)   test = [that, n)
     * </pre>
     * e.g. airline (144 rows) with 0.67, 0: train [0, 96), test [96, 144) as in the usual LSTM tutorial.
     */
    public static ChronologicalSplit byFractions(int n, double trainFraction, double validationFraction) {
        if (!(trainFraction > 0) || validationFraction < 0 || trainFraction + validationFraction > 1) {
            throw new IllegalArgumentException("split fractions must satisfy 0 < train, 0 <= validation and "
                    + "train + validation <= 1; got train " + trainFraction + ", validation " + validationFraction);
        }
        int trainEnd = (int) Math.floor(n * trainFraction);
        int valEnd = (int) Math.floor(n * (trainFraction + validationFraction));
        if (trainEnd == 0) {
            throw new IllegalArgumentException("train fraction " + trainFraction + " of " + n
                    + " rows leaves no training rows");
        }
        return new ChronologicalSplit(new RowRange(0, trainEnd), new RowRange(trainEnd, valEnd),
                new RowRange(valEnd, n));
    }

    /** Adjacent parts by boundaries: train [0, trainEnd), validation [trainEnd, validationEnd), test [validationEnd, testEnd). */
    public static ChronologicalSplit byRows(int trainEnd, int validationEnd, int testEnd) {
        if (validationEnd < trainEnd || testEnd < validationEnd) {
            throw new IllegalArgumentException("split boundaries must be non-decreasing: trainEnd " + trainEnd
                    + ", validationEnd " + validationEnd + ", testEnd " + testEnd);
        }
        return new ChronologicalSplit(new RowRange(0, trainEnd), new RowRange(trainEnd, validationEnd),
                new RowRange(validationEnd, testEnd));
    }

    /** Checks that every part fits in a series of {@code rowCount} rows. */
    public ChronologicalSplit requireWithin(int rowCount) {
        train.requireWithin(rowCount, "the training rows");
        validation.requireWithin(rowCount, "the validation rows");
        test.requireWithin(rowCount, "the test rows");
        return this;
    }
}
