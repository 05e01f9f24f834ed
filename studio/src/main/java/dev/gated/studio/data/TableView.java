package dev.gated.studio.data;

import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Data panel shows of a read table: a preview of its first rows and every column for the chart. */
public final class TableView {

    private static final int PREVIEW_ROWS = 12;

    private TableView() {
    }

    public static Map<String, Object> of(StoredDataset d, TimeSeriesTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("bytes", d.size());
        m.put("rows", t.rowCount());
        m.put("timeColumn", t.timeColumnName());
        m.put("timeFormat", t.time().format().name().toLowerCase(java.util.Locale.ROOT));
        m.put("columns", t.columnNames());
        double[][] cols = t.columns();
        List<List<Object>> preview = new ArrayList<>();
        for (int r = 0; r < Math.min(PREVIEW_ROWS, t.rowCount()); r++) {
            List<Object> row = new ArrayList<>();
            row.add(t.time().label(r));
            for (int c = 0; c < t.columnCount(); c++) {
                row.add(cols[c][r]);
            }
            preview.add(row);
        }
        m.put("preview", preview);
        m.put("time", t.time().labels());
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int c = 0; c < cols.length; c++) {
            series.put(t.columnNames().get(c), cols[c]);
        }
        m.put("series", series);
        return m;
    }
}
