package dev.gated.timeseries.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import dev.gated.timeseries.scale.StandardScaler;
import dev.gated.timeseries.split.ChronologicalSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Informer ETTh1 protocol: split, scaler on train only, 96 → 24 windows with history from the part before. */
class EttInformerWindowsTest {

    @Test
    void informerProtocolWindowCounts() {
        TimeSeriesTable table = TimeSeriesCsvReader.read(SharedData.file("etth1/ETTh1.csv"));
        ChronologicalSplit split = ChronologicalSplit.INFORMER_ETT_HOUR.requireWithin(table.rowCount());
        double[][] cols = table.columns();
        StandardScaler scaler = StandardScaler.fit(cols, table.columnNames(), split.train());
        double[][] scaled = scaler.transform(cols);
        int ot = table.columnIndex("OT");
        WindowSpec spec = WindowSpec.of(96, 24);

        Windows train = WindowMaker.make(scaled, scaled[ot], spec, split.train(), InputHistory.FROM_EARLIER_ROWS);
        Windows val = WindowMaker.make(scaled, scaled[ot], spec, split.validation(), InputHistory.FROM_EARLIER_ROWS);
        Windows test = WindowMaker.make(scaled, scaled[ot], spec, split.test(), InputHistory.FROM_EARLIER_ROWS);
        // Informer: len = (border2 - border1) - seq_len - pred_len + 1
        assertEquals(8640 - 96 - 24 + 1, train.count());
        assertEquals(2880 + 96 - 96 - 24 + 1, val.count());
        assertEquals(2857, test.count());
        assertEquals(11520, test.targetStart()[0]);
        assertEquals(14399, test.targetStart()[test.count() - 1] + 23);
        assertEquals(7, test.features());
        // the first test window's first input is row 11424 = 11520 - 96, scaled with train statistics
        double expected = (table.value(11424, "HUFL") - scaler.mean(0)) / scaler.std(0);
        assertEquals((float) expected, test.x(0, 0, 0));
        // the scaler did not see the rows after train
        StandardScaler all = StandardScaler.fit(cols, table.columnNames(),
                dev.gated.timeseries.RowRange.all(table.rowCount()));
        assertNotEquals(all.mean(ot), scaler.mean(ot));
        assertEquals(List.of("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"), scaler.columnNames());
    }
}
